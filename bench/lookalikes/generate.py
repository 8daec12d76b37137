#!/usr/bin/env python3
"""Blind generator of hard LEGITIMATE look-alike populations, plus a modest number of real campaigns.

Written from the data contract (docs/data-contract.md) and public facts about distillation campaigns only,
without reading the detector or the project's own generators (see README.md beside this file). The output is
TUNING data: unlike bench/heldout, the detector may be tuned on it.

Usage: generate.py --out DIR --scale X --seed N [--variant mix|campus|corporate|release]
Writes DIR/input/{accounts,payments,sessions,requests,releases,indicators}.csv (requests in time order, every
other file in time order of its own timestamp) and DIR/truth.csv (account_id,label,operator_id,kind).
Python 3 standard library only; the same arguments give byte-identical files.
"""
import argparse
import bisect
import csv
import datetime as dt
import hashlib
import ipaddress
import math
import os
import random
import re
import shutil
import sys

VARIANTS = ("mix", "campus", "corporate", "release")
SEC = 1000
MIN = 60 * SEC
HOUR = 60 * MIN
DAY = 24 * HOUR
T0 = int(dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc).timestamp()) * 1000  # a Monday
DAYS = 56
T_END = T0 + DAYS * DAY
ACCOUNTS_PER_SCALE = 50_000
FRAUD_SHARE = 0.10

_DIGIT_RUN = re.compile(r"\d{13,}")

# --------------------------------------------------------------------------------------------- time helpers
_DAY_PREFIX = {}


def iso_ms(ms):
    d, r = divmod(ms, DAY)
    p = _DAY_PREFIX.get(d)
    if p is None:
        p = dt.datetime.fromtimestamp(d * 86400, dt.timezone.utc).strftime("%Y-%m-%dT")
        _DAY_PREFIX[d] = p
    s, msr = divmod(r, 1000)
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    return f"{p}{h:02d}:{m:02d}:{s:02d}.{msr:03d}Z"


def iso_s(ms):
    return iso_ms(ms)[:19] + "Z"


def cum(weights):
    out, t = [], 0.0
    for w in weights:
        t += w
        out.append(t)
    return out


# local-hour activity curves (index = local hour)
HUMAN = cum([1, .6, .4, .3, .3, .4, .8, 1.5, 2.5, 3.5, 4, 4, 3.8, 4, 4.2, 4.2, 4, 3.8, 3.6, 3.8, 4, 3.6, 2.8, 1.8])
STUDENT = cum([2.5, 1.8, 1, .5, .3, .3, .4, .8, 1.5, 2.5, 3, 3.2, 3, 3.2, 3.4, 3.4, 3.2, 3, 3.2, 3.8, 4.2, 4.5, 4.2, 3.5])
OFFICE = cum([.05, .05, .05, .05, .05, .1, .3, 1.2, 3.5, 5, 5, 4.5, 3, 4.5, 5, 5, 4.5, 3.5, 1.5, .8, .5, .4, .3, .1])
EVENING = cum([1, .5, .3, .2, .2, .2, .5, 1, 1.2, 1, 1, 1.2, 1.5, 1.2, 1, 1, 1.2, 1.8, 2.8, 3.8, 4.5, 4.5, 3.5, 2])
FLAT = cum([1] * 24)


def day_cw(days, weekend=1.0, extra=None):
    w = []
    for d in days:
        x = weekend if d % 7 >= 5 else 1.0
        if extra is not None:
            x *= extra(d)
        w.append(max(x, 1e-9))
    return cum(w)


# ------------------------------------------------------------------------------------------------ world data
COUNTRIES = [  # code, utc offset (h), weight, public e-mail domains
    ("US", -5, 14, ("gmail.com", "outlook.com", "yahoo.com", "icloud.com")), ("US", -8, 8, ("gmail.com", "icloud.com", "outlook.com")),
    ("GB", 0, 5, ("gmail.com", "outlook.com", "btinternet.com")), ("DE", 1, 5, ("gmx.de", "web.de", "gmail.com")),
    ("FR", 1, 4, ("gmail.com", "orange.fr", "free.fr")), ("IN", 5.5, 9, ("gmail.com", "yahoo.co.in", "rediffmail.com")),
    ("CN", 8, 3, ("qq.com", "163.com", "126.com")), ("JP", 9, 3, ("gmail.com", "yahoo.co.jp")), ("KR", 9, 3, ("naver.com", "gmail.com")),
    ("BR", -3, 4, ("gmail.com", "hotmail.com", "uol.com.br")), ("NG", 1, 2, ("gmail.com", "yahoo.com")), ("KE", 3, 2, ("gmail.com",)),
    ("PH", 8, 2, ("gmail.com", "yahoo.com")), ("SG", 8, 2, ("gmail.com", "outlook.com")), ("CA", -5, 3, ("gmail.com", "outlook.com")),
    ("AU", 10, 2, ("gmail.com", "bigpond.com")), ("PL", 1, 2, ("wp.pl", "gmail.com", "onet.pl")), ("VN", 7, 2, ("gmail.com",)),
    ("ID", 7, 2, ("gmail.com", "yahoo.co.id")), ("MX", -6, 2, ("gmail.com", "hotmail.com")), ("TR", 3, 2, ("gmail.com", "hotmail.com")),
    ("ES", 1, 2, ("gmail.com", "hotmail.es")), ("IT", 1, 2, ("gmail.com", "libero.it")), ("NL", 1, 2, ("gmail.com", "ziggo.nl")),
    ("SE", 1, 1, ("gmail.com", "telia.com")), ("UA", 2, 1, ("gmail.com", "ukr.net")), ("IL", 2, 1, ("gmail.com", "walla.co.il")),
    ("AR", -3, 1, ("gmail.com", "hotmail.com")), ("EG", 2, 1, ("gmail.com", "yahoo.com")), ("PK", 5, 1, ("gmail.com", "yahoo.com")),
]
COUNTRY_CW = cum([c[2] for c in COUNTRIES])
PRIVACY_DOMAINS = ("proton.me", "tutanota.com", "pm.me", "fastmail.com")
FIRST = ("alex", "maria", "wei", "priya", "john", "fatima", "liam", "yuki", "ana", "omar", "sofia", "lukas", "chen", "aisha",
         "david", "elena", "ravi", "mei", "noah", "lea", "kofi", "ines", "arjun", "hana", "mateo", "olga", "samuel", "nadia",
         "jin", "carlos", "emma", "tomas", "amara", "ivan", "zara", "felix", "grace", "hiro", "leila", "pablo", "sara", "kwame")
LAST = ("smith", "garcia", "wang", "patel", "kim", "nguyen", "mueller", "rossi", "silva", "okafor", "sato", "kowalski",
        "ivanova", "haddad", "dubois", "jensen", "cohen", "singh", "lopez", "chen", "tanaka", "novak", "mensah", "ali",
        "fischer", "costa", "berg", "khan", "park", "moreau", "oliveira", "yilmaz", "reyes", "hughes", "sharma", "adeyemi")
ORG_WORDS = ("north", "blue", "quant", "lumen", "vector", "atlas", "ember", "cedar", "nova", "pixel", "river", "summit",
             "orbit", "kite", "delta", "prism", "harbor", "signal", "maple", "forge", "echo", "tidal", "granite", "beacon",
             "lattice", "meadow", "copper", "aurora", "falcon", "willow", "zenith", "ionic", "sparrow", "basalt", "fjord")
ORG_SUFFIX = ("labs", "ai", "systems", "analytics", "software", "studio", "health", "logistics", "robotics", "data", "works")
TLDS = ("com", "io", "ai", "co", "dev", "net", "tech")
UNI_NAMES = ("Northfield", "Lakeshore", "Eastbrook", "Kingsford", "Westmere", "Highgate", "Riverton", "Stonebridge", "Ashford",
             "Fairhaven", "Oakridge", "Millbrook", "Redcliff", "Silverdale", "Brightwater", "Elmstead", "Greyhaven", "Thornbury")
UNI_TLD = {"US": "edu", "GB": "ac.uk", "DE": "de", "FR": "fr", "IN": "ac.in", "CN": "edu.cn", "JP": "ac.jp", "KR": "ac.kr",
           "BR": "edu.br", "AU": "edu.au", "CA": "ca", "SG": "edu.sg", "NL": "nl", "PL": "edu.pl", "IT": "it", "ES": "es"}

SDK_CLIENTS = ("python-sdk/1.42.0", "python-sdk/1.40.2", "python-sdk/1.44.1", "node-sdk/4.8.1", "node-sdk/4.9.0",
               "go-sdk/0.17.3", "java-sdk/2.3.0", "curl/8.5.0", "python-httpx/0.27.0", "python-requests/2.31.0")
SDK_CW = cum([18, 10, 12, 10, 8, 3, 3, 3, 4, 5])
BROWSER_CLIENTS = ('"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"',
                   '"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"',
                   "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")
MOBILE_CLIENTS = ("ByoKeyChat/2.3.1 (iOS 18.1)", "ByoKeyChat/2.3.0 (Android 14)", "PocketPrompt/5.0 (iOS 17.6)",
                  "PocketPrompt/5.1 (Android 15)", "TypeAhead/1.9 (Android 13)")


def pick_sdk(rng):
    return SDK_CLIENTS[bisect.bisect(SDK_CW, rng.random() * SDK_CW[-1])]


# ----------------------------------------------------------------------------------------------- the world
class Template:
    __slots__ = ("fp", "cap", "i", "o")

    def __init__(self, fp, cap, i, o):
        self.fp, self.cap, self.i, self.o = fp, cap, i, o


class Net:
    """One autonomous system: number, organisation, true type, address blocks (IPv4 /24s, one IPv6 /32)."""

    def __init__(self, world, org, kind, nblocks, v6=False):
        self.w = world
        self.asn = world.new_asn()
        self.org = org
        self.kind = kind
        self.blocks = [world.new_block() for _ in range(nblocks)]
        self.v6 = world.new_v6() if v6 else None

    def ip(self, rng):
        b = self.blocks[rng.randrange(len(self.blocks))]
        return self.w.ip_rec(f"{b}.{rng.randint(2, 254)}", self)

    def ip6(self, rng):
        g = [rng.randrange(1, 65536) for _ in range(3)]
        addr = str(ipaddress.IPv6Address(f"{self.v6}:{g[0]:x}:{g[1]:x}:{g[2]:x}::{rng.randrange(1, 65536):x}"))
        return self.w.ip_rec(addr, self)

    def pool(self, rng, n):
        return [self.ip(rng) for _ in range(n)]


class Acct:
    __slots__ = ("id", "created", "adopt_t", "adopt_m", "old_p", "mini_t", "mini_m", "mini_p", "tpl", "tcw", "uniq_p", "ucaps",
                 "ipseen", "client", "tok")

    def __init__(self, aid):
        self.id = aid
        self.created = 0
        self.adopt_t = [0]
        self.adopt_m = ["nova-2"]
        self.old_p = 0.05
        self.mini_t, self.mini_m, self.mini_p = [0], ["nova-2-mini"], 0.0
        self.tpl, self.tcw = [], []
        self.uniq_p = 0.5
        self.ucaps = ("chat",)
        self.ipseen = {}
        self.client = "python-sdk/1.42.0"
        self.tok = 1.0


class RequestSink:
    """Requests go to one temporary file per day and are sorted per day at the end (memory stays bounded)."""

    def __init__(self, tmpdir):
        self.tmp = tmpdir
        os.makedirs(tmpdir, exist_ok=True)
        self.buf = {}
        self.n = 0

    def add(self, t, line):
        d = (t - T0) // DAY
        b = self.buf.get(d)
        if b is None:
            b = self.buf[d] = []
        b.append(f"{t}\t{line}\n")
        self.n += 1
        if len(b) >= 20000:
            self.flush(d)

    def flush(self, d):
        with open(os.path.join(self.tmp, f"d{d:03d}"), "a", encoding="utf-8") as f:
            f.writelines(self.buf[d])
        self.buf[d] = []

    def write(self, path):
        for d in list(self.buf):
            if self.buf[d]:
                self.flush(d)
        n = 0
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write("request_id,account_id,ts,model,capability,prompt_fingerprint,ip,client,input_tokens,output_tokens\n")
            for name in sorted(os.listdir(self.tmp)):
                with open(os.path.join(self.tmp, name), encoding="utf-8") as f:
                    lines = f.readlines()
                lines.sort()
                chunk = []
                for ln in lines:
                    n += 1
                    chunk.append(f"req_{n:010d},{ln[14:]}")
                out.writelines(chunk)
        shutil.rmtree(self.tmp)
        return n


