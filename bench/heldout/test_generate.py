"""Checks of the held-out generator's output against the input contract and its own promises.

    python3 -m unittest discover -s bench/heldout -p 'test_*.py' -v

Prints "N passed, N failed" as its last line when run as a script (python3 bench/heldout/test_generate.py).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import ipaddress
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "generate.py")
SCALE = "0.01"
PATHWAYS = {"self_serve", "education", "security_research", "startup_program", "enterprise", "reseller", "other"}
IP_TYPES = {"residential", "mobile", "datacenter", "proxy", "vpn", "tor", "unknown", ""}
INDICATOR_KINDS = {"email_domain", "email_hash", "payment_fingerprint", "ip", "cidr", "asn", "client", "org_name",
                   "account_id", "prompt_fingerprint"}


def run(out: str, seed: int, variant: str, hashseed: str = "0") -> dict:
    env = dict(os.environ, PYTHONHASHSEED=hashseed)
    res = subprocess.run([sys.executable, GEN, "--out", out, "--scale", SCALE, "--seed", str(seed), "--variant",
                          variant, "--quiet"], check=True, capture_output=True, text=True, env=env)
    return json.loads(res.stdout.strip().splitlines()[-1])


def records(path: str):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        if ".csv" in os.path.basename(path):
            yield from csv.DictReader(f)
        else:
            for line in f:
                yield {k: ("" if v is None else str(v)) for k, v in json.loads(line).items()}


def ts(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def luhn_digits(value: str) -> bool:
    digits = re.sub(r"[ -]", "", value)
    if not digits.isdigit() or not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def digest(folder: str) -> dict:
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            p = os.path.join(root, name)
            with open(p, "rb") as f:
                out[os.path.relpath(p, folder)] = hashlib.sha256(f.read()).hexdigest()
    return out


class GeneratedWorld:
    """One generated data set, read once."""

    def __init__(self, variant: str, seed: int):
        self.tmp = tempfile.TemporaryDirectory(prefix="heldout-test-")
        self.dir = self.tmp.name
        self.stats = run(self.dir, seed, variant)
        inp = os.path.join(self.dir, "input")
        self.files = sorted(os.listdir(inp))
        self.by_type: dict[str, list[str]] = {}
        for name in self.files:
            stem = re.split(r"[.-]", name, maxsplit=1)[0]
            self.by_type.setdefault(stem, []).append(os.path.join(inp, name))
        with open(os.path.join(self.dir, "truth.csv"), encoding="utf-8") as f:
            self.truth_header = f.readline().strip()
        self.truth = {r["account_id"]: r for r in records(os.path.join(self.dir, "truth.csv"))}
        self.accounts = {}
        for p in self.by_type["accounts"]:
            for r in records(p):
                self.accounts[r["account_id"]] = r
        self.indicators = [r for p in self.by_type["indicators"] for r in records(p)]


class GeneratorTests(unittest.TestCase):
    worlds: dict[str, GeneratedWorld] = {}

    @classmethod
    def setUpClass(cls):
        for variant, seed in (("facts", 3), ("hydra", 4), ("stealth", 5)):
            cls.worlds[variant] = GeneratedWorld(variant, seed)

    @classmethod
    def tearDownClass(cls):
        for w in cls.worlds.values():
            w.tmp.cleanup()

    def test_same_seed_gives_byte_identical_files(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            run(a, 21, "mix", hashseed="1")
            run(b, 21, "mix", hashseed="4242")
            self.assertEqual(digest(a), digest(b))

    def test_other_seed_gives_other_data(self):
        with tempfile.TemporaryDirectory() as a:
            run(a, 5, "hydra")
            self.assertNotEqual(digest(a)["truth.csv"], digest(self.worlds["hydra"].dir)["truth.csv"])

    def test_every_record_type_is_written_in_mixed_formats(self):
        for w in self.worlds.values():
            self.assertEqual(set(w.by_type), {"accounts", "payments", "sessions", "requests", "releases",
                                              "indicators"})
            self.assertGreaterEqual(len(w.by_type["requests"]), 3)
            self.assertTrue(any(".csv" in f for f in w.files) and any(".jsonl" in f for f in w.files))
            self.assertTrue(any(f.endswith(".gz") for f in w.files))
            self.assertIn("indicators.csv", w.files)

    def test_truth_has_one_row_per_account_and_only_fraud_has_an_operator(self):
        for w in self.worlds.values():
            self.assertEqual(w.truth_header, "account_id,label,operator_id,kind")
            self.assertEqual(set(w.truth), set(w.accounts))
            for r in w.truth.values():
                self.assertIn(r["label"], ("fraud", "legit"))
                self.assertEqual(bool(r["operator_id"]), r["label"] == "fraud")
                self.assertTrue(r["kind"])

    def test_fraud_operators_match_indicator_ids_except_one_without_indicators(self):
        for w in self.worlds.values():
            indicated = {r["operator_id"] for r in w.indicators}
            fraud_ops = {r["operator_id"] for r in w.truth.values() if r["label"] == "fraud"}
            self.assertGreaterEqual(len(fraud_ops & indicated), 3)
            self.assertGreaterEqual(len(fraud_ops - indicated), 1, "an operator with no indicator at all")
            self.assertGreaterEqual(len({r["kind"] for r in w.indicators}), 6)
            confidences = {r["confidence"] for r in w.indicators}
            self.assertIn("", confidences, "an indicator without a confidence (default 0.5)")
            self.assertTrue(any(c and float(c) < 0.35 for c in confidences), "weak indicators exist")

    def test_weak_indicators_also_hit_innocent_accounts(self):
        for w in self.worlds.values():
            legit = [a for a in w.accounts.values() if w.truth[a["account_id"]]["label"] == "legit"]
            weak_domains = {r["value"] for r in w.indicators if r["kind"] == "email_domain" and r["confidence"]
                            and float(r["confidence"]) < 0.35}
            self.assertTrue(any(a["email_domain"] in weak_domains for a in legit))

    def test_rows_satisfy_the_contract(self):
        for w in self.worlds.values():
            for r in w.accounts.values():
                self.assertTrue(1 <= len(r["account_id"]) <= 128)
                self.assertIn(r["access_pathway"], PATHWAYS)
                ts(r["created_at"])
                if r["email_hash"]:
                    self.assertRegex(r["email_hash"], r"^[0-9a-f]{64}$")
                self.assertIn(r["status"], ("active", "suspended", "closed"))
            for p in w.by_type["payments"]:
                for r in records(p):
                    self.assertIn(r["account_id"], w.accounts)
                    self.assertFalse(luhn_digits(r["instrument_fingerprint"]))
                    self.assertTrue(r["bin"] == "" or re.fullmatch(r"\d{6,8}", r["bin"]))
                    ts(r["first_seen"])
            for p in w.by_type["sessions"]:
                for r in records(p):
                    self.assertIn(r["account_id"], w.accounts)
                    ipaddress.ip_address(r["ip"])
                    self.assertIn(r["ip_type"], IP_TYPES)
                    self.assertTrue(r["asn"] == "" or r["asn"].isdigit())
            for r in w.indicators:
                self.assertIn(r["kind"], INDICATOR_KINDS)
                if r["confidence"]:
                    self.assertTrue(0 <= float(r["confidence"]) <= 1)

    def test_requests_arrive_in_time_order_and_never_before_the_account_exists(self):
        for w in self.worlds.values():
            last = 0.0
            ids = set()
            models = {r["model"] for r in records(w.by_type["releases"][0])}
            for p in sorted(w.by_type["requests"]):
                for r in records(p):
                    t = ts(r["ts"])
                    self.assertGreaterEqual(t, last, p)
                    last = t
                    self.assertNotIn(r["request_id"], ids)
                    ids.add(r["request_id"])
                    self.assertGreaterEqual(t, ts(w.accounts[r["account_id"]]["created_at"]))
                    self.assertIn(r["model"], models)
                    if r["ip"]:
                        ipaddress.ip_address(r["ip"])
                    self.assertGreaterEqual(int(r["input_tokens"]), 0)
            self.assertGreater(len(ids), 50_000)

    def test_every_scenario_is_present_at_the_smallest_scale(self):
        innocents = {"ordinary", "campus_nat", "cgnat_mobile", "corp_vpn", "office_card", "open_team", "family",
                     "power_user", "cron_job", "hackathon", "agent_tool", "consumer_vpn", "proxy_exit_home",
                     "authorized_reseller"}
        fraud = {"facts": {"lockstep_lab", "pathway_pivot", "hydra_reseller", "quiet_crew"},
                 "hydra": {"lockstep_lab", "pathway_pivot", "hydra_reseller", "unknown_reseller"},
                 "stealth": {"lockstep_lab", "pathway_pivot", "hydra_reseller", "quiet_crew"}}
        for variant, w in self.worlds.items():
            kinds = {r["kind"] for r in w.truth.values()}
            self.assertTrue(innocents <= kinds, innocents - kinds)
            self.assertTrue(fraud[variant] <= kinds, fraud[variant] - kinds)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print("%d passed, %d failed" % (result.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
