#!/usr/bin/env python3
"""Held-out scenario generator for Distill.Attribution.

Written blind: only from the public input contract and the public facts of the mission, without reading the
detector or the project's own generator. It writes DIR/input/ (accounts, payments, sessions, requests, releases,
indicators, in the v1 input contract) and DIR/truth.csv (account_id,label,operator_id,kind).

Standard library only. The same --seed, --scale and --variant give byte-identical files.

    python3 bench/heldout/generate.py --out /tmp/h --scale 0.01 --seed 7 [--variant mix|facts|hydra|stealth]
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import gzip
import hashlib
import json
import math
import os
import random
import sys
import time
import zlib

DAY = 86_400_000
HOUR = 3_600_000
MINUTE = 60_000
START = int(dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc).timestamp() * 1000)  # a Monday
DAYS = 56
END = START + DAYS * DAY
VARIANTS = ("facts", "hydra", "stealth")

# Local-time activity weights per hour of day (0..23).
PROFILE_GENERAL = [1, .6, .4, .3, .3, .4, .8, 1.5, 2.5, 3.5, 4, 4, 3.6, 4, 4.2, 4.2, 4, 3.6, 3.2, 3.4, 3.6, 3.2, 2.4, 1.6]
PROFILE_OFFICE = [.1, .05, .05, .05, .05, .1, .3, 1, 3, 5, 5.5, 5, 3.5, 4.5, 5, 5, 4.5, 3.5, 1.5, .6, .5, .4, .3, .2]
PROFILE_STUDENT = [2.5, 1.8, 1, .5, .3, .2, .3, .6, 1.2, 2, 2.5, 2.8, 2.6, 2.8, 3, 3, 3, 2.8, 2.8, 3.2, 3.6, 3.8, 3.6, 3.2]
PROFILE_NIGHT_OWL = [3, 3, 2.5, 2, 1, .5, .3, .3, .5, .8, 1, 1.5, 2, 2, 2, 2.2, 2.5, 2.8, 3, 3.2, 3.5, 3.8, 3.8, 3.5]

COUNTRY_TZ = {
    "US": -5, "CA": -5, "MX": -6, "BR": -3, "GB": 0, "IE": 0, "DE": 1, "FR": 1, "NL": 1, "PL": 1, "ES": 1, "IT": 1,
    "SE": 1, "NG": 1, "KE": 3, "TR": 3, "IN": 5, "VN": 7, "ID": 7, "SG": 8, "CN": 8, "KR": 9, "JP": 9, "AU": 10,
}
COUNTRY_WEIGHTS = [("US", 30), ("IN", 9), ("GB", 6), ("DE", 6), ("BR", 5), ("CA", 4), ("FR", 4), ("JP", 3),
                   ("KR", 3), ("NL", 2), ("PL", 2), ("ES", 2), ("IT", 2), ("SE", 1), ("NG", 2), ("KE", 1),
                   ("TR", 2), ("VN", 2), ("ID", 2), ("SG", 2), ("MX", 2), ("AU", 2), ("IE", 1), ("CN", 1)]

FIRST = ["Ana", "Ben", "Chloé", "Dmitri", "Elif", "Farah", "Gustavo", "Hana", "Ines", "Jonas", "Kavya", "Liam",
         "Mei", "Noah", "Olu", "Priya", "Quentin", "Rosa", "Sven", "Tomás", "Uma", "Viktor", "Wen", "Xavier", "Yuki",
         "Zainab", "Aarav", "Bea", "Carlos", "Dana", "Emeka", "Fatima", "Goran", "Hiro", "Ivy", "Jae", "Kofi", "Lena",
         "Mateo", "Nadia", "Oscar", "Pia", "Rahul", "Sara", "Theo", "Valentina", "Will", "Yara", "Zoë", "Ming"]
LAST = ["Silva", "Müller", "Kim", "Nguyen", "Patel", "Smith", "García", "Kowalski", "Okafor", "Tanaka", "Rossi",
        "Johansson", "Dubois", "Cohen", "Ivanova", "Sato", "Mensah", "Lopez", "Chen", "Wang", "Novak", "Haddad",
        "Brown", "Singh", "Yilmaz", "Andersen", "Moreau", "Costa", "Park", "Das", "Hughes", "Ortiz", "Lee", "Ali"]
FREE_MAIL = [("mailbox.com", 30), ("gmail.com", 40), ("outlook.com", 12), ("proton.me", 5), ("yahoo.com", 6),
             ("icloud.com", 6), ("qq.com", 2), ("web.de", 2), ("naver.com", 2), ("yandex.ru", 1)]
UNIVERSITIES = ["northfield.edu", "uni-altenburg.de", "lakeshore.ac.uk", "tecmonterra.mx", "kyoto-seiran.ac.jp",
                "iit-varanasi.ac.in", "unisud.br", "pacifica.edu", "hanbit.ac.kr", "vu-amstel.nl", "polyvale.edu",
                "eastmoor.edu", "univ-garonne.fr", "kth-norr.se"]
COMPANY_WORDS = ["Acme", "Blue", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper",
                 "Kite", "Lumen", "Maple", "Nimbus", "Onyx", "Pine", "Quartz", "Raven", "Sable", "Tidal", "Umber",
                 "Vertex", "Willow", "Zephyr", "Orbit", "Prism", "Cedar", "Atlas", "Beacon", "Summit"]
COMPANY_TAIL = ["Labs", "Analytics", "Systems", "Software", "Health", "Logistics", "Robotics", "Studio", "Capital",
                "Bio", "Works", "AI", "Data", "Security", "Learning"]

MODEL_BASE = "atlas-3"
MODEL_VISION = "atlas-3-vision"
CLIENTS_COMMON = [("atlas-python/1.40.2", 20), ("atlas-python/1.41.0", 14), ("atlas-python/1.42.1", 10),
                  ("atlas-node/1.18.3", 10), ("atlas-node/1.19.0", 6), ("python-requests/2.31.0", 6),
                  ("curl/8.5.0", 3), ("PostmanRuntime/7.36.1", 1), ("langchain/0.2.11 atlas-python/1.40.2", 5),
                  ("llamaindex/0.10.44", 2), ("atlas-go/0.9.2", 2), ("atlas-java/2.3.0", 2),
                  ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36", 8),
                  ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Version/18.1 Safari/605.1.15", 6),
                  ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", 3),
                  ("atlas-ios/5.2 (iPhone; iOS 18.1)", 5), ("atlas-android/5.1.3 (Android 14)", 5)]
AGENT_TOOL_CLIENT = "codewright-agent/2.3.1 (node 22.11)"

# (capability, input-token median, output-token median)
CAP_TOKENS = {"chat": (180, 320), "agentic_coding": (4200, 900), "tool_use": (1600, 260), "reasoning_cot": (650, 3400),
              "rubric_grading": (1900, 520), "censorship_rewrite": (900, 780), "computer_use": (2600, 180),
              "vision": (1300, 280), "other": (400, 400)}
HUMAN_CAPS = {
    "chatter": [("chat", 70), ("other", 10), ("vision", 6), ("reasoning_cot", 6), ("censorship_rewrite", 1),
                ("tool_use", 3), ("agentic_coding", 4)],
    "coder": [("agentic_coding", 45), ("chat", 25), ("tool_use", 12), ("reasoning_cot", 8), ("other", 6),
              ("computer_use", 2), ("rubric_grading", 2)],
    "student": [("chat", 45), ("reasoning_cot", 22), ("agentic_coding", 18), ("vision", 8), ("other", 7)],
    "worker": [("chat", 40), ("tool_use", 25), ("other", 15), ("agentic_coding", 10), ("vision", 5),
               ("rubric_grading", 5)],
    "agent": [("agentic_coding", 55), ("tool_use", 35), ("chat", 5), ("computer_use", 5)],
}
HARVEST_CAPS = [("reasoning_cot", 38), ("rubric_grading", 18), ("censorship_rewrite", 14), ("agentic_coding", 16),
                ("tool_use", 10), ("computer_use", 2), ("vision", 2)]


# ----------------------------------------------------------------------------------------------------------- helpers

def mix(*values: int) -> int:
    """Deterministic 32-bit mixing of integers (sticky choices without stored state)."""
    h = 0x811C9DC5
    for v in values:
        h = ((h ^ (v & 0xFFFFFFFF)) * 0x01000193) & 0xFFFFFFFF
        h ^= h >> 15
        h = (h * 0x2C1B3C6D) & 0xFFFFFFFF
        h ^= h >> 12
    return h


def sid(s: str) -> int:
    """A stable integer of a string (str hash() is salted per process, so it would break determinism)."""
    return zlib.crc32(s.encode("utf-8"))


def weighted(rng: random.Random, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for value, w in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][0]


def table(rng: random.Random, pairs, bits: int = 8) -> list:
    """A 2**bits lookup table sampled from weighted pairs: pick with table[getrandbits(bits)]."""
    return [weighted(rng, pairs) for _ in range(1 << bits)]


def poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def token(rng: random.Random, n: int = 10, alphabet: str = "abcdefghjkmnpqrstuvwxyz23456789") -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def fingerprint(rng: random.Random) -> str:
    return "tpl_%016x" % rng.getrandbits(64)


def utc_cum(profile, tz: int):
    w = [profile[(h + tz) % 24] for h in range(24)]
    cum, s = [], 0.0
    for x in w:
        s += x
        cum.append(s)
    return cum


def iso(ms: int) -> str:
    return dt.datetime.fromtimestamp(ms / 1000, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class TsFormat:
    """RFC 3339 with milliseconds, from a per-minute prefix cache; offset_hours shifts to a local offset."""

    _tails: dict[str, list[str]] = {}

    def __init__(self, offset_hours: int = 0):
        self.offset = offset_hours * HOUR
        self.suffix = "Z" if offset_hours == 0 else "%+03d:00" % offset_hours
        self.cache: dict[int, str] = {}
        if self.suffix not in TsFormat._tails:
            TsFormat._tails[self.suffix] = ["%02d.%03d%s" % (r // 1000, r % 1000, self.suffix) for r in range(MINUTE)]
        self.tails = TsFormat._tails[self.suffix]
        self.last_minute, self.prefix = -1, ""

    def sorted_call(self, ms: int) -> str:
        """The same as calling it, faster for timestamps that mostly arrive in order."""
        ms += self.offset
        m = ms // MINUTE
        if m != self.last_minute:
            self.last_minute = m
            self.prefix = dt.datetime.fromtimestamp(m * 60, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:")
        return self.prefix + self.tails[ms - m * MINUTE]

    def __call__(self, ms: int) -> str:
        ms += self.offset
        m = ms // MINUTE
        p = self.cache.get(m)
        if p is None:
            if len(self.cache) > 4096:
                self.cache.clear()
            p = dt.datetime.fromtimestamp(m * 60, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:")
            self.cache[m] = p
        r = ms - m * MINUTE
        return "%s%02d.%03d%s" % (p, r // 1000, r % 1000, self.suffix)


def token_table(rng: random.Random, cap: str, scale_out: float = 1.0, bits: int = 12):
    tin, tout = CAP_TOKENS[cap]
    return [(int(tin * rng.lognormvariate(0, 0.6)), int(tout * scale_out * rng.lognormvariate(0, 0.55)))
            for _ in range(1 << bits)]


# ---------------------------------------------------------------------------------------------------- network world

class Net:
    """An autonomous system with /16 prefixes (IPv4) or a /32 (IPv6); kind is the true kind of its addresses."""

    def __init__(self, asn: int, org: str, kind: str, prefixes, v6: str | None = None):
        self.asn, self.org, self.kind, self.prefixes, self.v6 = asn, org, kind, prefixes, v6

    def ip(self, rng: random.Random) -> str:
        a, b = rng.choice(self.prefixes)
        return "%d.%d.%d.%d" % (a, b, rng.randrange(256), rng.randrange(1, 255))

    def ip6(self, rng: random.Random) -> str:
        return "%s:%x:%x::%x" % (self.v6, rng.randrange(1, 0xFFFF), rng.randrange(1, 0xFFFF), rng.randrange(1, 0xFFFF))


class Nets:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.by_prefix: dict[str, Net] = {}
        self.used_prefixes: set[tuple[int, int]] = set()
        self.asns: set[int] = set()
        self.exit_ips: set[str] = set()  # residential proxy exits (the intel feed labels some of them "proxy")

    def make(self, org: str, kind: str, n_prefix: int = 1, v6: bool = False) -> Net:
        rng = self.rng
        asn = rng.randrange(1000, 64000)
        while asn in self.asns:
            asn = rng.randrange(1000, 64000)
        self.asns.add(asn)
        prefixes = []
        while len(prefixes) < n_prefix:
            a = rng.choice([23, 24, 31, 37, 45, 46, 49, 62, 66, 68, 71, 73, 77, 78, 81, 82, 84, 86, 88, 91, 93, 98,
                            103, 104, 109, 112, 115, 118, 121, 125, 138, 141, 146, 151, 154, 161, 164, 171, 176, 178,
                            180, 185, 188, 190, 193, 197, 200, 201, 203, 212, 213, 217])
            b = rng.randrange(256)
            if (a, b) not in self.used_prefixes:
                self.used_prefixes.add((a, b))
                prefixes.append((a, b))
        v6p = None
        if v6:
            v6p = "2a%02x:%x" % (rng.randrange(256), rng.randrange(0x100, 0xFFFF))
        net = Net(asn, org, kind, prefixes, v6p)
        for a, b in prefixes:
            self.by_prefix["%d.%d" % (a, b)] = net
        if v6p:
            self.by_prefix[v6p] = net
        return net

    def meta(self, ip: str):
        """(asn, asn_org, ip_type as a noisy intelligence feed would report it)."""
        if ":" in ip:
            parts = ip.split(":")
            net = self.by_prefix.get(parts[0] + ":" + parts[1])
        else:
            parts = ip.split(".")
            net = self.by_prefix.get(parts[0] + "." + parts[1])
        if net is None:
            return "", "", ""
        h = zlib.crc32(ip.encode()) % 1000
        kind = net.kind
        if ip in self.exit_ips:
            kind = "proxy" if h < 220 else ("unknown" if h < 300 else "residential")
        elif h < 40:
            kind = "unknown"
        elif h < 70:
            kind = {"residential": "proxy", "mobile": "residential", "datacenter": "vpn", "vpn": "datacenter",
                    "unknown": "residential"}.get(kind, kind)
        if h % 97 == 0:
            return str(net.asn), net.org, ""  # the feed had no type for this one
        return str(net.asn), net.org, kind


# -------------------------------------------------------------------------------------------------------- accounts

class Account:
    __slots__ = ("id", "h", "created", "ended", "email_domain", "email_hash", "display", "org", "pathway",
                 "country", "status", "label", "operator", "kind")

    def __init__(self, aid, created, pathway, country, label, operator, kind):
        self.id, self.created, self.pathway, self.country = aid, created, pathway, country
        self.h = sid(aid)
        self.label, self.operator, self.kind = label, operator, kind
        self.ended = END + DAY
        self.email_domain = self.email_hash = self.display = self.org = None
        self.status = "active"


class World:
    def __init__(self, seed: int, scale: float, variant: str):
        self.seed, self.scale = seed, scale
        self.rng = random.Random("heldout:%d" % seed)
        if variant == "mix":
            variant = "mix:" + "+".join(sorted(self.rng.sample(VARIANTS, 2)))
        self.variant = variant
        self.nets = Nets(self.rng)
        self.accounts: list[Account] = []
        self.ids: set[str] = set()
        self.payments: list[tuple] = []
        self.indicators: list[tuple] = []
        self.actors: list = []
        self.updates: list[Account] = []  # accounts whose status changed later (a second row in accounts)
        self.releases: list[tuple[str, int]] = []
        self.operator_names: set[str] = set()

    # scaled counts
    def n(self, base: float, floor: int) -> int:
        return max(floor, int(round(base * self.scale)))

    def style(self, name: str) -> bool:
        """Whether a world variant applies: 'facts', 'hydra', 'stealth', or a 'mix:a+b' of two of them."""
        return name in self.variant

    def new_account(self, created: int, pathway: str, country: str, label: str, operator: str, kind: str,
                    email_domain: str | None = None, org: str | None = None, display: bool = True) -> Account:
        rng = self.rng
        aid = "acct_" + token(rng, 12)
        while aid in self.ids:
            aid = "acct_" + token(rng, 12)
        self.ids.add(aid)
        a = Account(aid, created, pathway, country, label, operator, kind)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if email_domain is None:
            email_domain = weighted(rng, FREE_MAIL)
        local = "%s.%s%d" % (first.lower(), last.lower(), rng.randrange(1, 9999))
        a.email_domain = email_domain
        if rng.random() < 0.93:
            email = (local + "@" + email_domain).encode("utf-8")
            a.email_hash = hashlib.sha256(email).hexdigest()
        if display and rng.random() < 0.8:
            a.display = first + " " + last if rng.random() < 0.7 else first.lower() + str(rng.randrange(100))
        a.org = org
        self.accounts.append(a)
        return a

    def pay(self, a: Account, fp: str, kind: str = "card", bin_: str | None = None, country: str | None = None,
            first_seen: int | None = None):
        self.payments.append((a.id, fp, kind, bin_ or "", country or "",
                              first_seen if first_seen is not None else a.created + self.rng.randrange(60_000, HOUR)))

    def card(self, bin_: str | None = None) -> tuple[str, str]:
        rng = self.rng
        return "pm_" + token(rng, 20, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), \
            bin_ or str(rng.choice([4, 5])) + "".join(rng.choice("0123456789") for _ in range(5))

    def country(self) -> str:
        return weighted(self.rng, COUNTRY_WEIGHTS)

    def operator(self, indicated: bool) -> tuple[str, str]:
        rng = self.rng
        oid = "op-" + token(rng, 6)
        name = rng.choice(COMPANY_WORDS) + rng.choice(["mind", "gate", "leaf", "stone", "field", "wave"]) + " " + \
            rng.choice(["Research", "AI Lab", "Technologies", "Intelligence", "Group"])
        while name in self.operator_names:
            name = name + " II"
        self.operator_names.add(name)
        return oid, name

    def indicator(self, oid, name, kind, value, conf, source):
        self.indicators.append((oid, name, kind, value, "" if conf is None else ("%.2f" % conf), source))

    # ------------------------------------------------------------------------------------------------- releases
    def make_releases(self):
        rng = self.rng
        self.releases = [(MODEL_BASE, int(dt.datetime(2025, 5, 20, 16, tzinfo=dt.timezone.utc).timestamp() * 1000)),
                         (MODEL_VISION, int(dt.datetime(2025, 8, 2, 17, tzinfo=dt.timezone.utc).timestamp() * 1000))]
        for name, day in (("atlas-3.5", 9 + rng.randrange(3)), ("atlas-4", 25 + rng.randrange(4)),
                          ("atlas-4-mini", 39 + rng.randrange(4)), ("atlas-4.1", 50 + rng.randrange(3))):
            self.releases.append((name, START + day * DAY + rng.randrange(14, 19) * HOUR + rng.randrange(60) * MINUTE))
        self.chain = [(m, t) for m, t in self.releases if m != MODEL_VISION]
        self.chain.sort(key=lambda x: x[1])
        self.chain_times = [t for _, t in self.chain]

    def newest(self, t: int, delay: int = 0) -> str:
        """The newest model released at least `delay` ms before t."""
        i = bisect.bisect_right(self.chain_times, t - delay)
        return self.chain[i - 1][0] if i else MODEL_BASE

    def human_model(self, rng: random.Random, t: int, tau_h: float) -> str:
        for name, r in reversed(self.chain):
            if r <= t and rng.random() < 1 - math.exp(-(t - r) / (tau_h * HOUR)):
                return name
        return MODEL_BASE


# ---------------------------------------------------------------------------------------------------------- actors

class Human:
    """One person on one account: sessions of requests following a daily rhythm in their time zone."""
    __slots__ = ("w", "acct", "cum", "p_day", "weekend", "sess_mean", "req_mean", "gap_mu", "caps", "ips", "clients",
                 "personal", "group_fps", "group_p", "tau", "first_day", "last_day", "tokens")

    def __init__(self, w: World, acct: Account, profile, tz: int, caps: str, ips, clients, *, p_day=None,
                 weekend=0.8, sess_mean=1.5, req_mean=3.5, tau=None, group_fps=None, group_p=0.0):
        rng = w.rng
        self.w, self.acct = w, acct
        self.cum = utc_cum(profile, tz)
        self.p_day = p_day if p_day is not None else min(0.95, rng.lognormvariate(math.log(0.2), 0.8))
        self.weekend, self.sess_mean, self.req_mean = weekend, sess_mean, req_mean
        self.gap_mu = rng.choice([25, 40, 60, 90, 150]) * 1000  # median think time between requests, ms
        self.caps = w.cap_tables[caps]
        self.ips = ips  # list of (ip, weight)
        self.clients = clients
        self.personal = [fingerprint(rng) for _ in range(rng.randrange(0, 5))]
        self.group_fps, self.group_p = group_fps, group_p
        self.tau = tau if tau is not None else rng.choice([12, 48, 96, 200, 400, 900])
        self.first_day = max(0, (acct.created - START) // DAY)
        self.last_day = min(DAYS - 1, (acct.ended - START) // DAY)
        self.tokens = w.tokens

    def emit(self, day: int, rng: random.Random, out: list):
        if day < self.first_day or day > self.last_day:
            return
        p = self.p_day * (self.weekend if day % 7 >= 5 else 1.0)
        if rng.random() >= p:
            return
        for _ in range(1 + poisson(rng, self.sess_mean - 1)):
            self.session(day, rng, out, None)

    def session(self, day, rng, out, t0, fps=None, n=None):
        w = self.w
        if t0 is None:
            h = 0
            x = rng.random() * self.cum[-1]
            while self.cum[h] < x:
                h += 1
            t0 = START + day * DAY + h * HOUR + int(rng.random() * HOUR)
        ip = weighted(rng, self.ips) if len(self.ips) > 1 else self.ips[0][0]
        client = rng.choice(self.clients)
        aid = self.acct.id
        t = t0
        model = w.human_model(rng, t, self.tau)  # one model per session
        gaps = w.gap_table
        gap_base = self.gap_mu
        for _ in range(n if n is not None else 1 + poisson(rng, self.req_mean - 1)):
            cap = self.caps[rng.getrandbits(8)]
            if fps is not None:
                fp = rng.choice(fps)
            elif self.group_fps and rng.random() < self.group_p:
                fp = rng.choice(self.group_fps)
            elif self.personal and rng.random() < 0.25:
                fp = rng.choice(self.personal)
            elif rng.random() < 0.3:
                fp = w.common_fps[rng.getrandbits(10)]
            elif rng.random() < 0.06:
                fp = ""
            else:
                fp = fingerprint(rng)
            tin, tout = self.tokens[cap][rng.getrandbits(12)]
            if cap == "vision" and t < w.vision_until:
                out.append((t, aid, MODEL_VISION, cap, fp, ip, client, tin, tout))
            else:
                out.append((t, aid, model, cap, fp, ip, client, tin, tout))
            t += int(gap_base * gaps[rng.getrandbits(12)]) + 800


class GroupEvent:
    """Scheduled shared activity of a legit group: deadline rushes, nightly eval jobs, hackathon days, cron jobs."""

    def __init__(self, fn):
        self.fn = fn

    def emit(self, day, rng, out):
        self.fn(day, rng, out)


# -------------------------------------------------------------------------------------------------- innocent groups

def build_innocents(w: World):
    rng = w.rng
    nets = w.nets
    isps = [nets.make(rng.choice(COMPANY_WORDS) + " " + rng.choice(["Broadband", "Telecom", "Cable", "Fiber", "Net"]),
                      "residential", rng.randrange(2, 6), v6=rng.random() < 0.5) for _ in range(14)]
    mobiles = [nets.make(rng.choice(COMPANY_WORDS) + " Mobile", "mobile", 2, v6=True) for _ in range(4)]
    clouds = [nets.make(n, "datacenter", 4) for n in ("Cumulus Cloud Compute", "Stratus Hosting", "NimbleVPS")]
    w.isps, w.mobiles, w.clouds = isps, mobiles, clouds
    vpn_prov = nets.make("Tunnelbear-like Privacy Networks", "vpn", 3)
    w.vpn_provider = vpn_prov
    w.proxy_exit_pool = []  # filled by build_operators (residential exits), some innocents live behind them

    def home_ip(country):
        isp = isps[(mix(sid(country)) + rng.randrange(3)) % len(isps)]
        if isp.v6 and rng.random() < 0.15:
            return isp.ip6(rng)
        return isp.ip(rng)

    def mobile_ip():
        m = rng.choice(mobiles)
        return m.ip6(rng) if rng.random() < 0.3 else m.ip(rng)

    def created_before(days_back_max=700):
        return START - rng.randrange(2 * DAY, days_back_max * DAY)

    def created_any():
        if rng.random() < 0.12:
            return START + rng.randrange(0, (DAYS - 3) * DAY)
        return created_before()

    def clients_pick(k=None):
        k = k or (1 if rng.random() < 0.7 else 2)
        return [weighted(rng, CLIENTS_COMMON) for _ in range(k)]

    def person(kind, pathway="self_serve", *, domain=None, org=None, created=None, country=None, profile=None,
               caps=None, ips=None, clients=None, card=True, card_fp=None, **kw):
        country = country or w.country()
        a = w.new_account(created if created is not None else created_any(), pathway, country, "legit", "", kind,
                          email_domain=domain, org=org)
        if card_fp is not None:
            w.pay(a, card_fp[0], "card", card_fp[1], country)
        elif card:
            fp, bin_ = w.card()
            w.pay(a, fp, weighted(rng, [("card", 85), ("wallet", 12), ("bank", 3)]), bin_, country)
        if rng.random() < 0.01:
            a.status = "closed"
        tz = COUNTRY_TZ[country]
        if ips is None:
            ips = [(home_ip(country), 6)]
            if rng.random() < 0.5:
                ips.append((mobile_ip(), 2))
        h = Human(w, a, profile or rng.choice([PROFILE_GENERAL, PROFILE_GENERAL, PROFILE_NIGHT_OWL]), tz,
                  caps or rng.choice(["chatter", "chatter", "coder", "worker"]), ips, clients or clients_pick(), **kw)
        w.actors.append(h)
        return a, h

    # ordinary individuals
    for _ in range(w.n(24000 if not w.style("hydra") else 21000, 60)):
        person("ordinary")

    # families: one card, one home IP
    for _ in range(w.n(800, 4)):
        country = w.country()
        card = w.card()
        home = home_ip(country)
        for _ in range(rng.randrange(2, 6)):
            person("family", country=country, card_fp=card, ips=[(home, 8), (mobile_ip(), 2)])

    # power users (some with a second account on the same card)
    for _ in range(w.n(400, 3)):
        country = w.country()
        card = w.card()
        ips = [(home_ip(country), 5), (rng.choice(clouds).ip(rng), 2)]
        for _ in range(1 if rng.random() < 0.7 else 2):
            person("power_user", country=country, card_fp=card, ips=ips, caps=rng.choice(["coder", "agent"]),
                   p_day=rng.uniform(0.6, 0.95), sess_mean=3.5, req_mean=rng.uniform(15, 40), tau=rng.choice([3, 8, 24]))

    # campus NATs: many students behind few IPs, same domain, education pathway, shared assignment prompts
    unis = rng.sample(UNIVERSITIES, 8)
    w.campus_domains = []
    for u in range(w.n(4, 1)):
        dom = unis[u]
        w.campus_domains.append(dom)
        uni_net = nets.make(dom.split(".")[0].upper() + " University Network", "unknown", 1)
        nat = [uni_net.ip(rng) for _ in range(rng.randrange(2, 5))]
        w.campus_nat_ips = getattr(w, "campus_nat_ips", []) + nat
        country = {"de": "DE", "uk": "GB", "mx": "MX", "jp": "JP", "in": "IN", "br": "BR", "kr": "KR", "nl": "NL",
                   "fr": "FR", "se": "SE"}.get(dom.rsplit(".", 1)[-1], "US")
        assignment = [fingerprint(rng) for _ in range(rng.randrange(2, 5))]
        students = []
        for _ in range(w.n(rng.randrange(150, 600), 12)):
            ips = [(rng.choice(nat), 7), (home_ip(country), 3)]
            if rng.random() < 0.5:
                ips.append((mobile_ip(), 1))
            a, h = person("campus_nat", "education", domain=dom, org=dom.split(".")[0].title() + " University",
                          country=country, profile=PROFILE_STUDENT, caps="student", ips=ips, card=rng.random() < 0.2,
                          group_fps=assignment, group_p=0.1)
            students.append(h)
        deadlines = sorted(rng.sample(range(3, DAYS), 5))

        def rush(day, r, out, students=students, deadlines=deadlines, assignment=assignment, tz=COUNTRY_TZ[country]):
            if day + 1 not in deadlines and day not in deadlines:
                return
            for h in students:
                if r.random() < (0.35 if day + 1 in deadlines else 0.15) and h.first_day <= day <= h.last_day:
                    local = r.choice([19, 20, 21, 22, 23, 23, 22])
                    t0 = START + day * DAY + ((local - tz) % 24) * HOUR + int(r.random() * HOUR)
                    h.session(day, r, out, t0, fps=assignment, n=r.randrange(2, 9))
        w.actors.append(GroupEvent(rush))

    # mobile carrier CGNAT: unrelated users share a small pool of IPv4 addresses
    for _ in range(w.n(2 if not w.style("hydra") else 4, 1)):
        carrier = rng.choice(mobiles)
        pool = [carrier.ip(rng) for _ in range(rng.randrange(8, 30))]
        for _ in range(w.n(750, 10)):
            ips = [(rng.choice(pool), 5), (rng.choice(pool), 3), (rng.choice(pool), 2)]
            person("cgnat_mobile", ips=ips, caps="chatter",
                   clients=[rng.choice(["atlas-ios/5.2 (iPhone; iOS 18.1)", "atlas-android/5.1.3 (Android 14)"])])

    # consumer VPN: users share a commercial VPN's exits
    for _ in range(w.n(1500, 10)):
        exits = [(vpn_prov.ip(rng), 1) for _ in range(2)]
        base = [(home_ip(w.country()), 1)] if rng.random() < 0.4 else []
        person("consumer_vpn", ips=exits + base)
    w.vpn_exit_sample = [vpn_prov.ip(rng) for _ in range(5)]

    # corporate VPN: an enterprise's employees, one invoice, one egress set, one internal assistant and its prompt
    for c in range(w.n(3, 1)):
        org = rng.choice(COMPANY_WORDS) + " " + rng.choice(["Insurance", "Bank", "Pharma", "Motors", "Retail"])
        dom = org.split()[0].lower() + "-corp.com"
        egress_net = nets.make(org + " Corporate", "vpn" if rng.random() < 0.5 else "datacenter", 1)
        egress = [(egress_net.ip(rng), 1) for _ in range(rng.randrange(2, 7))]
        country = rng.choice(["US", "DE", "GB", "JP", "FR"])
        invoice = ("inv_" + token(rng, 16), "")
        system_prompts = [fingerprint(rng) for _ in range(3)]
        client = rng.choice(COMPANY_WORDS).lower() + "-assist/3.%d.%d" % (rng.randrange(9), rng.randrange(9))
        for _ in range(w.n(rng.randrange(80, 300), 10)):
            a, _h = person("corp_vpn", "enterprise", domain=dom, org=org, country=country, profile=PROFILE_OFFICE,
                           caps="worker", ips=egress, clients=[client, client, weighted(rng, CLIENTS_COMMON)],
                           card=False, weekend=0.08, p_day=rng.uniform(0.3, 0.85), group_fps=system_prompts,
                           group_p=0.6)
            w.payments.append((a.id, invoice[0], "invoice", "", country, a.created + DAY))

    # small offices: one company card, one office IP
    for _ in range(w.n(120, 3)):
        org = rng.choice(COMPANY_WORDS) + " " + rng.choice(COMPANY_TAIL)
        dom = org.lower().replace(" ", "") + ".io"
        country = w.country()
        office = rng.choice(isps).ip(rng)
        card = w.card()
        for _ in range(rng.randrange(3, 16)):
            person("office_card", rng.choice(["self_serve", "self_serve", "enterprise"]), domain=dom,
                   org=org if rng.random() < 0.6 else None, country=country, profile=PROFILE_OFFICE, card_fp=card,
                   ips=[(office, 6), (home_ip(country), 2)], weekend=0.15)

    # open teams (startups and research groups) working together, with nightly eval jobs and same-day model evals
    for _ in range(w.n(12 if not w.style("stealth") else 30, 2)):
        org = rng.choice(COMPANY_WORDS) + " " + rng.choice(["AI", "Labs", "Research", "Robotics"])
        dom = org.lower().replace(" ", "") + ".ai"
        country = w.country()
        tz = COUNTRY_TZ[country]
        office = rng.choice(isps).ip(rng)
        ci_ip = rng.choice(clouds).ip(rng)
        card = w.card()
        suite = {cap: [fingerprint(rng) for _ in range(rng.randrange(3, 12))]
                 for cap in ("rubric_grading", "reasoning_cot", "agentic_coding", "tool_use")}
        team = []
        created = created_before(300)
        for _ in range(rng.randrange(4, 21)):
            a, h = person("open_team", "startup_program" if rng.random() < 0.7 else "security_research", domain=dom,
                          org=org, country=country, profile=PROFILE_OFFICE, caps="coder", card_fp=card,
                          created=created + rng.randrange(0, 40 * DAY), ips=[(office, 6), (home_ip(country), 3)],
                          tau=rng.choice([2, 4, 8]), p_day=rng.uniform(0.4, 0.9), weekend=0.3)
            team.append(a)
        runners = rng.sample(team, min(len(team), rng.randrange(1, 4)))
        size = rng.randrange(60, 400)
        client = "evalkit/0.%d.%d atlas-python/1.41.0" % (rng.randrange(4, 9), rng.randrange(10))
        minute = rng.randrange(0, 50)

        def nightly(day, r, out, runners=runners, size=size, client=client, tz=tz, minute=minute, suite=suite,
                    ci_ip=ci_ip):
            t0 = START + day * DAY + ((2 - tz) % 24) * HOUR + minute * MINUTE + r.randrange(0, 90_000)
            models = [w.newest(t0)]
            for name, rel in w.chain:
                if 0 <= t0 + 20 * HOUR - rel < DAY and name != models[0]:  # released today: evaluate it too
                    models.append(name)
            for model in models:
                t = t0 if model == models[0] else max(t0, w.releases_by_name[model] + r.randrange(2, 6) * HOUR)
                if t >= START + (day + 1) * DAY - HOUR:
                    continue
                for i in range(size if r.random() < 0.9 else 0):
                    cap = r.choice(("rubric_grading", "reasoning_cot", "agentic_coding", "tool_use"))
                    acct = runners[i % len(runners)]
                    if acct.created > t or acct.ended < t:
                        continue
                    tin, tout = w.tokens[cap][r.getrandbits(12)]
                    out.append((t, acct.id, model, cap, r.choice(suite[cap]), ci_ip, client, tin, tout))
                    t += r.randrange(300, 9000)
        w.actors.append(GroupEvent(nightly))

    # cron jobs: one account, a fixed schedule from a VPS, one template
    for _ in range(w.n(250, 3)):
        a, h = person("cron_job", caps="chatter", p_day=0.3)
        ip = rng.choice(clouds).ip(rng)
        period = rng.choice([15, 30, 60, 60, 120]) * MINUTE
        offset = rng.randrange(0, period)
        fp = fingerprint(rng)
        cap = rng.choice(["chat", "other", "tool_use", "rubric_grading"])
        client = rng.choice(["python-requests/2.31.0", "curl/8.5.0", "atlas-python/1.40.2"])
        start_day, stop_day = rng.randrange(0, DAYS // 2), rng.randrange(DAYS // 2, DAYS + 20)

        def cron(day, r, out, a=a, ip=ip, period=period, offset=offset, fp=fp, cap=cap, client=client,
                 start_day=start_day, stop_day=stop_day):
            if not start_day <= day < stop_day:
                return
            t = START + day * DAY + offset
            end = t - offset + DAY
            while t < end:
                if r.random() < 0.985:
                    tin, tout = w.tokens[cap][r.getrandbits(12)]
                    out.append((t + r.randrange(0, 1800), a.id, w.newest(t, 21 * DAY), cap, fp, ip, client, tin, tout))
                t += period
        w.actors.append(GroupEvent(cron))

    # hackathons: accounts created together at one venue, one starter template, two intense days
    for _ in range(w.n(2 if not w.style("stealth") else 4, 1)):
        day0 = rng.randrange(3, DAYS - 5)
        country = w.country()
        tz = COUNTRY_TZ[country]
        venue_net = rng.choice(isps)
        venue = [venue_net.ip(rng) for _ in range(2)]
        starter = [fingerprint(rng) for _ in range(3)]
        crowd = []
        for _ in range(w.n(rng.randrange(50, 150), 8)):
            created = START + day0 * DAY + ((9 - tz) % 24) * HOUR + rng.randrange(0, 3 * HOUR)
            a, h = person("hackathon", domain=None, created=created, country=country, caps="agent",
                          ips=[(venue[0], 1), (venue[1], 1), (home_ip(country), 1)], card=rng.random() < 0.3,
                          p_day=0.08, clients=[AGENT_TOOL_CLIENT if rng.random() < 0.4 else
                                               weighted(rng, CLIENTS_COMMON)])
            crowd.append((a, h))

        def hack(day, r, out, crowd=crowd, day0=day0, starter=starter, venue=venue):
            if day not in (day0, day0 + 1):
                return
            for a, h in crowd:
                for _ in range(r.randrange(2, 7)):
                    t0 = max(a.created + 5 * MINUTE, START + day * DAY + r.randrange(0, 20 * HOUR))
                    if t0 < START + (day + 1) * DAY:
                        h.session(day, r, out, t0, fps=starter if r.random() < 0.6 else None, n=r.randrange(3, 12))
        w.actors.append(GroupEvent(hack))

    # users of a popular open-source agent: one client string and its system prompts, unrelated people
    agent_prompts = [fingerprint(rng) for _ in range(6)]
    for _ in range(w.n(2500 if not w.style("stealth") else 4000, 15)):
        person("agent_tool", caps="agent", clients=[AGENT_TOOL_CLIENT], group_fps=agent_prompts, group_p=0.7,
               req_mean=rng.uniform(5, 20), tau=rng.choice([6, 24, 72]))

    # an authorised reseller (official partner pathway): many sub-accounts, datacenter IPs, one invoice
    for _ in range(w.n(1, 1)):
        org = rng.choice(COMPANY_WORDS) + " Cloud Partners"
        dom = org.split()[0].lower() + "-partners.com"
        dc = [(rng.choice(clouds).ip(rng), 1) for _ in range(6)]
        invoice = "inv_" + token(rng, 16)
        for _ in range(w.n(40, 5)):
            a, h = person("authorized_reseller", "reseller", domain=dom, org=org, country="US", card=False,
                          ips=dc, caps=rng.choice(["worker", "chatter", "coder"]), p_day=0.9, sess_mean=6,
                          req_mean=12, weekend=0.7, clients=["atlas-python/1.42.1"])
            w.payments.append((a.id, invoice, "invoice", "", "US", a.created + DAY))

    w.person, w.home_ip, w.mobile_ip = person, home_ip, mobile_ip


# ------------------------------------------------------------------------------------------------------- operators

class LockstepLab:
    """A lab's own researchers: dozens of accounts on a few shared cards, one scheduler that fans each tick out to
    several accounts within milliseconds (round-robin or a random subset), running as jobs of a few hours."""

    def __init__(self, w: World, oid: str, name: str, n_acc: int, exchanges: float, *, shared_cards: bool,
                 rr: bool, indicated: bool, kind: str = "lockstep_lab"):
        rng = w.rng
        self.w, self.oid, self.rr = w, oid, rr
        nets = w.nets
        lab_net = nets.make(name + " Office", "residential" if rng.random() < 0.5 else "datacenter", 1)
        self.office = lab_net.ip(rng)
        cloud = rng.choice(w.clouds)
        self.vms = [cloud.ip(rng) for _ in range(max(2, n_acc // 4))]
        self.country = rng.choice(["CN", "SG", "US", "KR", "TR"])
        self.tz = COUNTRY_TZ[self.country]
        lab_domain = name.split()[0].lower() + ".ai"
        self.client = "atlas-python/1.38.2 harvestkit/0.%d.%d" % (rng.randrange(2, 6), rng.randrange(10))
        self.research_client = "python-httpx/0.27.0"
        cards = [w.card() for _ in range(max(2, n_acc // 12))]
        created0 = START - rng.randrange(5, 40) * DAY
        self.accounts = []
        for i in range(n_acc):
            dom = lab_domain if rng.random() < 0.1 else None
            a = w.new_account(created0 + rng.randrange(0, 4 * DAY), rng.choice(["self_serve", "self_serve",
                              "startup_program"]), rng.choice([self.country, "US", "SG"]), "fraud", oid, kind,
                              email_domain=dom, org=(name.split()[0] + " Research") if rng.random() < 0.15 else None)
            if shared_cards:
                fp, bin_ = cards[i % len(cards)]
            else:
                fp, bin_ = w.card(cards[0][1])
            w.pay(a, fp, "card", bin_, self.country)
            self.accounts.append(a)
        self.templates = [(cap, fingerprint(rng)) for cap, wt in HARVEST_CAPS for _ in range(max(1, wt // 8))]
        self.tpl = table(rng, template_weights(self.templates))
        self.pivot_delay = rng.randrange(3, 30) * HOUR
        # a fixed scheduler tick; the job length and the number of jobs per day follow from the volume
        self.batch = (3, 8)  # 3..7 accounts per tick, 5.5 on average
        self.tick_ms = rng.randrange(30, 90) * 1000
        per_hour = 5.5 * HOUR / self.tick_ms
        self.job_hours = min(4.5, max(0.5, exchanges / (DAYS * 2 * per_hour)))
        self.jobs_per_day = exchanges / (DAYS * per_hour * self.job_hours)
        self.rr_pos = 0
        if indicated:
            w.indicator(oid, name, "client", self.client, 0.8, "internal:incident-2025-11")
            w.indicator(oid, name, "cidr", "%s.0/24" % self.office.rsplit(".", 1)[0], 0.7, "internal:incident-2025-11")
            w.indicator(oid, name, "email_domain", lab_domain, 0.9, "peer-share")
            w.indicator(oid, name, "org_name", name.split()[0] + " Research", 0.4, "osint")
            w.indicator(oid, name, "payment_fingerprint", cards[0][0], 0.85, "peer-share")
            w.indicator(oid, name, "asn", str(cloud.asn), 0.15, "osint")  # weak: a public cloud many people use
            w.indicator(oid, name, "prompt_fingerprint", self.templates[0][1], 0.6, "internal:template-hunt")

    def emit(self, day, rng, out):
        w = self.w
        jobs = poisson(rng, self.jobs_per_day * (0.6 if day % 7 >= 5 else 1.15))
        for _ in range(jobs):
            local = rng.choice([10, 11, 14, 15, 16, 19, 22, 23])
            t = START + day * DAY + ((local - self.tz) % 24) * HOUR + rng.randrange(0, HOUR)
            end = min(START + (day + 1) * DAY + 6 * HOUR, t + int(rng.uniform(0.3, 1.7) * self.job_hours * HOUR))
            tick = int(self.tick_ms * rng.uniform(0.7, 1.3))
            model = w.newest(t, self.pivot_delay)
            while t < end:
                k = rng.randrange(*self.batch)
                if self.rr:
                    chosen = [self.accounts[(self.rr_pos + j) % len(self.accounts)] for j in range(k)]
                    self.rr_pos += k
                else:
                    chosen = rng.sample(self.accounts, min(k, len(self.accounts)))
                for a in chosen:
                    cap, fp = self.tpl[rng.getrandbits(8)]
                    tin, tout = w.tokens_h[cap][rng.getrandbits(12)]
                    ip = self.vms[mix(a.h) % len(self.vms)]
                    out.append((t + rng.randrange(0, 250), a.id, model, cap, fp, ip, self.client, tin, tout))
                t += tick + rng.randrange(-tick // 20, tick // 20 + 1)
        # researchers trying things by hand from the office (the metadata that traced them)
        if day % 7 < 5:
            for _ in range(poisson(rng, 6)):
                a = rng.choice(self.accounts)
                t = START + day * DAY + ((rng.randrange(9, 19) - self.tz) % 24) * HOUR + int(rng.random() * HOUR)
                cap, fp = self.tpl[rng.getrandbits(8)]
                tin, tout = w.tokens_h[cap][rng.getrandbits(12)]
                out.append((t, a.id, w.newest(t), cap, fp, self.office, self.research_client, tin, tout))


class PathwayPivot:
    """Hundreds of accounts in crews, each crew on its own access pathway and infrastructure; a shared work queue
    spreads the op's templates over the crew's accounts around the clock; every crew moves to a new model within
    a day of its release."""

    def __init__(self, w: World, oid: str, name: str, n_acc: int, exchanges: float, *, crews: int, stealthy: bool,
                 indicated: bool, kind: str = "pathway_pivot", late_start: int | None = None):
        rng = w.rng
        self.w, self.oid = w, oid
        self.daily = exchanges / DAYS
        pathways = ["education", "security_research", "startup_program", "self_serve"]
        lib = {cap: [fingerprint(rng) for _ in range(12 if stealthy else 4)] for cap, _ in HARVEST_CAPS}
        self.crews = []
        sizes = [max(2, n_acc // crews)] * crews
        self.late_start = late_start
        op_country = rng.choice(["CN", "RU", "SG", "HK", "AE"])
        for c in range(crews):
            path = pathways[c % len(pathways)]
            infra_kind = rng.choice(["dc", "vpn", "dc"])
            if infra_kind == "dc":
                net = rng.choice(w.clouds)
                ips = [net.ip(rng) for _ in range(rng.randrange(3, 20))]
            else:
                ips = [w.vpn_provider.ip(rng) for _ in range(rng.randrange(5, 30))]
            client = rng.choice(["atlas-python/1.36.0", "atlas-python/1.39.1", "atlas-node/1.15.2",
                                 "aiohttp/3.9.5 atlas-python/1.39.1"])
            accts = []
            first_day = 0 if late_start is None else late_start
            if late_start is None and rng.random() < 0.3:
                first_day = rng.randrange(5, DAYS // 2)
            created0 = START + first_day * DAY - rng.randrange(1, 30) * DAY
            bin_ = w.card()[1]
            startups = [(rng.choice(COMPANY_WORDS) + " " + rng.choice(COMPANY_TAIL)) for _ in range(max(1, sizes[c] // 8))]
            campuses = rng.sample(UNIVERSITIES, 4)
            shared, shared_uses = None, 0
            if w.campus_domains and rng.random() < 0.6:
                campuses[0] = w.campus_domains[0]  # bought student accounts of a university with innocent users
            for i in range(sizes[c]):
                country = rng.choice(["US", "GB", "DE", "IN", "SG", "CA", op_country])
                if path == "education":
                    dom = rng.choice(campuses)
                    org = dom.split(".")[0].title() + " University"
                elif path == "startup_program":
                    org = rng.choice(startups)
                    dom = org.lower().replace(" ", "") + ".io"
                elif path == "security_research":
                    org = rng.choice(COMPANY_WORDS) + " Security"
                    dom = org.lower().replace(" ", "") + ".com" if rng.random() < 0.5 else None
                else:
                    org, dom = None, None
                created = created0 + (rng.randrange(0, 3 * DAY) if not stealthy else rng.randrange(-200 * DAY, 0))
                a = w.new_account(created, path, country, "fraud", oid, kind, email_domain=dom, org=org)
                if path == "self_serve" or (path == "security_research" and rng.random() < 0.8):
                    if stealthy or rng.random() < 0.5:
                        fp, b = w.card(bin_)  # a prepaid card of one batch (same BIN) per account
                    else:
                        if shared is None or shared_uses >= 3:
                            shared, shared_uses = w.card(bin_), 0
                        fp, b = shared  # a card shared by three accounts
                        shared_uses += 1
                    w.pay(a, fp, "card" if rng.random() < 0.8 else "wallet", b, country)
                elif path == "startup_program":
                    w.pay(a, "inv_" + hashlib.sha256((org + oid).encode()).hexdigest()[:16], "invoice", None, country)
                if rng.random() < 0.08 and not stealthy:
                    a.status = "suspended"
                    a.ended = START + rng.randrange(first_day + 1, DAYS) * DAY
                    w.updates.append(a)
                accts.append(a)
            crew = {"accounts": accts, "ips": ips, "client": client, "first_day": first_day,
                    "delay": rng.randrange(1, 20) * HOUR, "workers": rng.randrange(4, 16),
                    "share": rng.uniform(0.6, 1.4), "tpl": None}
            pairs = []
            for cap, wt in HARVEST_CAPS:
                for fpv in lib[cap]:
                    pairs.append(((cap, fpv), wt / len(lib[cap]) * rng.uniform(0.5, 1.5)))
            crew["tpl"] = table(rng, pairs)
            self.crews.append(crew)
        total_share = sum(c["share"] for c in self.crews)
        for crew in self.crews:
            crew["share"] /= total_share
        self.camouflage = 0.15 if stealthy else 0.0
        if indicated:
            some = self.crews[0]["accounts"]
            w.indicator(oid, name, "account_id", rng.choice(some).id, 0.95, "peer-share")
            w.indicator(oid, name, "ip", self.crews[-1]["ips"][0], 0.7, "internal:abuse-desk")
            w.indicator(oid, name, "prompt_fingerprint", lib["reasoning_cot"][0], 0.55, "internal:template-hunt")
            w.indicator(oid, name, "prompt_fingerprint", lib["rubric_grading"][1], 0.55, "internal:template-hunt")
            edu = [a for c in self.crews for a in c["accounts"] if a.pathway == "education"]
            if edu and edu[0].email_domain:
                w.indicator(oid, name, "email_domain", edu[0].email_domain, 0.3, "osint")  # weak: a real university
            hashes = [a.email_hash for c in self.crews for a in c["accounts"] if a.email_hash]
            for hsh in hashes[:3]:
                w.indicator(oid, name, "email_hash", hsh, 0.9, "peer-share")
            if getattr(w, "campus_nat_ips", None):
                w.indicator(oid, name, "ip", w.campus_nat_ips[0], 0.25, "peer-share")  # weak: a campus NAT

    def emit(self, day, rng, out):
        w = self.w
        d0 = START + day * DAY
        surge = 1.0
        for _, rel in w.chain:
            if 0 <= d0 - rel < 3 * DAY:
                surge = 1.8
        for crew in self.crews:
            if day < crew["first_day"]:
                continue
            live = [a for a in crew["accounts"] if a.ended > d0 and a.created < d0 + DAY]
            if not live:
                continue
            n = poisson(rng, self.daily * crew["share"] * surge * rng.uniform(0.85, 1.15))
            workers = crew["workers"]
            per = n // workers + 1
            tpl = crew["tpl"]
            for wk in range(workers):
                t = d0 + rng.randrange(0, 20 * MINUTE)
                step = DAY // per
                for _ in range(per):
                    a = live[rng.getrandbits(20) % len(live)]
                    cap, fp = tpl[rng.getrandbits(8)]
                    tin, tout = w.tokens_h[cap][rng.getrandbits(12)]
                    ip = crew["ips"][mix(a.h, day) % len(crew["ips"])]
                    model = w.newest(t, crew["delay"]) if rng.random() < 0.95 else MODEL_BASE
                    out.append((t, a.id, model, cap, fp, ip, crew["client"], tin, tout))
                    t += int(step * rng.uniform(0.4, 1.6))
                    if t >= d0 + DAY:
                        break
            if self.camouflage:
                for _ in range(int(n * self.camouflage)):
                    a = live[rng.getrandbits(20) % len(live)]
                    t = d0 + rng.randrange(0, DAY)
                    tin, tout = w.tokens["chat"][rng.getrandbits(12)]
                    out.append((t, a.id, w.newest(t), "chat", fingerprint(rng), crew["ips"][0], crew["client"], tin,
                                tout))


class Hydra:
    """A proxy reseller holding thousands of accounts at once behind residential proxy exits; it routes one
    operator's harvesting and its ordinary resale customers' traffic over the same accounts."""

    def __init__(self, w: World, oid: str, name: str, n_acc: int, harvest: float, resold: float, *, rotating: bool,
                 gateway: bool, indicated: bool, kind: str = "hydra_reseller", pool_size: int = 60000):
        rng = w.rng
        self.w, self.oid, self.rotating, self.gateway = w, oid, rotating, gateway
        self.harvest_daily, self.resold_daily = harvest / DAYS, resold / DAYS
        # residential proxy exits across several ISPs (the exits are real home connections)
        exit_isps = rng.sample(w.isps, 6)
        self.exits = [rng.choice(exit_isps).ip(rng) for _ in range(pool_size)]
        w.nets.exit_ips.update(self.exits)
        w.proxy_exit_pool.extend(self.exits)
        self.accounts: list[Account] = []
        catchall = rng.choice(["mail", "inbox", "post"]) + token(rng, 4) + rng.choice([".net", ".xyz", ".top"])
        self.catchall = catchall
        bins = [w.card()[1] for _ in range(4)]
        self.cards = []
        waves = list(range(0, DAYS, rng.randrange(2, 5)))
        pre = int(n_acc * 0.8)  # most of the pool exists before the window: it holds most accounts at once
        for i in range(n_acc):
            if i < pre:
                created = START - rng.randrange(1, 90) * DAY - rng.randrange(DAY)
            else:
                wave = rng.choice(waves)
                created = START + wave * DAY + (rng.randrange(0, 3 * HOUR) if rng.random() < 0.7
                                                else rng.randrange(0, DAY))
            country = rng.choice(["US", "US", "GB", "DE", "CA", "BR", "IN", "FR", "PL", "ID"])
            dom = catchall if rng.random() < 0.35 else None
            a = w.new_account(created, "self_serve" if rng.random() < 0.9 else rng.choice(["other", "startup_program"]),
                              country, "fraud", oid, kind, email_domain=dom)
            life = rng.choice([10, 30, 60, 120, 200, 400, 400, 400]) * DAY
            if created + life < END and created + life > START + DAY:
                a.ended = created + life
                a.status = "suspended" if rng.random() < 0.7 else "closed"
                w.updates.append(a)
            r = rng.random()
            if r < 0.6:
                fp, b = w.card(rng.choice(bins))
            elif r < 0.8 and self.cards:
                fp, b = rng.choice(self.cards[-20:])  # a card reused on a few accounts
            elif r < 0.9:
                fp, b = "wal_" + token(rng, 18), ""
            else:
                fp, b = "cry_" + token(rng, 24), ""
            self.cards.append((fp, b))
            kind_p = "card" if fp.startswith("pm_") else ("wallet" if fp.startswith("wal_") else "crypto")
            w.pay(a, fp, kind_p, b or None, country)
            self.accounts.append(a)
        self.by_day = []
        w.hydra_live_max = getattr(w, "hydra_live_max", {})
        for day in range(DAYS):
            d0, d1 = START + day * DAY, START + (day + 1) * DAY
            self.by_day.append([a for a in self.accounts if a.created < d1 - HOUR and a.ended > d0 + HOUR])
        w.hydra_live_max[oid] = max(len(x) for x in self.by_day)
        lib = [(cap, fingerprint(rng)) for cap, wt in HARVEST_CAPS for _ in range(max(1, wt // 5))]
        self.tpl = table(rng, template_weights(lib))
        self.delay = rng.randrange(6, 40) * HOUR
        self.harvest_client = "atlas-python/1.40.2"
        self.gateway_client = "atlas-node/1.12.4"
        # resale customers: people with daily rhythms, each routed to some account of the pool per day
        self.customers = []
        for _ in range(w.n(3000, 10)):
            country = w.country()
            self.customers.append((utc_cum(PROFILE_GENERAL, COUNTRY_TZ[country]), rng.uniform(0.2, 0.9),
                                   weighted(rng, CLIENTS_COMMON), rng.choice(["chatter", "coder", "worker"])))
        # sessions per customer-day so that sum(p_day) * sessions * 3 requests = resold_daily
        self.sessions_per_day = self.resold_daily / max(1.0, 3 * sum(c[1] for c in self.customers))
        self.hour_w = [rng.uniform(0.6, 1.4) for _ in range(24)]
        if indicated:
            w.indicator(oid, name, "email_domain", catchall, 0.75, "peer-share")
            for fp, _ in self.cards[:2]:
                w.indicator(oid, name, "payment_fingerprint", fp, 0.8, "peer-share")
            w.indicator(oid, name, "prompt_fingerprint", lib[0][1], 0.65, "internal:template-hunt")
            a, b = self.exits[0].split(".")[:2]
            w.indicator(oid, name, "cidr", "%s.%s.0.0/16" % (a, b), 0.2, "osint")  # weak: a residential ISP block
            if gateway:
                w.indicator(oid, name, "client", self.gateway_client, 0.3, "osint")  # weak: an old but real SDK

    def exit_for(self, a: Account, day: int, t: int, rng) -> str:
        if self.rotating:
            return self.exits[rng.getrandbits(30) % len(self.exits)]
        block = (t - START) // (4 * HOUR)  # sticky: one exit per account for a four-hour block
        return self.exits[(a.h * 2654435761 + day * 40503 + block * 97213) % len(self.exits)]

    def emit(self, day, rng, out):
        w = self.w
        live = self.by_day[day]
        if not live:
            return
        d0 = START + day * DAY
        surge = 1.0
        for _, rel in w.chain:
            if 0 <= d0 - rel < 2 * DAY:
                surge = 1.5
        n = poisson(rng, self.harvest_daily * surge)
        hw = self.hour_w
        total_w = sum(hw)
        nl = len(live)
        client = self.gateway_client if self.gateway else self.harvest_client
        tpl, tokens, exit_for, delay = self.tpl, w.tokens_h, self.exit_for, self.delay
        for h in range(24):
            k = poisson(rng, n * hw[h] / total_w)
            base = d0 + h * HOUR
            model = w.newest(base, delay)
            same = model == w.newest(base + HOUR, delay)
            for _ in range(k):
                t = base + int(rng.random() * HOUR)
                a = live[rng.getrandbits(24) % nl]
                cap, fp = tpl[rng.getrandbits(8)]
                tin, tout = tokens[cap][rng.getrandbits(12)]
                out.append((t, a.id, model if same else w.newest(t, delay), cap, fp, exit_for(a, day, t, rng), client,
                            tin, tout))
        # ordinary resold traffic (the same accounts, the same exits)
        chatter = w.cap_tables
        for ci, (cum, p_day, cclient, caps) in enumerate(self.customers):
            if rng.random() >= p_day:
                continue
            a = live[mix(ci, day) % nl]
            for _ in range(poisson(rng, self.sessions_per_day)):
                x = rng.random() * cum[-1]
                h = 0
                while cum[h] < x:
                    h += 1
                t = d0 + h * HOUR + int(rng.random() * HOUR)
                for _ in range(1 + poisson(rng, 2)):
                    cap = chatter[caps][rng.getrandbits(8)]
                    tin, tout = w.tokens[cap][rng.getrandbits(12)]
                    fp = w.common_fps[rng.getrandbits(10)] if rng.random() < 0.3 else fingerprint(rng)
                    out.append((t, a.id, w.human_model(rng, t, 96), cap, fp, self.exit_for(a, day, t, rng),
                                self.gateway_client if self.gateway else cclient, tin, tout))
                    t += rng.randrange(5_000, 240_000)


class QuietCrew:
    """Accounts that each imitate one person: own card, own static residential address, a daily rhythm in the
    claimed country, paraphrased templates; optionally started late (still running when the data ends)."""

    def __init__(self, w: World, oid: str, n_acc: int, exchanges: float, *, first_day: int, kind: str = "quiet_crew"):
        rng = w.rng
        self.w = w
        isp = rng.choice(w.isps)
        lib = {cap: [fingerprint(rng) for _ in range(40)] for cap, _ in HARVEST_CAPS}
        self.tpl = table(rng, [((cap, fpv), wt) for cap, wt in HARVEST_CAPS for fpv in lib[cap]], bits=10)
        self.members = []
        self.first_day = first_day
        per_day = exchanges / max(1, (DAYS - first_day)) / n_acc
        bin_ = w.card()[1]
        created_base = START + first_day * DAY - rng.randrange(20, 120) * DAY
        for _ in range(n_acc):
            country = rng.choice(["US", "GB", "DE", "FR", "CA", "AU", "NL"])
            a = w.new_account(created_base + rng.randrange(0, 30 * DAY), rng.choice(["self_serve", "self_serve",
                              "education", "startup_program"]), country, "fraud", oid, kind)
            fp, b = w.card(bin_ if rng.random() < 0.5 else None)
            w.pay(a, fp, "card", b, country)
            self.members.append((a, utc_cum(PROFILE_GENERAL, COUNTRY_TZ[country]), isp.ip(rng),
                                 per_day * rng.uniform(0.6, 1.4), weighted(rng, CLIENTS_COMMON)))
        self.delay = rng.randrange(2, 22) * HOUR

    def emit(self, day, rng, out):
        if day < self.first_day:
            return
        w = self.w
        d0 = START + day * DAY
        for a, cum, ip, rate, client in self.members:
            n = poisson(rng, rate * (0.7 if day % 7 >= 5 else 1.1))
            for _ in range(n):
                x = rng.random() * cum[-1]
                h = 0
                while cum[h] < x:
                    h += 1
                t = d0 + h * HOUR + int(rng.random() * HOUR)
                cap, fp = self.tpl[rng.getrandbits(10)]
                tin, tout = w.tokens_h[cap][rng.getrandbits(12)]
                out.append((t, a.id, w.newest(t, self.delay), cap, fp, ip, client, tin, tout))


def template_weights(templates):
    """Weights that give each capability its HARVEST_CAPS share, split evenly over its templates."""
    share = dict(HARVEST_CAPS)
    per_cap: dict[str, int] = {}
    for cap, _ in templates:
        per_cap[cap] = per_cap.get(cap, 0) + 1
    return [(t, share[t[0]] / per_cap[t[0]]) for t in templates]


def build_operators(w: World):
    rng = w.rng
    s = w.scale
    facts, hydra, stealth = w.style("facts"), w.style("hydra"), w.style("stealth")
    ops = []

    # A: the lab with shared payment methods and synchronized, load-balanced timing (~150k exchanges)
    oid, name = w.operator(True)
    w.actors.append(LockstepLab(w, oid, name, w.n(48 if not stealth else 64, 6), max(3000, 150_000 * s), shared_cards=not stealth,
                rr=not stealth or rng.random() < 0.5, indicated=True))
    ops.append(oid)

    # B: hundreds of accounts over several pathways, pivoting to each new model (~3.4M exchanges)
    oid, name = w.operator(True)
    w.actors.append(PathwayPivot(w, oid, name, w.n(480 if not hydra else 320, 16), max(20000, 3_400_000 * s * (0.75 if hydra else 1)),
                 crews=4 if not stealth else 8, stealthy=stealth, indicated=True))
    ops.append(oid)

    # C: the hydra reseller of the biggest operator (~13M exchanges), plus ordinary resold traffic
    oid, name = w.operator(True)
    n_h = w.n(23500 if not hydra else 16000, 60)
    w.actors.append(Hydra(w, oid, name, n_h, max(60000, 13_000_000 * s * (0.8 if hydra else 1)), max(8000, 1_800_000 * s),
          rotating=stealth and not facts, gateway=rng.random() < 0.5, indicated=True,
          pool_size=w.n(60000 if not hydra else 90000, 600)))
    ops.append(oid)

    # D: an operator nobody has indicators for
    oid, _ = w.operator(False)
    if hydra:
        w.actors.append(Hydra(w, oid, "", w.n(6000, 20), max(20000, 3_000_000 * s), max(3000, 500_000 * s), rotating=True,
              gateway=False, indicated=False, kind="unknown_reseller", pool_size=w.n(40000, 300)))
    if stealth or facts:
        # caught while still running: starts late in the window
        w.actors.append(QuietCrew(w, oid, w.n(800 if stealth else 500, 8), max(8000, 400_000 * s),
                                  first_day=DAYS - rng.randrange(10, 16)))
    ops.append(oid)

    # stale intel: an operator absent from this data, whose weak indicators touch innocent users
    oid, name = w.operator(True)
    w.indicator(oid, name, "email_domain", "gmail.com", 0.1, "osint")
    w.indicator(oid, name, "asn", str(w.isps[0].asn), 0.2, "osint")
    w.indicator(oid, name, "client", "python-requests/2.31.0", 0.1, "osint")
    w.indicator(oid, name, "ip", w.vpn_exit_sample[0], 0.3, "peer-share")
    w.indicator(oid, name, "org_name", "Northfield University", None, "osint")
    return ops


# ------------------------------------------------------------------------------------------------------- writing

class Sink:
    def __init__(self, path: str, gz: bool):
        self.raw = open(path, "wb")
        self.f = gzip.GzipFile(filename="", mode="wb", fileobj=self.raw, mtime=0, compresslevel=1) if gz else self.raw
        self.path = path

    def write(self, lines: list[str]):
        if lines:
            self.f.write("".join(lines).encode("utf-8"))

    def close(self):
        if self.f is not self.raw:
            self.f.close()
        self.raw.close()


def csv_field(v: str) -> str:
    if v and ("," in v or '"' in v or "\n" in v):
        return '"' + v.replace('"', '""') + '"'
    return v


REQ_FIELDS = ["request_id", "account_id", "ts", "model", "capability", "prompt_fingerprint", "ip", "client",
              "input_tokens", "output_tokens"]


class RowFile:
    """One export file of a record type: CSV or JSON Lines, gzip or not, its own column order."""

    def __init__(self, path, fmt, gz, fields, extra=None):
        self.sink, self.fmt, self.fields = Sink(path, gz), fmt, fields
        self.extra = extra  # (name, value) of a column the contract does not know
        if fmt == "csv":
            header = list(fields) + ([extra[0]] if extra else [])
            self.sink.write([",".join(header) + "\n"])
        self.n = 0

    def rows(self, rows, numeric=()):
        out = []
        fields = self.fields
        if self.fmt == "csv":
            tail = ("," + self.extra[1]) if self.extra else ""
            for r in rows:
                out.append(",".join(csv_field("" if v is None else str(v)) for v in r) + tail + "\n")
        else:
            tail = (',"%s":"%s"' % self.extra) if self.extra else ""
            for r in rows:
                parts = []
                for name, v in zip(fields, r):
                    v = "" if v is None else str(v)
                    if v == "":
                        parts.append('"%s":null' % name)
                    elif name in numeric:
                        parts.append('"%s":%s' % (name, v))
                    elif '"' in v or "\\" in v or not v.isprintable():
                        parts.append('"%s":%s' % (name, json.dumps(v, ensure_ascii=False)))
                    else:
                        parts.append('"%s":"%s"' % (name, v))
                out.append("{" + ",".join(parts) + tail + "}\n")
        self.n += len(out)
        self.sink.write(out)

    def close(self):
        self.sink.close()


class RequestFile:
    """Fast path for requests: pre-built format strings, fields known to need no JSON escaping."""

    def __init__(self, path, fmt, gz, order, offset_hours, extra, w: World):
        self.sink, self.fmt = Sink(path, gz), fmt
        self.ts = TsFormat(offset_hours)
        self.order = order
        self.drop_ip = 0.03 if extra else 0.01
        if fmt == "csv":
            cols = [REQ_FIELDS[i] for i in order] + ([extra[0]] if extra else [])
            self.sink.write([",".join(cols) + "\n"])
            self.tpl = ",".join("{%d}" % i for i in order) + ("," + extra[1] if extra else "") + "\n"
        else:
            quoted = {0, 1, 2, 3, 4}  # always present strings; optional ones come quoted or as null
            body = ",".join(('"%s":"{%d}"' if i in quoted else '"%s":{%d}') % (REQ_FIELDS[i], i) for i in order)
            if extra:
                body += ',"%s":"%s"' % extra
            self.tpl = "{{" + body + "}}\n"
        self.n = 0

    def write(self, rows, counter, rng):
        fmt = self.tpl.format
        ts = self.ts.sorted_call
        out = []
        csv = self.fmt == "csv"
        drop = self.drop_ip
        for (t, aid, model, cap, fp, ip, client, tin, tout) in rows:
            counter += 1
            rid = "req_%012x" % ((counter * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFF)
            if rng.random() < drop:
                ip = ""
            if csv:
                out.append(fmt(rid, aid, ts(t), model, cap, fp, ip, csv_field(client), tin, tout))
            else:
                out.append(fmt(rid, aid, ts(t), model, cap, '"' + fp + '"' if fp else "null",
                               '"' + ip + '"' if ip else "null", '"' + client + '"' if client else "null", tin, tout))
        self.n += len(out)
        self.sink.write(out)
        return counter

    def close(self):
        self.sink.close()


def generate(out_dir: str, seed: int, scale: float, variant: str, quiet: bool = False) -> dict:
    t_start = time.time()
    w = World(seed, scale, variant)
    rng = w.rng
    w.make_releases()
    w.releases_by_name = dict(w.releases)
    w.vision_until = w.releases_by_name["atlas-4"] + 5 * DAY
    w.gap_table = [rng.lognormvariate(0, 0.9) for _ in range(4096)]
    w.cap_tables = {k: table(rng, v) for k, v in HUMAN_CAPS.items()}
    w.tokens = {cap: token_table(rng, cap) for cap in CAP_TOKENS}
    w.tokens_h = {cap: token_table(rng, cap, 1.8) for cap in CAP_TOKENS}  # harvested answers run long
    common = [fingerprint(rng) for _ in range(300)]
    w.common_fps = table(rng, [(fpv, 1.0 / (i + 1)) for i, fpv in enumerate(common)], bits=10)
    build_innocents(w)
    ops = build_operators(w)

    # the rare innocent user whose home IP is also a residential proxy exit
    for _ in range(w.n(800 if not w.style("hydra") else 2500, 6)):
        ip = rng.choice(w.proxy_exit_pool)
        w.person("proxy_exit_home", ips=[(ip, 8), (w.mobile_ip(), 2)])

    inp = os.path.join(out_dir, "input")
    os.makedirs(inp, exist_ok=True)
    created = {a.id: (a.created, a.ended) for a in w.accounts}

    # requests and sessions, day by day, sorted by time; rows spilling past midnight carry over
    periods = [(0, 14), (14, 28), (28, 42), (42, DAYS)]
    formats = [("csv", True), ("jsonl", True), ("csv", False), ("jsonl", False)]
    rng.shuffle(formats)
    sess_formats = [("csv", True), ("jsonl", False)]
    req_file = sess_file = None
    counter = 0
    carry: list = []
    stats = {"requests": 0, "sessions": 0}
    sess_fields = ["account_id", "ip", "seen_at", "asn", "asn_org", "ip_type"]
    noise = random.Random("heldout-noise:%d" % seed)
    seen_fmt = TsFormat(0)
    for day in range(DAYS):
        for pi, (p0, p1) in enumerate(periods):
            if day == p0:
                if req_file:
                    req_file.close()
                fmt, gz = formats[pi]
                date = iso(START + p0 * DAY)[:10]
                order = list(range(10))
                if pi % 2 == 1:
                    rng.shuffle(order)
                extra = ("region", "eu-west") if pi == 2 else None
                name = "requests-%s.%s%s" % (date, fmt, ".gz" if gz else "")
                req_file = RequestFile(os.path.join(inp, name), fmt, gz, order, 1 if pi == 1 else 0, extra, w)
            if day == p0 and pi % 2 == 0:
                if sess_file:
                    sess_file.close()
                fmt, gz = sess_formats[pi // 2]
                name = "sessions-%s.%s%s" % (iso(START + p0 * DAY)[:10], fmt, ".gz" if gz else "")
                sess_file = RowFile(os.path.join(inp, name), fmt, gz, sess_fields)
        day_rng = random.Random("heldout:%d:day:%d" % (seed, day))
        rows = carry
        for actor in w.actors:
            actor.emit(day, day_rng, rows)
        rows.sort()
        cut = START + (day + 1) * DAY if day < DAYS - 1 else END + 30 * DAY
        keep, carry = [], []
        seen = {}
        sess_rows = []
        for r in rows:
            t = r[0]
            if t >= cut:
                carry.append(r)
                continue
            life = created[r[1]]
            if t < life[0] or t > life[1] or t < START:
                continue
            keep.append(r)
            ip = r[5]
            key = (r[1], ip)
            if key not in seen and ip:
                c = seen.get(r[1], 0)
                seen[key] = 1
                if c < 4:
                    seen[r[1]] = c + 1
                    asn, org, typ = w.nets.meta(ip)
                    sess_rows.append((r[1], ip, seen_fmt(max(life[0], t - int(noise.random() * 120_000))), asn, org,
                                      typ))
        counter = req_file.write(keep, counter, noise)
        sess_file.rows(sess_rows, numeric=("asn",))
        stats["requests"] += len(keep)
        stats["sessions"] += len(sess_rows)
        if not quiet and day % 7 == 6:
            print("  day %d: %d requests so far (%.0f s)" % (day + 1, stats["requests"], time.time() - t_start),
                  file=sys.stderr)
    req_file.close()
    sess_file.close()

    # accounts (JSON Lines; status changes arrive later as a second row of the same id)
    acc_file = RowFile(os.path.join(inp, "accounts.jsonl"), "jsonl", False,
                       ["account_id", "created_at", "email_domain", "email_hash", "display_name", "org_name",
                        "access_pathway", "country", "status"])

    def acc_row(a: Account, status: str):
        return (a.id, iso(a.created), a.email_domain, a.email_hash, a.display, a.org, a.pathway, a.country, status)

    order = sorted(w.accounts, key=lambda a: (a.created, a.id))
    updated = {a.id for a in w.updates}
    acc_file.rows([acc_row(a, "active" if a.id in updated else a.status) for a in order])
    acc_file.rows([acc_row(a, a.status) for a in sorted(set(w.updates), key=lambda a: (a.ended, a.id))])
    acc_file.close()

    pay_file = RowFile(os.path.join(inp, "payments.csv.gz"), "csv", True,
                       ["account_id", "instrument_fingerprint", "kind", "bin", "issuer_country", "first_seen"])
    pay_file.rows([(p[0], p[1], p[2], p[3], p[4], iso(p[5])) for p in sorted(w.payments, key=lambda p: (p[5], p[0]))])
    pay_file.close()

    rel_file = RowFile(os.path.join(inp, "releases.csv"), "csv", False, ["model", "released_at"])
    rel_file.rows([(m, iso(t)) for m, t in w.releases])
    rel_file.close()

    ind_file = RowFile(os.path.join(inp, "indicators.csv"), "csv", False,
                       ["operator_id", "operator_name", "kind", "value", "confidence", "source"])
    ind_file.rows(w.indicators)
    ind_file.close()

    with open(os.path.join(out_dir, "truth.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("account_id,label,operator_id,kind\n")
        for a in sorted(w.accounts, key=lambda a: a.id):
            f.write("%s,%s,%s,%s\n" % (a.id, a.label, a.operator if a.label == "fraud" else "", a.kind))

    kinds: dict[str, int] = {}
    for a in w.accounts:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    stats.update({"variant": w.variant, "accounts": len(w.accounts),
                  "fraud_accounts": sum(1 for a in w.accounts if a.label == "fraud"), "payments": len(w.payments),
                  "indicators": len(w.indicators), "operators": ops, "kinds": kinds,
                  "hydra_accounts_live_at_once_max": getattr(w, "hydra_live_max", {}),
                  "seconds": round(time.time() - t_start, 1)})
    return stats


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="output folder (DIR/input/ and DIR/truth.csv)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--scale", type=float, default=0.01, help="1 = ~24k fraudulent accounts and ~16M campaign exchanges")
    p.add_argument("--variant", default="mix", choices=("mix",) + VARIANTS,
                   help="world: facts, hydra, stealth, or mix (two of them, chosen by the seed)")
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args(argv)
    if not 0 < args.scale <= 4:
        p.error("--scale must be in (0, 4]")
    stats = generate(args.out, args.seed, args.scale, args.variant, args.quiet)
    print(json.dumps(stats, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