class World:
    def __init__(self, out, scale, seed, variant):
        self.rng = random.Random(f"lookalikes/{seed}/{variant}/{scale!r}")
        self.scale, self.seed, self.variant = scale, seed, variant
        self.out = out
        self.sink = RequestSink(os.path.join(out, ".requests-tmp"))
        self.accounts, self.payments, self.sess_rows, self.truth, self.indicators = [], [], [], [], []
        self.ids = set()
        self.asns, self.blocks, self.v6s = set(), set(), set()
        self.iplabel = {}
        self.kind_counts = {}
        self.people = {}
        self.domains = set()
        self.unis = {}  # country -> innocent accounts of real people, which other populations may also include
        self._setup_models()
        self._setup_networks()
        self._setup_templates()

    # ------------------------------------------------------------------ ids and network allocation
    def hexid(self, n):
        while True:
            s = "%0*x" % (n, self.rng.getrandbits(4 * n))
            if not _DIGIT_RUN.search(s):
                return s

    def new_asn(self):
        while True:
            a = self.rng.choice((self.rng.randint(1000, 64000), self.rng.randint(131072, 399999)))
            if a not in self.asns:
                self.asns.add(a)
                return a

    def new_block(self):
        r = self.rng
        while True:
            a = r.randint(2, 223)
            if a in (10, 100, 127, 169, 172, 192, 198, 203):
                continue
            b = f"{a}.{r.randint(0, 255)}.{r.randint(0, 255)}"
            if b not in self.blocks:
                self.blocks.add(b)
                return b

    def new_v6(self):
        while True:
            p = f"2{self.rng.choice('46a')}{self.rng.randrange(16):x}{self.rng.randrange(16):x}:{self.rng.randrange(0x1000, 0x10000):x}"
            if p not in self.v6s:
                self.v6s.add(p)
                return p

    def ip_rec(self, addr, net):
        """(ip, asn, org, label); the label is the noisy IP-intelligence feed's, fixed per address."""
        lab = self.iplabel.get(addr)
        if lab is None:
            r = self.rng.random()
            lab = net.kind
            if r < 0.06:
                lab = "unknown"
            elif r < 0.09:
                lab = {"residential": "proxy", "mobile": "residential", "datacenter": "vpn", "vpn": "datacenter",
                       "proxy": "residential"}.get(net.kind, "unknown")
            self.iplabel[addr] = lab
        return (addr, net.asn, net.org, lab)

    # ------------------------------------------------------------------ models and releases
    def _setup_models(self):
        def at(day, hour):
            return T0 + day * DAY + hour * HOUR
        old = [("nova-1.5", T0 - 300 * DAY), ("nova-2", T0 - 139 * DAY), ("nova-2-mini", T0 - 90 * DAY)]
        new = {"mix": [("nova-3", at(17, 16), False), ("nova-3-mini", at(38, 17), True)],
               "campus": [("nova-3", at(24, 17), False), ("nova-3-mini", at(45, 16), True)],
               "corporate": [("nova-3", at(12, 15), False), ("nova-3-mini", at(33, 16), True)],
               "release": [("nova-3", at(9, 16), False), ("nova-3-mini", at(20, 17), True),
                           ("nova-3.5", at(34, 16), False), ("nova-3.5-mini", at(48, 16), True)]}[self.variant]
        self.releases = old + [(m, t) for m, t, _ in new]
        self.main_rel = [(m, t) for m, t, mini in new if not mini]
        self.mini_rel = [(m, t) for m, t, mini in new if mini]

    def adopt(self, a, p, delay_h, mini_p=0.0, pinned=False, shared=None):
        """Which new models the account moves to and when. delay_h(rng) gives hours after release; shared gives
        per-release fixed times (an organisation switching its default model in its configuration)."""
        r = self.rng
        if pinned:
            a.adopt_t, a.adopt_m, a.old_p = [0], [r.choice(("nova-1.5", "nova-2", "nova-2"))], 0.0
            return
        for k, (m, t) in enumerate(self.main_rel):
            if shared is not None:
                if shared[k] is not None:
                    a.adopt_t.append(int(shared[k]) + int(r.random() * 20 * MIN))
                    a.adopt_m.append(m)
            elif r.random() < p:
                a.adopt_t.append(t + int(delay_h(r) * HOUR))
                a.adopt_m.append(m)
        a.mini_p = mini_p
        if mini_p > 0:
            dh = delay_h or (lambda g: g.uniform(2, 72))
            for m, t in self.mini_rel:
                if r.random() < max(p, 0.5):
                    a.mini_t.append(t + int(dh(r) * HOUR))
                    a.mini_m.append(m)
        order = sorted(zip(a.adopt_t, a.adopt_m))
        a.adopt_t, a.adopt_m = [x for x, _ in order], [y for _, y in order]
        order = sorted(zip(a.mini_t, a.mini_m))
        a.mini_t, a.mini_m = [x for x, _ in order], [y for _, y in order]

    def org_switch_times(self, lo_h, hi_h, p=0.8):
        return [self.rng.uniform(lo_h, hi_h) * HOUR + t if self.rng.random() < p else None for _, t in self.main_rel]

    # ------------------------------------------------------------------ networks
    def _setup_networks(self):
        r = self.rng
        self.isps = {}
        self.carriers = {}
        for cc, tz, w, _ in COUNTRIES:
            if cc in self.isps:
                continue
            self.isps[cc] = [Net(self, f"{cc} {n} Broadband", "residential", 40, v6=True)
                             for n in r.sample(("Telecom", "Cable", "Fibre", "Online", "Net", "Connect"), 3)]
            c = Net(self, f"{cc} Mobile Carrier", "mobile", 4, v6=True)
            c.cgnat = c.pool(r, r.randint(24, 160))  # carrier-grade NAT exits shared by every mobile user
            self.carriers[cc] = c
        self.clouds = [Net(self, n, "datacenter", 120) for n in ("Cumulus Cloud", "Stratus Compute", "Nimbus Hosting", "Altocloud")]
        self.notebook_pool = self.clouds[0].pool(r, 160)  # a hosted-notebook service used by courses
        self.ci_pool = self.clouds[1].pool(r, 240)  # hosted CI runners used by open-source and companies
        self.vpns = []
        for name in ("SwiftTunnel VPN", "ShieldWay VPN", "Mullberry VPN"):
            v = Net(self, name, "vpn", 8)
            v.exits = v.pool(r, r.randint(40, 140))
            self.vpns.append(v)
        self.tor_exits = []  # Tor exits sit in many small hosting networks
        for k in range(12):
            t = Net(self, f"{r.choice(ORG_WORDS).title()} Privacy Hosting", "tor", 1)
            self.tor_exits += t.pool(r, r.randint(3, 12))
        self.swgs = []
        for name in ("Zephyr Secure Edge", "Corvid Cloud Security"):
            s = Net(self, name, "datacenter", 6)
            s.exits = s.pool(r, r.randint(20, 60))
            self.swgs.append(s)
        # a residential proxy network: its exits are ordinary home connections (some are also used by their owners)
        self.proxy_exits = []
        n_exits = max(250, int(3500 * self.scale))
        for _ in range(n_exits):
            cc = self.country()[0]
            self.proxy_exits.append(r.choice(self.isps[cc]).ip(r))
        self.biz_isps = [Net(self, f"{w.title()} Business Networks", "residential", 30) for w in r.sample(ORG_WORDS, 5)]
        self.venue_isps = [Net(self, n, "datacenter", 10) for n in ("EventNet Wireless", "ConventionConnect", "Hall WiFi Services")]

    def country(self):
        return COUNTRIES[bisect.bisect(COUNTRY_CW, self.rng.random() * COUNTRY_CW[-1])]

    def home_ip(self, cc):
        r = self.rng
        if r.random() < 0.012:  # this home connection is also a residential-proxy exit (the owner runs a proxy SDK)
            return r.choice(self.proxy_exits)
        isp = r.choice(self.isps[cc])
        return isp.ip6(r) if r.random() < 0.2 else isp.ip(r)

    def mobile_ips(self, cc, k):
        c = self.carriers[cc]
        r = self.rng
        out = [r.choice(c.cgnat) for _ in range(k)]
        if r.random() < 0.4:
            out.append(c.ip6(r))
        return out

    # ------------------------------------------------------------------ templates
    def tpl(self, cap, i=400, o=600):
        return Template(self.hexid(16), cap, i, o)

    def _setup_templates(self):
        t = self.tpl
        self.quickstart = [t("chat", 40, 200), t("chat", 80, 300), t("tool_use", 300, 150), t("vision", 900, 200),
                           t("chat", 120, 500), t("other", 200, 100)]
        self.frameworks = []
        for name, ver in (("openagent", "0.9.2"), ("crewforge", "1.4.0"), ("taskweave", "2.1.3")):
            tpls = [t(c, 2500, 400) for c in ("agentic_coding", "tool_use", "tool_use", "agentic_coding", "computer_use", "reasoning_cot")]
            self.frameworks.append((f"{name}/{ver}", tpls))
        self.benchmarks = [[t(c, 600, 900) for _ in range(self.rng.randint(1, 4))]
                           for c in ("reasoning_cot", "reasoning_cot", "reasoning_cot", "agentic_coding", "rubric_grading",
                                     "other", "chat", "reasoning_cot", "tool_use", "vision")]
        self.cron_tools = [("morning-brief/2.2", [t("chat", 3000, 400), t("other", 1500, 200)], 7),
                           ("pr-sentinel/0.8", [t("agentic_coding", 6000, 700), t("rubric_grading", 4000, 300)], 6),
                           ("feedsum/1.3", [t("chat", 2500, 350)], 0),
                           ("ledger-tidy/0.4", [t("other", 1200, 150), t("tool_use", 900, 120)], 3)]
        self.launch_demos = [t("reasoning_cot", 200, 1500), t("vision", 1100, 400), t("agentic_coding", 700, 1200),
                             t("chat", 90, 700), t("tool_use", 500, 300)]
        self.op_templates = {}

    def mix(self, a, groups, uniq_p, ucaps=("chat",)):
        """groups: [(templates, total weight)], spread evenly over each group's templates."""
        tp, w = [], []
        for tpls, gw in groups:
            if not tpls:
                continue
            for x in tpls:
                tp.append(x)
                w.append(gw / len(tpls) * (0.5 + self.rng.random()))
        a.tpl, a.tcw = tp, cum(w)
        a.uniq_p = uniq_p if tp else 1.0
        a.ucaps = ucaps

    def personal(self, k, caps=("chat", "chat", "agentic_coding", "reasoning_cot", "other", "vision")):
        return [self.tpl(self.rng.choice(caps), self.rng.randint(100, 3000), self.rng.randint(100, 1500)) for _ in range(k)]

    # ------------------------------------------------------------------ records
    def person(self, cc_row):
        r = self.rng
        f, l = r.choice(FIRST), r.choice(LAST)
        sep = r.choice((".", "_", "", "."))
        local = f + sep + l + (str(r.randint(1, 999)) if r.random() < 0.4 else "")
        return f"{f.title()} {l.title()}", local

    def account(self, kind, created, pathway, domain=None, local=None, name=None, org=None, cc=None, status="active",
                label="legit", op="", email=True):
        r = self.rng
        while True:
            aid = "acct_" + self.hexid(12)
            if aid not in self.ids:
                self.ids.add(aid)
                break
        ehash = ""
        if email and domain and local:
            ehash = hashlib.sha256(f"{local}@{domain}".lower().encode()).hexdigest()
            if _DIGIT_RUN.search(ehash):
                ehash = ""  # never emit anything that could read as a card number
        if name is not None and r.random() < 0.15:
            name = None
        created = min(created, T_END - HOUR)
        self.accounts.append((created, aid, iso_s(created), domain or "", ehash, name or "", org or "", pathway, cc or "", status))
        self.truth.append((aid, label, op, kind))
        self.kind_counts[kind] = self.kind_counts.get(kind, 0) + 1
        a = Acct(aid)
        a.created = created
        return a

    def claim(self, dom):
        """A domain no other organisation uses (two firms never share one)."""
        stem, _, tld = dom.partition(".")
        while dom in self.domains:
            dom = f"{stem}-{self.rng.choice(ORG_WORDS)}.{tld}"
        self.domains.add(dom)
        return dom

    def university(self, cc):
        """A university of that country: one per name and country, shared by its campus population and its labs."""
        r = self.rng
        uname = r.choice(UNI_NAMES)
        u = self.unis.get((cc, uname))
        if u is None:
            net = Net(self, f"{uname} University", "datacenter" if r.random() < 0.3 else "residential", 4)
            u = {"name": uname, "dom": self.claim(f"{uname.lower()}{r.choice(('', 'u', '-uni'))}.{UNI_TLD[cc]}"), "net": net,
                 "nat": net.pool(r, r.randint(2, 8)), "dorm": net.pool(r, r.randint(1, 4)), "hpc": net.pool(r, r.randint(1, 3))}
            self.unis[(cc, uname)] = u
        return u

    def register(self, a, cc, home):
        self.people.setdefault(cc, []).append((a, home))

    def reuse(self, cc, p):
        """An existing person of that country (taken out of the registry), with probability p, else None."""
        lst = self.people.get(cc)
        if lst and self.rng.random() < p:
            return lst.pop(self.rng.randrange(len(lst)))
        return None

    def pay(self, a, fp, kind, bin_, cc, t):
        t = min(max(t, a.created + self.rng.randint(60, 7200) * SEC), T_END - MIN)
        self.payments.append((t, a.id, fp, kind, bin_ or "", cc or "", iso_s(t)))

    def card(self, cc, kind="card", bin_=None):
        b = bin_ or str(self.rng.choice((4, 5, 5, 3, 6))) + "".join(str(self.rng.randrange(10)) for _ in range(5))
        return ("pf_" + self.hexid(24), kind, b if kind == "card" else "", cc)

    def use(self, a, inst, t):
        self.pay(a, inst[0], inst[1], inst[2], inst[3], t)

    def seen(self, a, ip, t):
        c = a.ipseen.get(ip[0])
        if c is None:
            a.ipseen[ip[0]] = 1
            self.sess_rows.append((t, a.id, ip))
        else:
            a.ipseen[ip[0]] = c + 1
            if c + 1 in (6, 40, 200):
                self.sess_rows.append((t, a.id, ip))

    def login(self, a, ip, t):
        if a.created <= t < T_END:
            self.seen(a, ip, t)

    # ------------------------------------------------------------------ requests
    def model_at(self, a, t):
        r = self.rng
        if a.mini_p and r.random() < a.mini_p:
            i = bisect.bisect_right(a.mini_t, t) - 1
            return a.mini_m[i]
        i = bisect.bisect_right(a.adopt_t, t) - 1
        if i > 0 and r.random() < a.old_p:
            i -= 1
        return a.adopt_m[i]

    def emit(self, a, sessions, ipfn, client=None, cap_override=None):
        """sessions: lists of request times (ms); ipfn(start) gives the session's IP record."""
        r = self.rng
        tpl, tcw = a.tpl, a.tcw
        total = tcw[-1] if tcw else 0
        sink = self.sink
        for ts in sessions:
            if not ts:
                continue
            lo = max(T0, a.created + MIN)  # nothing before the account exists
            ts = [t for t in ts if lo <= t < T_END]
            if not ts:
                continue
            ip = ipfn(ts[0])
            self.seen(a, ip, ts[0])
            cl = client or a.client
            ipv = ip[0]
            if r.random() < 0.01:  # gaps in the request log's metadata, as real feeds have
                ipv = ""
            elif r.random() < 0.01:
                cl = ""
            for t in ts:
                t += r.randrange(1000)  # scheduled times reach the API with milliseconds of latency
                if t >= T_END:
                    continue
                if r.random() < a.uniq_p:
                    fp = self.hexid(16)
                    cap = r.choice(a.ucaps)
                    i, o = 300, 500
                else:
                    x = tpl[bisect.bisect(tcw, r.random() * total)]
                    fp, cap, i, o = x.fp, x.cap, x.i, x.o
                if cap_override:
                    cap = cap_override
                it = int(i * a.tok * r.lognormvariate(0, 0.45)) + 5
                ot = int(o * a.tok * r.lognormvariate(0, 0.6)) + 1
                sink.add(t, f"{a.id},{iso_ms(t)},{self.model_at(a, t)},{cap},{fp},{ipv},{cl},{it},{ot}")

    # ------------------------------------------------------------------ timing
    def sessions(self, n, days, tz, curve, per=6.0, gap=60.0, dcw=None):
        r = self.rng
        out = []
        left = n
        if not days:
            return out
        while left > 0:
            k = min(left, 1 + int(r.expovariate(1.0 / max(per - 1, 0.2))))
            d = days[bisect.bisect(dcw, r.random() * dcw[-1])] if dcw else days[r.randrange(len(days))]
            h = bisect.bisect(curve, r.random() * curve[-1])
            t = T0 + d * DAY + int((h + r.random() - tz) * HOUR)
            ts = []
            for _ in range(k):
                ts.append(t)
                t += int(r.expovariate(1.0 / gap) * SEC) + 300
            out.append(ts)
            left -= k
        return out

    def burst(self, start, n, gap):
        r = self.rng
        t, ts = start, []
        for _ in range(n):
            ts.append(t)
            t += int(r.expovariate(1.0 / gap) * SEC) + 150
        return ts

    def span(self, lo, hi):
        lo, hi = max(0, lo), min(DAYS, hi)
        return list(range(lo, hi)) if hi > lo else [max(0, min(DAYS - 1, lo))]

    def created_before(self, lo_days, hi_days):
        return T0 - int(self.rng.uniform(lo_days, hi_days) * DAY)


def lognorm_int(rng, median, sigma, lo, hi):
    return max(lo, min(hi, int(median * math.exp(rng.gauss(0, sigma)))))


# =============================================================================================================
# Legitimate populations. Each maker creates one natural unit (a household, a campus, a hackathon...) of at most
# `cap` accounts and returns how many accounts it made.
# =============================================================================================================
def ordinary(W, a, cc_row, n, days, curve=HUMAN, home=None, mobile_p=0.35, client=None, per=5.0):
    """An ordinary person's own traffic: home connection, sometimes the phone's carrier NAT."""
    r = W.rng
    cc, tz = cc_row[0], cc_row[1]
    home = home or W.home_ip(cc)
    mob = W.mobile_ips(cc, r.randint(2, 6)) if r.random() < mobile_p else None
    sess = W.sessions(n, days, tz, curve, per=per, gap=r.uniform(30, 150), dcw=day_cw(days, 0.9))

    def ipfn(t):
        return mob[r.randrange(len(mob))] if mob and r.random() < 0.3 else home
    W.emit(a, sess, ipfn, client)
    return home


def make_background(W, cap):
    r = W.rng
    cc = W.country()
    name, local = W.person(cc)
    new = r.random() < 0.12
    created = T0 + int(r.uniform(0, DAYS - 2) * DAY) if new else W.created_before(1, 900)
    st = r.choices(("active", "closed", "suspended"), (97, 2, 1))[0]  # a few closed, a few suspended by mistake earlier
    a = W.account("legit_background", created, r.choice(("self_serve",) * 9 + ("other",)), r.choice(cc[3]), local, name, cc=cc[0],
                  status=st)
    a.client = pick_sdk(r) if r.random() < 0.8 else r.choice(BROWSER_CLIENTS)
    W.adopt(a, 0.45, lambda g: g.expovariate(1 / 200), mini_p=0.1 if r.random() < 0.3 else 0.0)
    W.mix(a, [(W.personal(r.randint(1, 8)), 1.0), (W.quickstart, 0.15 if r.random() < 0.3 else 0)], r.uniform(0.3, 0.8))
    if r.random() < 0.72:
        W.use(a, W.card(cc[0]) if r.random() < 0.88 else W.card(cc[0], "wallet"), created + int(r.uniform(0, 3) * DAY))
    first = max(0, (created - T0) // DAY)
    lo = r.randint(first, DAYS - 1)
    home = ordinary(W, a, cc, lognorm_int(r, 14, 1.1, 1, 500), W.span(lo, lo + r.randint(3, DAYS)))
    if st == "active":
        W.register(a, cc[0], home)
    return 1


def make_family(W, cap):
    r = W.rng
    n = min(cap, r.choice((2, 2, 3, 3, 3, 4, 4, 5, 6)))
    cc = W.country()
    surname = r.choice(LAST)
    home = W.home_ip(cc[0])
    home2 = W.home_ip(cc[0]) if r.random() < 0.3 else None  # the ISP changed the address mid-window
    change = r.randint(5, DAYS - 5)
    card = W.card(cc[0])
    dom = r.choice(cc[3])
    t_parent = W.created_before(30, 700)
    for k in range(n):
        f = r.choice(FIRST)
        created = t_parent if k == 0 else t_parent + int(r.uniform(1, 400) * DAY)
        if created > T_END - 2 * DAY:
            created = T0 + int(r.uniform(0, DAYS - 3) * DAY)
        a = W.account("legit_family", created, "self_serve", dom if r.random() < 0.7 else r.choice(cc[3]),
                      f"{f}.{surname}{r.randint(1, 99)}", f"{f.title()} {surname.title()}", cc=cc[0])
        a.client = r.choice(BROWSER_CLIENTS + SDK_CLIENTS[:3] + MOBILE_CLIENTS)
        W.adopt(a, 0.4, lambda g: g.expovariate(1 / 150))
        W.mix(a, [(W.personal(r.randint(1, 5)), 1.0)], r.uniform(0.4, 0.9))
        if k == 0 or r.random() < 0.85:
            W.use(a, card, max(created, t_parent) + int(r.uniform(0, 10) * DAY))
        if k > 0 and r.random() < 0.15:
            W.use(a, W.card(cc[0]), created + int(r.uniform(0, 30) * DAY))
        days = W.span(max(0, (created - T0) // DAY), DAYS)
        sess = W.sessions(lognorm_int(r, 12, 1.0, 1, 250), days, cc[1], EVENING if k else HUMAN, per=4, gap=90,
                          dcw=day_cw(days, 1.2))
        mob = W.mobile_ips(cc[0], 3)
        W.emit(a, sess, lambda t: (home2 if home2 and t > T0 + change * DAY else home) if r.random() < 0.8 else r.choice(mob))
    return n


def make_campus(W, cap):
    """A university: students and staff behind a few campus NAT exits, a dorm NAT, courses with shared assignment
    templates and deadlines, and some accounts paid by a department invoice."""
    r = W.rng
    n = min(cap, lognorm_int(r, 500, 0.8, 60, 3000))
    while True:
        cc = W.country()
        if cc[0] in UNI_TLD:
            break
    u = W.university(cc[0])
    uname, dom, nat, dorm = u["name"], u["dom"], u["nat"], u["dorm"]
    term_start = r.randint(-10, 6)
    exam = W.variant == "campus"
    courses = []
    n_courses = max(1, min(8, n // 120 + r.randint(0, 2)))
    for _ in range(n_courses):
        period = r.choice((7, 7, 14))
        dl_day = r.randint(2, 6)  # weekday of the deadline
        deadlines = [d for d in range(max(0, term_start), DAYS) if (d - dl_day) % period == 0 and d - term_start >= 6]
        if exam:  # exam period: every course's final project is due on the same day
            deadlines.append(DAYS - 8)
        tpls = [W.tpl(r.choice(("chat", "reasoning_cot", "agentic_coding", "other", "rubric_grading")), r.randint(400, 3000),
                      r.randint(300, 1500)) for _ in range(r.randint(3, 7))]
        invoice = W.card(cc[0], "invoice") if r.random() < 0.3 else None
        courses.append((deadlines, tpls, invoice))
    for k in range(n):
        staff = r.random() < 0.1
        name, local = W.person(cc)
        fresh = r.random() < 0.35
        created = T0 + int((term_start + r.uniform(-3, 8)) * DAY) if fresh else W.created_before(20, 900)
        edu = r.random() < 0.8
        course = courses[r.randrange(len(courses))] if not staff and r.random() < 0.8 else None
        a = W.account("legit_campus_course" if course else "legit_campus", created, "education" if (edu and r.random() < 0.7) else "self_serve",
                      dom if edu else r.choice(cc[3]), local, name, org=f"{uname} University" if r.random() < 0.4 else None, cc=cc[0])
        a.client = r.choice(("python-sdk/1.42.0", "python-sdk/1.44.1", "node-sdk/4.9.0", "notebook-runtime/7.2 python-sdk/1.42.0"))
        W.adopt(a, 0.55, lambda g: g.expovariate(1 / 60), mini_p=0.05)
        groups = [(W.personal(r.randint(1, 6)), 1.0), (W.quickstart, 0.2)]
        if course:
            groups.append((course[1], 2.5))
        W.mix(a, groups, r.uniform(0.2, 0.6))
        if course and course[2] and r.random() < 0.8:
            W.use(a, course[2], max(created, T0 + term_start * DAY))
        elif r.random() < 0.5:
            W.use(a, W.card(cc[0]), created + int(r.uniform(0, 20) * DAY))
        days = W.span(max(term_start, (created - T0) // DAY), DAYS)
        dls = course[0] if course else []

        def pressure(d, dls=dls):
            ahead = [x - d for x in dls if x >= d]
            return 0.3 + (3.0 * math.exp(-min(ahead) / 1.5) if ahead else 0)
        home = W.home_ip(cc[0])
        mob = W.mobile_ips(cc[0], 3)
        on_campus_dorm = r.random() < 0.35
        sess = W.sessions(lognorm_int(r, 35, 0.9, 2, 600), days, cc[1], OFFICE if staff else STUDENT, per=6, gap=70,
                          dcw=day_cw(days, 0.7, pressure))

        def ipfn(t, on_campus_dorm=on_campus_dorm, home=home, mob=mob):
            local_h = ((t - T0) / HOUR + cc[1]) % 24
            wd = ((t - T0) // DAY) % 7 < 5
            if wd and 8 <= local_h < 18 and r.random() < 0.85:
                return r.choice(nat)
            if on_campus_dorm and r.random() < 0.8:
                return r.choice(dorm)
            return r.choice(mob) if r.random() < 0.25 else home
        W.emit(a, sess, ipfn)
        if not staff:
            W.register(a, cc[0], home)
    return n


def make_mooc(W, cap):
    """An online course: thousands of unrelated learners worldwide, weekly templates, one global deadline, many
    running the course's notebooks on a hosted-notebook service (a shared cloud address pool)."""
    r = W.rng
    n = min(cap, lognorm_int(r, 900, 0.8, 100, 4000))
    start = r.choice((-7, 0, 7, 14))  # a Monday: weeks run Monday to the Sunday deadline
    weeks = [[W.tpl(r.choice(("chat", "reasoning_cot", "agentic_coding", "tool_use")), r.randint(500, 2500), r.randint(200, 900))
              for _ in range(r.randint(1, 3))] for _ in range(9)]
    common = [W.tpl("chat", 300, 300), W.tpl("other", 200, 100)]
    org = f"{r.choice(ORG_WORDS).title()} Academy"
    for k in range(n):
        cc = W.country()
        name, local = W.person(cc)
        created = T0 + int((start + r.uniform(-6, 5)) * DAY) if r.random() < 0.7 else W.created_before(10, 600)
        a = W.account("legit_mooc", created, "education" if r.random() < 0.25 else "self_serve", r.choice(cc[3]), local, name,
                      org=org if r.random() < 0.03 else None, cc=cc[0])
        nb = r.random() < 0.7
        a.client = "notebook-runtime/7.2 python-sdk/1.42.0" if nb else pick_sdk(r)
        W.adopt(a, 0.4, lambda g: g.expovariate(1 / 100))
        stay = r.choice((1, 1, 2, 2, 3, 4, 6, 9))  # weeks before dropping out
        W.mix(a, [(common, 0.5), (W.personal(r.randint(0, 3)), 0.5)], 0.35)
        if r.random() < 0.45:
            W.use(a, W.card(cc[0]), created + int(r.uniform(0, 5) * DAY))
        home = W.home_ip(cc[0])
        W.login(a, home, created + HOUR)
        for wk in range(stay):
            d0 = start + 7 * wk
            deadline_day = d0 + 6  # Sunday 23:59 UTC for everyone
            days = W.span(d0, deadline_day + 1)
            if not days or d0 >= DAYS:
                break
            a.tpl, a.tcw = [*common, *weeks[wk]], cum([0.5, 0.3] + [2.0] * len(weeks[wk]))
            sess = W.sessions(lognorm_int(r, 10, 0.7, 1, 80), days, cc[1], STUDENT, per=6, gap=50,
                              dcw=day_cw(days, 1.3, lambda d, dd=deadline_day: 0.3 + math.exp(-(dd - d) / 1.2)))
            cutoff = T0 + (deadline_day + 1) * DAY - MIN  # submissions close at 23:59 UTC
            sess = [[t for t in s if t < cutoff] for s in sess]
            W.emit(a, sess, lambda t, home=home: r.choice(W.notebook_pool) if nb else home)
    return n


def make_hackathon(W, cap):
    """A 1-3 day event: hundreds of people on a venue network, a sponsor's starter kit (same client string and starter
    templates), a kickoff burst, teams sharing their project templates, night hacking, then most go quiet."""
    r = W.rng
    n = min(cap, lognorm_int(r, 250, 0.7, 40, 900))
    cc = W.country()
    venue = r.choice(W.venue_isps)
    vips = venue.pool(r, r.randint(1, 4))
    length = r.choice((1, 2, 2, 3))
    d0 = r.randint(1, DAYS - length - 1)
    kick = T0 + d0 * DAY + int((r.choice((9, 10, 18)) - cc[1]) * HOUR)
    starter = [W.tpl(c, 300, 400) for c in ("chat", "tool_use", "agentic_coding", "vision")[:r.randint(2, 4)]]
    kit = f"hackkit-{r.choice(ORG_WORDS)}/1.{r.randint(0, 5)} python-sdk/1.44.1"
    left = n
    made = 0
    while left > 0:
        tsize = min(left, r.randint(1, 5))
        team_t = W.personal(r.randint(2, 6), caps=("agentic_coding", "tool_use", "chat", "vision", "reasoning_cot"))
        for _ in range(tsize):
            got = W.reuse(cc[0], 0.2)  # a local student or employee who already has an account
            if got:
                a = got[0]
            else:
                name, local = W.person(cc)
                fresh = r.random() < 0.6
                created = kick - int(r.uniform(0, 72) * HOUR) if fresh else W.created_before(5, 700)
                a = W.account("legit_hackathon", created, "self_serve" if r.random() < 0.85 else "education",
                              r.choice(cc[3]) if r.random() < 0.8 else f"{r.choice(UNI_NAMES).lower()}.edu", local, name, cc=cc[0])
                W.adopt(a, 0.6, lambda g: g.expovariate(1 / 40))
                if r.random() < 0.25:
                    W.use(a, W.card(cc[0]), created + int(r.uniform(0, 2) * DAY))
                made += 1
            a.client = kit if r.random() < 0.85 else pick_sdk(r)
            W.mix(a, [(starter, 1.0), (team_t, 2.0)], 0.25, ("agentic_coding", "chat"))
            k = lognorm_int(r, 60, 0.8, 3, 900)
            sess = [W.burst(kick + int(r.uniform(0.2, 1.5) * HOUR), r.randint(1, 6), 40)]
            ev_hours = length * 24 - 4
            for _ in range(max(1, k // 8)):
                s = kick + int(r.uniform(0, ev_hours) * HOUR)
                lh = ((s - T0) / HOUR + cc[1]) % 24
                if 3 <= lh < 8 and r.random() < 0.7:
                    continue
                sess.append(W.burst(s, r.randint(2, 15), 45))
            W.emit(a, sess, lambda t: r.choice(vips))
            if not got and r.random() < 0.25:
                ordinary(W, a, cc, lognorm_int(r, 12, 0.8, 1, 100), W.span(d0 + length, DAYS))
        left -= tsize
    return made


def make_workshop(W, cap):
    """A half-day workshop or training; the same instructor sometimes runs it at several venues."""
    r = W.rng
    venues = r.choice((1, 1, 1, 2, 3))
    tpls = [W.tpl(c, 500, 600) for c in ("chat", "tool_use", "reasoning_cot", "agentic_coding", "vision")[:r.randint(3, 5)]]
    made = 0
    for _ in range(venues):
        n = min(cap - made, r.randint(12, 140))
        if n <= 0:
            break
        cc = W.country()
        host = r.choice((Net(W, f"{r.choice(ORG_WORDS).title()} Corp", "residential", 1), r.choice(W.venue_isps)))
        ip = host.ip(r)
        d = r.randint(0, DAYS - 1)
        start = T0 + d * DAY + int((r.choice((9, 10, 13, 14)) - cc[1]) * HOUR)
        dom = W.claim(f"{r.choice(ORG_WORDS)}{r.choice(ORG_SUFFIX)}.{r.choice(TLDS)}") if r.random() < 0.5 else None
        new = 0
        for _ in range(n):
            got = W.reuse(cc[0], 0.2)  # an employee or student who already has an account
            if got:
                a = got[0]
            else:
                name, local = W.person(cc)
                created = start - int(r.uniform(0, 90) * MIN) if r.random() < 0.7 else W.created_before(3, 500)
                a = W.account("legit_workshop", created, "self_serve" if dom is None else r.choice(("enterprise", "self_serve")),
                              dom or r.choice(cc[3]), local, name, cc=cc[0])
                W.adopt(a, 0.5, lambda g: g.expovariate(1 / 80))
                new += 1
            a.client = r.choice(("python-sdk/1.44.1", "notebook-runtime/7.2 python-sdk/1.42.0"))
            W.mix(a, [(tpls, 1.0)], 0.15)
            sess = []
            for step in range(len(tpls) + 1):
                sess.append(W.burst(start + step * 35 * MIN + int(r.uniform(0, 10) * MIN), r.randint(1, 8), 50))
            W.emit(a, sess, lambda t: ip)
            if not got and r.random() < 0.3:
                ordinary(W, a, cc, lognorm_int(r, 10, 0.8, 1, 80), W.span(d + 1, DAYS))
        made += new
    return made


def make_company(W, cap):
    """A firm: company domain, one corporate card or invoice on every account, an office exit, a VPN or a shared
    secure-web-gateway exit, CI/eval service accounts on a cloud NAT with nightly sweeps at fixed times, and a
    model switch set once in the configuration for everyone."""
    r = W.rng
    n = min(cap, lognorm_int(r, 25, 1.1, 3, 400))
    cc = W.country()
    oname = f"{r.choice(ORG_WORDS).title()}{r.choice(ORG_WORDS)} {r.choice(ORG_SUFFIX).title()}"
    dom = W.claim(f"{oname.split()[0].lower()}.{r.choice(TLDS)}")
    office_net = r.choice(W.biz_isps)
    office = office_net.pool(r, r.randint(1, 3))
    swg = r.random() < (0.6 if W.variant == "corporate" else 0.3)
    vpn_exits = r.choice(W.swgs).exits if swg else r.choice(W.clouds).pool(r, r.randint(1, 3))
    cloud = r.choice(W.clouds)
    ci_nat = cloud.pool(r, r.randint(1, 2))
    enterprise = n > 60 or r.random() < 0.25
    inst = W.card(cc[0], "invoice") if enterprise and r.random() < 0.6 else W.card(cc[0])
    pathway = "enterprise" if enterprise else r.choice(("self_serve", "self_serve", "startup_program"))
    internal = W.personal(r.randint(5, 40), caps=("agentic_coding", "chat", "tool_use", "rubric_grading", "reasoning_cot", "other"))
    fw = r.choice(W.frameworks) if r.random() < 0.4 else None
    switch = W.org_switch_times(2, 24 * 10)
    rollout = W.created_before(10, 500)
    n_ci = min(n - 1, r.randint(0, 2) + n // 40) if n > 2 else 0
    evalset = [x for b in r.sample(W.benchmarks, 3) for x in b] + internal[:3]
    for k in range(n):
        ci = k < n_ci
        name, local = W.person(cc)
        created = rollout + (int(r.uniform(0, 400) * DAY) if r.random() < 0.4 else int(r.uniform(0, 2) * HOUR))
        if created > T_END - DAY:
            created = T0 + int(r.uniform(0, DAYS - 2) * DAY)
        a = W.account("legit_company_ci" if ci else "legit_company", created, pathway, dom, f"svc-eval{k}" if ci else local, None if ci else name, org=oname, cc=cc[0])
        W.adopt(a, 1, None, mini_p=0.15 if r.random() < 0.5 else 0.0, shared=switch)
        W.use(a, inst, max(created, rollout + int(r.uniform(0, 3) * DAY)))
        if not ci and r.random() < 0.05:
            W.use(a, W.card(cc[0]), created + int(r.uniform(0, 50) * DAY))
        if ci:
            a.client = "python-httpx/0.27.0"
            W.mix(a, [(evalset, 1.0)], 0.0)
            hh = r.choice((1, 2, 2, 3, 4))
            sess = []
            for d in range(DAYS):
                if r.random() < (0.85 if d % 7 < 5 else 0.4):
                    sess.append(W.burst(T0 + d * DAY + int((hh - cc[1]) * HOUR) + r.randint(0, 90) * SEC, r.randint(6, 30), 3))
            for t in a.adopt_t[1:]:  # a sweep of the new model right after the switch
                sess.append(W.burst(t + r.randint(5, 60) * MIN, r.randint(60, 200), 2))
            W.emit(a, sess, lambda t: r.choice(ci_nat))
            continue
        a.client = fw[0] if fw and r.random() < 0.5 else pick_sdk(r)
        W.mix(a, [(internal, 2.0), (fw[1] if fw else [], 1.0)], r.uniform(0.2, 0.6), ("chat", "agentic_coding"))
        days = W.span(max(0, (created - T0) // DAY), DAYS)
        sess = W.sessions(lognorm_int(r, 45, 1.0, 2, 900), days, cc[1], OFFICE, per=7, gap=45, dcw=day_cw(days, 0.08))
        home = W.home_ip(cc[0])
        remote = r.random() < 0.4

        def ipfn(t, remote=remote):
            x = r.random()
            if remote and x < 0.6:
                return r.choice(vpn_exits)
            return r.choice(office) if x < 0.9 else home
        W.emit(a, sess, ipfn)
        W.register(a, cc[0], home)
    return n


def make_startup_cohort(W, cap):
    """An accelerator batch: startups joining the programme together (accounts created within a day or two, the
    startup_program pathway), a shared co-working network, a card per startup, and a demo-day crunch."""
    r = W.rng
    n_st = r.randint(8, 40)
    cc = W.country()
    cowork = r.choice(W.biz_isps).pool(r, r.randint(2, 4))
    start = r.randint(-20, 20)
    demo = min(DAYS - 1, max(3, start + r.randint(25, 40)))
    workshop = [W.tpl("chat", 400, 500), W.tpl("agentic_coding", 900, 700)]
    made = 0
    for _ in range(n_st):
        if made >= cap:
            break
        size = min(cap - made, r.choice((1, 2, 2, 3, 3, 4, 5, 6)))
        dom = W.claim(f"{r.choice(ORG_WORDS)}{r.choice(ORG_WORDS)}.{r.choice(TLDS)}")
        card = W.card(cc[0])
        prod = W.personal(r.randint(2, 12), caps=("agentic_coding", "tool_use", "chat", "reasoning_cot", "vision"))
        fw = r.choice(W.frameworks) if r.random() < 0.5 else None
        for _ in range(size):
            name, local = W.person(cc)
            created = T0 + int((start + r.uniform(-0.5, 1.5)) * DAY)
            a = W.account("legit_startup_cohort", created, "startup_program", dom, local, name, org=dom.split(".")[0].title(), cc=cc[0])
            a.client = fw[0] if fw else pick_sdk(r)
            W.adopt(a, 0.8, lambda g: g.expovariate(1 / 24))
            W.mix(a, [(prod, 2.0), (workshop, 0.3), (fw[1] if fw else [], 0.7)], 0.3, ("agentic_coding", "chat"))
            W.use(a, card, created + int(r.uniform(0, 5) * DAY))
            days = W.span(max(0, start), DAYS)
            sess = W.sessions(lognorm_int(r, 90, 0.9, 5, 1500), days, cc[1], HUMAN, per=8, gap=40,
                              dcw=day_cw(days, 0.6, lambda d: 1 + 4 * math.exp(-abs(demo - 1 - d) / 2)))
            home = W.home_ip(cc[0])
            W.emit(a, sess, lambda t, home=home: r.choice(cowork) if r.random() < 0.6 else home)
        made += size
    return made


def make_lab(W, cap):
    """An academic lab: researchers on the university network and its compute-cluster exits, a grant card, public
    benchmark templates and LLM-as-judge grading, nightly scripted sweeps, release-day evaluations."""
    r = W.rng
    n = min(cap, r.randint(3, 30))
    cc = r.choice([c for c in COUNTRIES if c[0] in UNI_TLD])
    u = W.university(cc[0])
    uname, dom, hpc, wifi = u["name"], u["dom"], u["hpc"], u["nat"]
    security = r.random() < 0.3
    grant = W.card(cc[0], "card" if r.random() < 0.7 else "invoice")
    bench = [x for b in r.sample(W.benchmarks, r.randint(2, 5)) for x in b]
    research = W.personal(r.randint(4, 20), caps=("reasoning_cot", "rubric_grading", "other", "chat", "censorship_rewrite"))
    crunch = r.randint(10, DAYS - 2)
    for k in range(n):
        name, local = W.person(cc)
        a = W.account("legit_lab", W.created_before(5, 700), "security_research" if security else r.choice(("education", "self_serve")),
                      dom, local, name, org=f"{uname} {r.choice(('NLP', 'ML', 'Security', 'Vision', 'Robotics'))} Lab", cc=cc[0])
        a.client = r.choice(("python-sdk/1.42.0", "python-httpx/0.27.0", "python-sdk/1.44.1"))
        W.adopt(a, 0.95, lambda g: g.uniform(1, 30), mini_p=0.2)
        W.mix(a, [(bench, 2.0), (research, 2.0)], 0.15, ("reasoning_cot", "chat"))
        if r.random() < 0.7:
            W.use(a, grant, W.created_before(0, 200))
        else:
            W.use(a, W.card(cc[0]), W.created_before(0, 300))
        days = list(range(DAYS))
        sess = W.sessions(lognorm_int(r, 30, 0.8, 5, 500), days, cc[1], OFFICE, per=8, gap=40,
                          dcw=day_cw(days, 0.4, lambda d: 1 + 3 * math.exp(-abs(crunch - d) / 3)))
        for t in a.adopt_t[1:]:
            sess.append(W.burst(t + r.randint(10, 600) * MIN, r.randint(15, 70), 4))
        if r.random() < 0.3:
            hh = r.randint(0, 5)
            for d in range(0, DAYS, r.choice((2, 7, 7))):
                sess.append(W.burst(T0 + d * DAY + int((hh - cc[1]) * HOUR), r.randint(10, 40), 3))
        home = W.home_ip(cc[0])
        W.emit(a, sess, lambda t, home=home: r.choice(hpc) if r.random() < 0.6 else (r.choice(wifi) if r.random() < 0.7 else home))
    return n


def make_labelling_shop(W, cap):
    """A translation / data-labelling office: many workers on one office network, one company card, the same
    task templates (grading, rewriting, translating), regular pacing in shifts, onboarding in batches."""
    r = W.rng
    n = min(cap, lognorm_int(r, 60, 0.8, 10, 400))
    cc = r.choice([c for c in COUNTRIES if c[0] in ("PH", "KE", "IN", "NG", "VN", "UA", "EG", "PK", "BR", "PL")])
    office = r.choice(W.biz_isps).pool(r, r.randint(1, 3))
    dom = W.claim(f"{r.choice(ORG_WORDS)}{r.choice(('lingua', 'label', 'annotate', 'translate', 'tasks'))}.{r.choice(TLDS)}")
    card = W.card(cc[0])
    n_proj = r.randint(1, 4)
    projects = []
    for _ in range(n_proj):
        caps = r.choice((("rubric_grading", "rubric_grading", "other"), ("other", "chat"), ("censorship_rewrite", "rubric_grading"),
                         ("reasoning_cot", "rubric_grading")))
        p0 = r.randint(-5, DAYS - 10)
        projects.append(([W.tpl(r.choice(caps), r.randint(800, 4000), r.randint(150, 900)) for _ in range(r.randint(2, 8))],
                         p0, p0 + r.randint(7, 30), T0 + p0 * DAY - int(r.uniform(0, 3) * DAY)))
    shifts = ((6, 14), (14, 22)) if r.random() < 0.6 else ((8, 17),)
    for k in range(n):
        tpls, p0, p1, onboard = projects[k % n_proj]
        name, local = W.person(cc)
        own = r.random() < 0.5
        a = W.account("legit_labelling_shop", onboard + r.randint(0, 3600) * SEC, "enterprise" if not own else "self_serve",
                      r.choice(cc[3]) if own else dom, local, name, org=dom.split(".")[0].title(), cc=cc[0])
        a.client = r.choice(("labeltool/3.2 python-sdk/1.42.0", "labeltool/3.2 python-sdk/1.42.0", BROWSER_CLIENTS[0]))
        W.adopt(a, 0.3, lambda g: g.uniform(24, 300))
        W.mix(a, [(tpls, 1.0)], 0.05)
        W.use(a, card, onboard + int(r.uniform(0, 2) * DAY))
        sh = shifts[k % len(shifts)]
        sess = []
        per_day = r.randint(5, 18)
        for d in range(max(0, p0), min(DAYS, p1)):
            if d % 7 == 6 or r.random() < 0.1:
                continue
            s = T0 + d * DAY + int((sh[0] - cc[1]) * HOUR) + r.randint(0, 40) * MIN
            sess.append([s + int(j * (sh[1] - sh[0]) * HOUR / per_day) + r.randint(0, 600) * SEC for j in range(per_day)])
        W.emit(a, sess, lambda t: r.choice(office))
    return n


def make_saas_tenants(W, cap):
    """An app developer's platform that opens one account per customer tenant (some are authorised resellers): every
    tenant's traffic leaves through the developer's gateway (a few cloud addresses, one client string, the app's
    templates), one invoice pays for all of them."""
    r = W.rng
    n = min(cap, lognorm_int(r, 40, 0.9, 5, 300))
    cc = W.country()
    gw = r.choice(W.clouds).pool(r, r.randint(2, 6))
    app = f"{r.choice(ORG_WORDS)}-gateway/{r.randint(1, 4)}.{r.randint(0, 9)}"
    tpls = W.personal(r.randint(3, 10), caps=("chat", "tool_use", "rubric_grading", "other", "vision"))
    dom = W.claim(f"{r.choice(ORG_WORDS)}{r.choice(ORG_SUFFIX)}.{r.choice(TLDS)}")
    inv = W.card(cc[0], "invoice")
    reseller = r.random() < 0.3
    switch = W.org_switch_times(24, 24 * 14, 0.7)
    for k in range(n):
        created = W.created_before(0, 500) if r.random() < 0.8 else T0 + int(r.uniform(0, DAYS - 3) * DAY)
        a = W.account("legit_saas_tenants", created, "reseller" if reseller else r.choice(("enterprise", "other")), dom,
                      f"tenant-{W.hexid(6)}", f"{r.choice(ORG_WORDS).title()} (tenant)", org=dom.split(".")[0].title(), cc=cc[0])
        a.client = app
        W.adopt(a, 1, None, shared=switch)
        W.mix(a, [(tpls, 1.0)], 0.4, ("chat",))
        W.use(a, inv, created)
        days = W.span(max(0, (created - T0) // DAY), DAYS)
        n_req = lognorm_int(r, 60, 1.3, 2, 2000)
        sess = W.sessions(n_req, days, cc[1] + r.choice((0, 0, -6, 8)), HUMAN, per=3, gap=20, dcw=day_cw(days, 0.6))
        W.emit(a, sess, lambda t: r.choice(gw))
        W.login(a, r.choice(W.biz_isps).ip(r), created)
    return n


def make_agent_users(W, cap):
    """Unrelated developers running the same public agent framework: its client string and built-in system templates,
    tight automated loops, and a default-model bump in a framework release a few days after each model launch."""
    r = W.rng
    n = min(cap, r.randint(20, 200))
    fw_name, fw_tpls = r.choice(W.frameworks)
    bump = [t + r.uniform(20, 96) * HOUR for _, t in W.main_rel]
    made = 0
    for _ in range(n):
        cc = W.country()
        got = W.reuse(cc[0], 0.25)  # also a student, employee or ordinary user seen elsewhere
        if got:
            a = got[0]
        else:
            name, local = W.person(cc)
            a = W.account("legit_agent_framework", W.created_before(0, 500), "self_serve", r.choice(cc[3]), local, name, cc=cc[0])
            upd = [b + r.expovariate(1 / 72) * HOUR if r.random() < 0.8 else None for b in bump]  # when this user upgrades
            W.adopt(a, 1, None, shared=upd)
            if r.random() < 0.85:
                W.use(a, W.card(cc[0]), W.created_before(0, 100))
            made += 1
        a.client = fw_name
        W.mix(a, [(fw_tpls, 3.0), (W.personal(r.randint(1, 5)), 1.0)], 0.3, ("agentic_coding", "tool_use"))
        runs = lognorm_int(r, 4, 1.0, 1, 60)
        where = r.choice(W.clouds).ip(r) if r.random() < 0.3 else (got[1] if got else W.home_ip(cc[0]))
        days = list(range(DAYS))
        sess = []
        for s in W.sessions(runs, days, cc[1], HUMAN, per=1, dcw=day_cw(days, 0.5)):
            sess.append(W.burst(s[0], lognorm_int(r, 18, 0.8, 3, 250), 4))
        W.emit(a, sess, lambda t: where)
    return made


def make_carrier(W, cap):
    """Mobile users of one carrier: bring-your-own-key chat apps, every session through the carrier-grade NAT pool."""
    r = W.rng
    cc = W.country()
    n = min(cap, r.randint(100, 900))
    for _ in range(n):
        name, local = W.person(cc)
        a = W.account("legit_carrier_cgnat", W.created_before(-DAYS + 1, 700), "self_serve", r.choice(cc[3]), local, name, cc=cc[0])
        a.client = r.choice(MOBILE_CLIENTS)
        W.adopt(a, 0.3, lambda g: g.expovariate(1 / 200))
        W.mix(a, [(W.personal(r.randint(1, 3)), 1.0)], 0.8)
        if r.random() < 0.6:
            W.use(a, W.card(cc[0], "wallet"), W.created_before(0, 200))
        ips = W.mobile_ips(cc[0], r.randint(3, 15))
        days = list(range(DAYS))
        sess = W.sessions(lognorm_int(r, 12, 1.0, 1, 300), days, cc[1], EVENING, per=3, gap=60, dcw=day_cw(days, 1.1))
        W.emit(a, sess, lambda t: r.choice(ips))
    return n


def make_vpn(W, cap):
    """Privacy-minded individuals on commercial VPNs or Tor, and small unrelated firms behind one secure-web-gateway
    provider: the same exit addresses carry many unrelated people."""
    r = W.rng
    if r.random() < 0.6:
        cc = W.country()
        name, local = W.person(cc)
        tor = r.random() < 0.12
        a = W.account("legit_tor" if tor else "legit_vpn", W.created_before(0, 700), "self_serve", r.choice(cc[3] + PRIVACY_DOMAINS),
                      local, name, cc=cc[0] if r.random() < 0.7 else None)
        a.client = pick_sdk(r) if r.random() < 0.7 else r.choice(BROWSER_CLIENTS)
        W.adopt(a, 0.5, lambda g: g.expovariate(1 / 100))
        W.mix(a, [(W.personal(r.randint(1, 6)), 1.0)], 0.6, ("chat", "agentic_coding"))
        W.use(a, W.card(cc[0], r.choice(("card", "card", "crypto", "wallet"))), W.created_before(0, 200))
        exits = W.tor_exits if tor else r.choice(W.vpns).exits
        home = W.home_ip(cc[0])
        days = list(range(DAYS))
        sess = W.sessions(lognorm_int(r, 25, 1.0, 1, 500), days, cc[1], HUMAN, per=6, gap=60, dcw=day_cw(days, 0.9))
        W.emit(a, sess, lambda t: r.choice(exits) if r.random() < 0.85 else home)
        return 1
    n = min(cap, r.randint(2, 15))
    cc = W.country()
    s = r.choice(W.swgs)
    dom = W.claim(f"{r.choice(ORG_WORDS)}{r.choice(ORG_SUFFIX)}.{r.choice(TLDS)}")
    card = W.card(cc[0])
    tpls = W.personal(r.randint(2, 8))
    for _ in range(n):
        name, local = W.person(cc)
        a = W.account("legit_swg_firm", W.created_before(0, 600), "self_serve", dom, local, name, org=dom.split(".")[0].title(), cc=cc[0])
        a.client = pick_sdk(r)
        W.adopt(a, 0.5, lambda g: g.expovariate(1 / 100))
        W.mix(a, [(tpls, 1.0)], 0.5)
        W.use(a, card, W.created_before(0, 100))
        days = list(range(DAYS))
        sess = W.sessions(lognorm_int(r, 30, 0.9, 1, 400), days, cc[1], OFFICE, per=6, gap=60, dcw=day_cw(days, 0.1))
        W.emit(a, sess, lambda t: r.choice(s.exits))
    return n


def make_power_user(W, cap):
    """One heavy individual: very high volume, many templates, scripted regularity, each new model tried within hours;
    sometimes two or three accounts (personal, side project) on one card and one home."""
    r = W.rng
    n = min(cap, r.choice((1, 1, 1, 1, 2, 2, 3)))
    cc = W.country()
    name, local = W.person(cc)
    card = W.card(cc[0])
    home = W.home_ip(cc[0])
    tpls = W.personal(r.randint(20, 90), caps=("reasoning_cot", "agentic_coding", "tool_use", "chat", "rubric_grading", "vision", "other"))
    bench = [x for b in r.sample(W.benchmarks, 2) for x in b]
    server = r.choice(W.clouds).ip(r) if r.random() < 0.3 else None
    for k in range(n):
        a = W.account("legit_power_user", W.created_before(10, 900), "self_serve", r.choice(cc[3]) if k == 0 else f"{local}.dev",
                      local + (str(k) if k else ""), name, cc=cc[0])
        a.client = pick_sdk(r)
        W.adopt(a, 1.0, lambda g: g.uniform(0.1, 4), mini_p=0.2)
        W.mix(a, [(tpls, 3.0), (bench, 0.5)], 0.35, ("chat", "agentic_coding", "reasoning_cot"))
        W.use(a, card, W.created_before(0, 300))
        days = list(range(DAYS))
        sess = W.sessions(lognorm_int(r, 280, 0.6, 100, 2500) // n, days, cc[1], HUMAN, per=12, gap=25, dcw=day_cw(days, 1.0))
        if server:
            every = r.choice((2, 4, 6, 12))
            mm = r.randint(0, 59)
            for h in range(0, DAYS * 24, every):
                if r.random() < 0.9:
                    sess.append(W.burst(T0 + h * HOUR + mm * MIN + r.randint(0, 20) * SEC, r.randint(1, 4), 2))
        for t in a.adopt_t[1:]:
            sess.append(W.burst(t + r.randint(1, 30) * MIN, r.randint(10, 50), 20))
        W.emit(a, sess, lambda t: server if server and ((t - T0) // SEC) % 60 < 25 and r.random() < 0.5 else home)
    return n


def make_benchmark_runner(W, cap):
    """A leaderboard or evaluation group: public benchmark suites (the same templates every other runner uses), runs
    fanned out over the group's accounts in parallel within hours of each release, reruns weekly."""
    r = W.rng
    n = min(cap, r.randint(1, 6))
    cc = W.country()
    cloud = r.choice(W.clouds).pool(r, r.randint(1, 4))
    suites = [x for b in r.sample(W.benchmarks, r.randint(3, 8)) for x in b]
    dom = W.claim(f"{r.choice(ORG_WORDS)}{r.choice(('eval', 'bench', 'arena', 'leaderboard'))}.{r.choice(TLDS)}")
    card = W.card(cc[0])
    pathway = r.choice(("security_research", "startup_program", "enterprise", "self_serve", "education"))
    accts = []
    for k in range(n):
        a = W.account("legit_benchmark_runner", W.created_before(0, 600), pathway, dom, f"eval{k}" if k else "admin",
                      f"Eval worker {k}" if k else None, org=dom.split(".")[0].title(), cc=cc[0])
        a.client = "python-httpx/0.27.0"
        W.adopt(a, 1.0, lambda g: g.uniform(0.3, 6), mini_p=0.3)
        W.mix(a, [(suites, 1.0)], 0.02, ("reasoning_cot",))
        W.use(a, card, W.created_before(0, 100))
        accts.append(a)
    runs = [t + int(r.uniform(0.5, 8) * HOUR) for _, t in W.main_rel + W.mini_rel]
    runs += [T0 + d * DAY + int(r.uniform(0, 24) * HOUR) for d in range(r.randint(0, 6), DAYS, 7) if r.random() < 0.4]
    for start in runs:
        if not T0 <= start < T_END:
            continue
        total = r.randint(50, 300)
        per = total // n
        for a in accts:
            W.emit(a, [W.burst(start + r.randint(0, 60) * SEC, per, 2.5 * n)], lambda t: r.choice(cloud))
    return n


def make_cron_bot(W, cap):
    """Users of a popular self-hosted bot: its default schedule fires at the same minute for everyone who kept it,
    with the bot's own prompt templates, often pinned to the model the bot was written for."""
    r = W.rng
    tool, tpls, default_h = r.choice(W.cron_tools)
    n = min(cap, r.randint(20, 150))
    for _ in range(n):
        cc = W.country()
        name, local = W.person(cc)
        a = W.account("legit_cron_bot", W.created_before(0, 600), "self_serve", r.choice(cc[3]), local, name, cc=cc[0])
        a.client = tool
        if r.random() < 0.5:
            W.adopt(a, 0, None, pinned=True)
        else:
            W.adopt(a, 0.5, lambda g: g.expovariate(1 / 300))
        W.mix(a, [(tpls, 1.0)], 0.05, ("chat",))
        if r.random() < 0.8:
            W.use(a, W.card(cc[0]), W.created_before(0, 200))
        keep_default = r.random() < 0.6
        hh, mm = (default_h, 0) if keep_default else (r.randint(0, 23), r.choice((0, 0, 15, 30, 45, r.randint(0, 59))))
        where = r.choice(W.clouds).ip(r) if r.random() < 0.5 else W.home_ip(cc[0])
        k = r.randint(1, 6)
        sess = []
        start_day = r.randint(0, 20)
        for d in range(start_day, DAYS):
            if r.random() < 0.95:
                sess.append(W.burst(T0 + d * DAY + hh * HOUR + mm * MIN + r.randint(0, 8) * SEC, k, 3))
        W.emit(a, sess, lambda t: where)
    return n


def make_release_crowd(W, cap):
    """Existing, mostly quiet users who come back within hours of a model launch and run the launch-post demos."""
    r = W.rng
    cc = W.country()
    name, local = W.person(cc)
    a = W.account("legit_release_crowd", W.created_before(10, 800), "self_serve", r.choice(cc[3]), local, name, cc=cc[0])
    a.client = pick_sdk(r) if r.random() < 0.6 else r.choice(BROWSER_CLIENTS)
    W.adopt(a, 0.9, lambda g: g.expovariate(1 / 6))
    W.mix(a, [(W.launch_demos, 1.5), (W.personal(r.randint(1, 4)), 1.0)], 0.4, ("chat", "reasoning_cot"))
    if r.random() < 0.7:
        W.use(a, W.card(cc[0]), W.created_before(0, 500))
    home = W.home_ip(cc[0])
    sess = []
    for t in a.adopt_t[1:]:
        sess.append(W.burst(t + r.randint(1, 120) * MIN, r.randint(3, 40), 40))
    days = list(range(DAYS))
    sess += W.sessions(lognorm_int(r, 6, 1.0, 0, 100), days, cc[1], HUMAN, per=4, dcw=day_cw(days))
    W.emit(a, sess, lambda t: home)
    return 1


def make_oss_team(W, cap):
    """An open-source project: contributors in several countries working openly together, the project's name as
    their organisation, shared repository templates, CI on the shared hosted-runner pool after pushes."""
    r = W.rng
    n = min(cap, r.randint(3, 25))
    proj = W.claim(f"{r.choice(ORG_WORDS)}{r.choice(('db', 'kit', 'js', 'py', 'flow', 'ml'))}.org").split(".")[0]
    tpls = W.personal(r.randint(3, 12), caps=("agentic_coding", "rubric_grading", "chat", "tool_use"))
    switch = W.org_switch_times(12, 24 * 7)
    for k in range(n):
        cc = W.country()
        name, local = W.person(cc)
        core = k < 3
        a = W.account("legit_oss_team", W.created_before(0, 800), "self_serve", f"{proj}.org" if core and r.random() < 0.6 else r.choice(cc[3]),
                      local, name, org=proj if r.random() < 0.6 else None, cc=cc[0])
        a.client = pick_sdk(r)
        W.adopt(a, 1, None, shared=switch)
        W.mix(a, [(tpls, 2.0), (W.personal(r.randint(1, 5)), 1.0)], 0.3, ("agentic_coding",))
        if r.random() < 0.7:
            W.use(a, W.card(cc[0]), W.created_before(0, 300))
        days = list(range(DAYS))
        home = W.home_ip(cc[0])
        sess = W.sessions(lognorm_int(r, 30, 1.0, 2, 500), days, cc[1], EVENING, per=5, dcw=day_cw(days, 1.3))
        W.emit(a, sess, lambda t: home)
        if core:  # CI runs with the maintainer's key on the hosted runners
            ci = [W.burst(s[0] + r.randint(2, 15) * MIN, r.randint(2, 20), 3) for s in sess if r.random() < 0.4]
            W.emit(a, ci, lambda t: r.choice(W.ci_pool), client="ci-runner/2.3 python-sdk/1.42.0")
    return n


def make_proxy_users(W, cap):
    """Legitimate users who reach the API through a residential proxy network (privacy, or a region the service is
    hard to reach from): the same exit addresses a reseller's accounts use."""
    r = W.rng
    cc = W.country()
    name, local = W.person(cc)
    a = W.account("legit_proxy_user", W.created_before(0, 500), "self_serve", r.choice(cc[3] + PRIVACY_DOMAINS), local, name,
                  cc=r.choice((cc[0], "")))
    a.client = pick_sdk(r)
    W.adopt(a, 0.5, lambda g: g.expovariate(1 / 60))
    W.mix(a, [(W.personal(r.randint(1, 6)), 1.0), (W.quickstart, 0.1)], 0.6, ("chat", "agentic_coding"))
    W.use(a, W.card(W.country()[0], r.choice(("card", "card", "crypto", "wallet"))), W.created_before(0, 200))
    mine = [r.choice(W.proxy_exits) for _ in range(r.randint(3, 20))]
    days = list(range(DAYS))
    sess = W.sessions(lognorm_int(r, 30, 1.0, 2, 600), days, cc[1], HUMAN, per=6, dcw=day_cw(days))
    W.emit(a, sess, lambda t: r.choice(mine))
    return 1


# =============================================================================================================
# Campaigns (label fraud). Modest in number so that recall can be read beside the innocents.
# =============================================================================================================
def new_op(W, stem):
    oid = "op-" + W.hexid(8)
    name = f"{r_title(W)} {stem}"
    return oid, name


def r_title(W):
    return f"{W.rng.choice(ORG_WORDS).title()}{W.rng.choice(ORG_WORDS).title()}"


def indicator(W, op, kind, value, conf, source):
    W.indicators.append((op[0], op[1], kind, value, f"{conf:.2f}", source))


def stream_times(W, t0, t1, total, pause_p=0.04):
    """A central scheduler's requests: a steady rate with small jitter and occasional pauses (maintenance)."""
    r = W.rng
    if total <= 0 or t1 <= t0:
        return []
    step = (t1 - t0) / total
    out = []
    t = float(t0)
    while t < t1:
        if r.random() < pause_p / 50:
            t += r.uniform(0.5, 6) * HOUR
        out.append(int(t + r.uniform(-0.3, 0.3) * step))
        t += step
    return out


def by_day(times):
    out, cur, day = [], [], None
    for t in times:
        d = (t - T0) // DAY
        if d != day and cur:
            out.append(cur)
            cur = []
        day = d
        cur.append(t)
    if cur:
        out.append(cur)
    return out


def make_sync_harvest(W, cap):
    """Shared payment methods, synchronized load-balanced timing from a few servers; the researchers behind it show
    up in request metadata (their office address and a development client) while debugging."""
    r = W.rng
    n = min(cap, r.randint(40, 160))
    op = new_op(W, "Research")
    cc = W.country()
    cards = [W.card(cc[0]) for _ in range(r.randint(3, 6))]
    cloud = r.choice(W.clouds)
    servers = cloud.pool(r, r.randint(2, 5))
    office = r.choice(W.biz_isps).ip(r)
    dom = W.claim(f"{op[1].split()[0].lower()}.ai")
    tpls = [W.tpl(r.choice(("reasoning_cot", "reasoning_cot", "rubric_grading", "censorship_rewrite", "agentic_coding")),
                  r.randint(600, 3000), r.randint(1500, 5000)) for _ in range(r.randint(20, 60))]
    tpls += [x for b in r.sample(W.benchmarks, 2) for x in b]
    start = r.randint(-5, 25)
    end = min(DAYS, start + r.randint(14, 40))
    switch = [t + r.uniform(3, 20) * HOUR for _, t in W.main_rel]
    accts = []
    for k in range(n):
        name, local = W.person(cc)
        own = r.random() < 0.12
        created = T0 + int((start - r.uniform(0.2, 3)) * DAY)
        a = W.account("fraud_sync_harvest", created, "self_serve" if r.random() < 0.8 else "startup_program",
                      dom if own else r.choice(cc[3]), local + str(r.randint(1, 99)), name, cc=cc[0], label="fraud", op=op[0])
        a.client = "python-requests/2.31.0"
        W.adopt(a, 1, None, shared=switch)
        W.mix(a, [(tpls, 1.0)], 0.02, ("reasoning_cot",))
        a.tok = 1.3
        W.use(a, cards[k % len(cards)], created)
        if r.random() < 0.15:
            W.use(a, cards[(k + 1) % len(cards)], created + int(r.uniform(1, 20) * DAY))
        accts.append((a, servers[k % len(servers)]))
    total = n * r.randint(350, 800)
    times = stream_times(W, T0 + max(0, start) * DAY, T0 + end * DAY, total)
    per = [[] for _ in range(n)]
    order = list(range(n))
    for j, t in enumerate(times):
        if j % n == 0:
            r.shuffle(order)
        per[order[j % n]].append(t)
    for (a, srv), ts in zip(accts, per):
        W.emit(a, by_day(ts), lambda t, srv=srv: srv)
    for a, _ in accts[:r.randint(2, 6)]:  # debugging from the office
        days = W.span(max(0, start), end)
        sess = W.sessions(r.randint(5, 40), days, cc[1], OFFICE, per=5, gap=30, dcw=day_cw(days, 0.1))
        W.emit(a, sess, lambda t: office, client="harvest-dev/0.3 python-requests/2.31.0")
    src = r.choice(("peer-share", "prior-investigation"))
    for c in r.sample(cards, r.randint(0, 2)):
        indicator(W, op, "payment_fingerprint", c[0], 0.8, src)
    if r.random() < 0.6:
        indicator(W, op, "email_domain", dom, 0.6, src)
    if r.random() < 0.5:
        indicator(W, op, "ip", office[0], 0.9, "prior-investigation")
    if r.random() < 0.5:
        indicator(W, op, "client", "harvest-dev/0.3 python-requests/2.31.0", 0.7, src)
    for a, _ in r.sample(accts, min(len(accts), r.randint(0, 4))):
        indicator(W, op, "account_id", a.id, 0.9, "trust-and-safety")
    return n


def make_multi_pathway(W, cap):
    """Hundreds of accounts opened through every access pathway (education addresses, a 'security research' firm,
    shell startups in programmes, self-serve on prepaid virtual cards), each looking ordinary, all moving to a
    new model within a day of its release, harvesting agentic and reasoning capabilities."""
    r = W.rng
    n = min(cap, r.randint(200, 600))
    op = new_op(W, "Group")
    tz = r.choice((8, 8, 3, -5, 1))
    dc = [x for c in r.sample(W.clouds, 2) for x in c.pool(r, r.randint(5, 15))]
    vpn = r.choice(W.vpns)
    lib = [W.tpl(r.choice(("agentic_coding", "tool_use", "reasoning_cot", "reasoning_cot", "computer_use", "rubric_grading")),
                 r.randint(800, 6000), r.randint(800, 4000)) for _ in range(r.randint(80, 200))]
    lib2 = [W.tpl(r.choice(("agentic_coding", "tool_use", "reasoning_cot", "computer_use")), r.randint(800, 6000),
                  r.randint(800, 4000)) for _ in range(r.randint(40, 120))]  # after the first launch
    unis = [f"{u.lower()}.{r.choice(('edu', 'ac.uk', 'edu.au', 'edu.sg'))}" for u in r.sample(UNI_NAMES, r.randint(3, 8))]
    sec_firms = []
    for _ in range(r.randint(1, 3)):
        w = r.choice(ORG_WORDS)
        sec_firms.append((f"{w.title()} Security Research", W.card("US"), W.claim(f"{w}sec.com")))
    startups = [(W.claim(f"{r.choice(ORG_WORDS)}{r.choice(ORG_WORDS)}.{r.choice(TLDS)}"), W.card(W.country()[0])) for _ in range(r.randint(5, 15))]
    fin_bin = str(r.choice((4, 5))) + "".join(str(r.randrange(10)) for _ in range(5))
    prepaid = [W.card(r.choice(("US", "GB", "SG")), bin_=fin_bin) for _ in range(max(3, n // 5))]
    first_rel = W.main_rel[0][1] if W.main_rel else T_END
    accts = []
    for k in range(n):
        cc = W.country()
        name, local = W.person(cc)
        cell = r.choices(("education", "security_research", "startup_program", "self_serve"), (25, 15, 25, 35))[0]
        created = W.created_before(-30, 200)
        org = None
        if cell == "education":
            dom = r.choice(unis)
        elif cell == "security_research":
            org, inst, dom = r.choice(sec_firms)
        elif cell == "startup_program":
            dom, inst = r.choice(startups)
            org = dom.split(".")[0].title()
        else:
            dom = r.choice(cc[3])
        a = W.account("fraud_multi_pathway", created, cell, dom, local, name, org=org, cc=cc[0], label="fraud", op=op[0])
        if cell in ("security_research", "startup_program"):
            W.use(a, inst, created)
        elif cell == "self_serve":
            W.use(a, r.choice(prepaid), created)
        elif r.random() < 0.3:
            W.use(a, r.choice(prepaid), created)
        a.client = pick_sdk(r)
        W.adopt(a, 0.92, lambda g: g.uniform(1, 22))
        mine = r.sample(lib, r.randint(10, 30))
        mine2 = r.sample(lib2, r.randint(8, 20))
        a.tok = 1.4
        ips = r.sample(dc, r.randint(1, 3)) if r.random() < 0.6 else r.sample(vpn.exits, r.randint(2, 6))
        days = W.span(max(0, (created - T0) // DAY), DAYS)
        sess = W.sessions(lognorm_int(r, 250, 0.7, 40, 2000), days, tz, OFFICE, per=15, gap=20, dcw=day_cw(days, 0.9))
        before = [[t for t in s if t < first_rel] for s in sess]
        after = [[t for t in s if t >= first_rel] for s in sess]
        W.mix(a, [(mine, 1.0)], 0.1, ("reasoning_cot", "agentic_coding"))
        W.emit(a, before, lambda t, ips=ips: r.choice(ips))
        W.mix(a, [(mine, 0.3), (mine2, 1.0)], 0.1, ("reasoning_cot", "agentic_coding"))
        W.emit(a, after, lambda t, ips=ips: r.choice(ips))
        accts.append(a)
    src = "peer-share"
    for org, _, _ in sec_firms[:r.randint(0, len(sec_firms))]:
        indicator(W, op, "org_name", org, 0.6, src)
    for dom, inst in r.sample(startups, r.randint(0, 3)):
        indicator(W, op, "email_domain", dom, 0.5, src)
    for a in r.sample(accts, min(len(accts), r.randint(0, 12))):
        indicator(W, op, "account_id", a.id, 0.85, "trust-and-safety")
    for x in r.sample(lib, r.randint(0, 4)):
        indicator(W, op, "prompt_fingerprint", x.fp, 0.7, src)
    if r.random() < 0.5:
        b = dc[0][0].rsplit(".", 1)[0] + ".0/24"
        indicator(W, op, "cidr", b, 0.4, src)
    return n


HYDRA_DISPOSABLE = ("quickmail.top", "inboxly.xyz", "mailbox-fast.net")


def make_hydra(W, cap):
    """A 'hydra' reseller: thousands of accounts held at once and rotated (banned ones replaced), each reached through
    residential proxy exits, paid with many different cards; resold ordinary customer traffic mixed with a
    distillation stream spread over whichever accounts are live."""
    r = W.rng
    n = min(cap, lognorm_int(r, 2500, 0.4, 300, 6000))
    op = new_op(W, "Relay")
    bins = [str(r.choice((4, 5))) + "".join(str(r.randrange(10)) for _ in range(5)) for _ in range(r.randint(5, 10))]
    cards = [W.card(W.country()[0], bin_=r.choice(bins)) for _ in range(int(n * 0.7))]
    lib = [W.tpl(r.choice(("reasoning_cot", "reasoning_cot", "agentic_coding", "rubric_grading", "censorship_rewrite")),
                 r.randint(500, 4000), r.randint(1500, 5000)) for _ in range(r.randint(40, 90))]
    customers = [W.personal(r.randint(1, 5)) for _ in range(60)]
    accts = []
    for k in range(n):
        cc = W.country()
        name, local = W.person(cc)
        c = r.uniform(-15, DAYS - 3)
        life = r.uniform(4, 30)
        created = T0 + int(c * DAY)
        dead = c + life < DAYS and r.random() < 0.6
        a = W.account("fraud_hydra", created, r.choices(("self_serve", "reseller", "startup_program", "other"), (85, 6, 5, 4))[0],
                      r.choice(cc[3] + HYDRA_DISPOSABLE), local + str(r.randint(10, 9999)) if r.random() < 0.5 else W.hexid(10),
                      name if r.random() < 0.6 else None, cc=cc[0], status="suspended" if dead else "active", label="fraud", op=op[0])
        x = r.random()
        if x < 0.8:
            W.use(a, cards[r.randrange(len(cards))], created)
        elif x < 0.9:
            W.use(a, W.card(W.country()[0], "crypto"), created)
        a.client = pick_sdk(r)
        W.adopt(a, 0.8, lambda g: g.uniform(2, 30))
        exits = [r.choice(W.proxy_exits) for _ in range(r.randint(2, 8))]
        lo, hi = max(0, int(c)), min(DAYS, int(c + life) + 1)
        days = W.span(lo, hi)
        # resold ordinary traffic: one to three customers' habits
        W.mix(a, [(r.choice(customers), 1.0), (W.quickstart, 0.2), (r.choice(W.frameworks)[1], 0.3)], 0.5, ("chat", "agentic_coding"))
        sess = W.sessions(lognorm_int(r, 60, 0.8, 3, 600), days, r.choice((-5, 0, 1, 5.5, 8)), HUMAN, per=5, gap=50, dcw=day_cw(days))
        W.emit(a, sess, lambda t, exits=exits: r.choice(exits))
        accts.append((a, lo, hi, exits))
    # the distillation stream, spread over the live accounts
    W_total = int(n * r.uniform(50, 110))
    times = stream_times(W, T0, T_END, W_total, pause_p=0.0)
    live = {}
    for a, lo, hi, exits in accts:
        for d in range(lo, hi):
            live.setdefault(d, []).append((a, exits))
    per = {}
    for t in times:
        d = (t - T0) // DAY
        cand = live.get(d)
        if not cand:
            continue
        a, exits = cand[r.randrange(len(cand))]
        per.setdefault(a.id, (a, exits, []))[2].append(t)
    for a, lo, hi, exits in accts:
        got = per.get(a.id)
        if not got:
            continue
        W.mix(a, [(lib, 1.0)], 0.03, ("reasoning_cot",))
        a.tok = 1.2
        W.emit(a, [[t] for t in got[2]], lambda t, exits=exits: r.choice(exits), client="python-httpx/0.27.0")
    for a, _, _, _ in r.sample(accts, min(len(accts), r.randint(5, 20))):
        indicator(W, op, "account_id", a.id, 0.9, "trust-and-safety")
    for c in r.sample(cards, min(len(cards), r.randint(0, 5))):
        indicator(W, op, "payment_fingerprint", c[0], 0.7, "peer-share")
    for _ in range(r.randint(1, 4)):
        e = r.choice(W.proxy_exits)[0]
        if ":" not in e:
            indicator(W, op, "cidr", e.rsplit(".", 1)[0] + ".0/24", 0.3, "proxy-feed")
    if r.random() < 0.5:
        indicator(W, op, "email_domain", r.choice(HYDRA_DISPOSABLE), 0.4, "peer-share")
    return n


def make_ring(W, cap):
    """A small operator: a handful to a few dozen accounts, one or two cards, one server or VPN, timed night runs."""
    r = W.rng
    n = min(cap, r.randint(5, 40))
    op = new_op(W, "Ventures")
    cc = W.country()
    cards = [W.card(cc[0]) for _ in range(r.randint(1, 2))]
    where = r.choice(W.vpns).exits if r.random() < 0.5 else r.choice(W.clouds).pool(r, 1)
    tpls = [W.tpl(r.choice(("reasoning_cot", "rubric_grading", "agentic_coding")), r.randint(500, 3000), r.randint(1000, 4000))
            for _ in range(r.randint(5, 15))]
    hh = r.randint(0, 5)
    start = r.randint(-5, 30)
    base = r.choice(FIRST)
    accts = []
    for k in range(n):
        created = T0 + int((start - r.uniform(0, 4)) * DAY)
        a = W.account("fraud_small_ring", created, r.choice(("self_serve", "self_serve", "education")), r.choice(cc[3]),
                      f"{base}{r.choice(LAST)}{r.randint(1, 99)}", None, cc=cc[0], label="fraud", op=op[0])
        W.use(a, cards[k % len(cards)], created)
        a.client = "python-requests/2.31.0"
        W.adopt(a, 1, lambda g: g.uniform(4, 30))
        W.mix(a, [(tpls, 1.0)], 0.02, ("reasoning_cot",))
        a.tok = 1.3
        sess = []
        for d in range(max(0, start), DAYS):
            if r.random() < 0.85:
                sess.append(W.burst(T0 + d * DAY + int((hh - cc[1]) * HOUR) + k * 7 * SEC, r.randint(4, 18), 6))
        W.emit(a, sess, lambda t: r.choice(where))
        accts.append(a)
    if r.random() < 0.5:
        indicator(W, op, "payment_fingerprint", cards[0][0], 0.7, "peer-share")
    return n


def stale_operators(W):
    """Intelligence about operators with no account in this data: weak, broad indicators that touch innocents."""
    r = W.rng
    for _ in range(2):
        op = new_op(W, "Unknown")
        indicator(W, op, "asn", str(r.choice(W.clouds).asn), 0.2, "peer-share")
        indicator(W, op, "ip", r.choice(r.choice(W.vpns).exits)[0], 0.3, "peer-share")
        indicator(W, op, "client", "python-httpx/0.27.0", 0.15, "peer-share")
        indicator(W, op, "payment_fingerprint", W.card("US")[0], 0.8, "prior-investigation")


# =============================================================================================================
# Populations per variant and the driver
# =============================================================================================================
LEGIT = [  # kind maker, weight in "mix"
    (make_background, 0.12), (make_campus, 0.12), (make_mooc, 0.05), (make_hackathon, 0.06), (make_company, 0.10),
    (make_startup_cohort, 0.04), (make_lab, 0.03), (make_labelling_shop, 0.03), (make_power_user, 0.01),
    (make_agent_users, 0.08), (make_carrier, 0.10), (make_vpn, 0.05), (make_family, 0.04), (make_benchmark_runner, 0.01),
    (make_saas_tenants, 0.03), (make_cron_bot, 0.03), (make_release_crowd, 0.04), (make_oss_team, 0.02),
    (make_proxy_users, 0.02), (make_workshop, 0.02),
]
VARIANT_BOOST = {
    "mix": {},
    "campus": {make_campus: 2.5, make_mooc: 2.0, make_hackathon: 2.0, make_workshop: 2.0, make_lab: 1.5},
    "corporate": {make_company: 2.5, make_labelling_shop: 2.0, make_saas_tenants: 2.0, make_vpn: 2.0,
                  make_startup_cohort: 1.5, make_oss_team: 1.5},
    "release": {make_release_crowd: 3.0, make_benchmark_runner: 2.0, make_power_user: 2.0, make_agent_users: 1.3},
}
FRAUD = [(make_hydra, 0.55), (make_multi_pathway, 0.25), (make_sync_harvest, 0.10), (make_ring, 0.10)]


def fill(W, makers, total):
    wsum = sum(w for _, w in makers)
    for maker, w in makers:
        budget = int(round(total * w / wsum))
        made = 0
        while made < budget:
            made += maker(W, budget - made)


def generate(out, scale, seed, variant):
    os.makedirs(os.path.join(out, "input"), exist_ok=True)
    W = World(out, scale, seed, variant)
    n = max(200, int(round(ACCOUNTS_PER_SCALE * scale)))
    n_fraud = int(round(n * FRAUD_SHARE))
    boost = VARIANT_BOOST[variant]
    # the seed also moves each population's share (x0.6-1.5), so two seeds of one variant differ in composition
    fill(W, [(m, w * boost.get(m, 1.0) * W.rng.uniform(0.6, 1.5)) for m, w in LEGIT], n - n_fraud)
    fill(W, FRAUD, n_fraud)
    stale_operators(W)
    write_all(W)
    return W


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_all(W):
    d = os.path.join(W.out, "input")
    W.accounts.sort()
    write_csv(os.path.join(d, "accounts.csv"), ["account_id", "created_at", "email_domain", "email_hash", "display_name", "org_name",
                                                "access_pathway", "country", "status"], [x[1:] for x in W.accounts])
    W.payments.sort()
    write_csv(os.path.join(d, "payments.csv"), ["account_id", "instrument_fingerprint", "kind", "bin", "issuer_country", "first_seen"],
              [x[1:] for x in W.payments])
    W.sess_rows.sort(key=lambda x: (x[0], x[1], x[2][0]))
    write_csv(os.path.join(d, "sessions.csv"), ["account_id", "ip", "seen_at", "asn", "asn_org", "ip_type"],
              [(a, ip[0], iso_s(t), ip[1], ip[2], ip[3]) for t, a, ip in W.sess_rows])
    write_csv(os.path.join(d, "releases.csv"), ["model", "released_at"], [(m, iso_s(t)) for m, t in sorted(W.releases, key=lambda x: x[1])])
    write_csv(os.path.join(d, "indicators.csv"), ["operator_id", "operator_name", "kind", "value", "confidence", "source"], W.indicators)
    W.n_requests = W.sink.write(os.path.join(d, "requests.csv"))
    W.truth.sort()
    write_csv(os.path.join(W.out, "truth.csv"), ["account_id", "label", "operator_id", "kind"], W.truth)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--scale", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variant", choices=VARIANTS, help="population structure; chosen by the seed when absent")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not 0 < args.scale <= 2:
        ap.error("--scale must be in (0, 2]")
    variant = args.variant or VARIANTS[args.seed % len(VARIANTS)]
    W = generate(args.out, args.scale, args.seed, variant)
    if not args.quiet:
        print(f"variant {variant}: {len(W.accounts)} accounts, {W.n_requests} requests, {len(W.payments)} payments, "
              f"{len(W.sess_rows)} sessions, {len(W.indicators)} indicators")
        for k in sorted(W.kind_counts):
            print(f"  {k:28s} {W.kind_counts[k]:7d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
