#!/usr/bin/env python3
"""Checks bench/lookalikes/generate.py's output against the data contract (docs/data-contract.md and
docs/schemas/csv-headers.json): headers, value formats, requests in time order, the truth file covering every
account, no value that could read as a card number, and byte-identical output for the same arguments.
Last line: "N passed, N failed" (scripts/test-all.sh adds it to the totals)."""
import csv
import hashlib
import ipaddress
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
GEN = os.path.join(HERE, "generate.py")
SCHEMA = json.load(open(os.path.join(ROOT, "docs", "schemas", "csv-headers.json"), encoding="utf-8"))
TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
INT = re.compile(r"^-?\d{1,18}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
CC = re.compile(r"^[A-Za-z]{2}$")
# A run of digit groups split by the separators ingest also joins (spaces, tabs, . / _ , -).
DIGIT_GROUPS = re.compile(r"\d+(?:[ \t./_,-]\d+)*")
PATHWAYS = {"self_serve", "education", "security_research", "startup_program", "enterprise", "reseller", "other"}
STATUS = {"active", "suspended", "closed"}
PAY_KINDS = {"card", "bank", "wallet", "crypto", "invoice", "other"}
IP_TYPES = {"residential", "mobile", "datacenter", "proxy", "vpn", "tor", "unknown"}
IND_KINDS = {"email_domain", "email_hash", "payment_fingerprint", "ip", "cidr", "asn", "client", "org_name", "account_id",
             "prompt_fingerprint"}
VARIANTS = ("mix", "campus", "corporate", "release")


def luhn(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def card_like(value):
    """True when some 13-19 digit window of a digit-group run passes Luhn (the contract's refusal rule)."""
    for m in DIGIT_GROUPS.finditer(value):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) < 13:
            continue
        for n in range(13, 20):
            for i in range(0, len(digits) - n + 1):
                if luhn(digits[i:i + n]):
                    return True
    return False


def long_digit_run(value):
    return any(len(re.sub(r"\D", "", m.group(0))) >= 13 for m in DIGIT_GROUPS.finditer(value))


def strict_ip(s):
    if ":" in s:
        if "%" in s or len(s) > 45:
            return False
        try:
            ipaddress.IPv6Address(s)
            return True
        except ValueError:
            return False
    parts = s.split(".")
    return len(parts) == 4 and all(p.isdigit() and str(int(p)) == p and 0 <= int(p) <= 255 for p in parts)


def run_gen(out, scale, seed, variant=None, hashseed="0"):
    args = [sys.executable, GEN, "--out", out, "--scale", str(scale), "--seed", str(seed), "--quiet"]
    if variant:
        args += ["--variant", variant]
    env = dict(os.environ, PYTHONHASHSEED=hashseed)
    subprocess.run(args, check=True, env=env)


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def digest(d):
    h = {}
    for root, _, files in os.walk(d):
        for f in sorted(files):
            p = os.path.join(root, f)
            h[os.path.relpath(p, d)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return h


class GeneratedData(unittest.TestCase):
    tmp = None
    sets = {}

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="lookalikes-test-")
        for v in VARIANTS:
            out = os.path.join(cls.tmp.name, v)
            run_gen(out, 0.01, 11, v)
            cls.sets[v] = out

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def files(self, v):
        d = os.path.join(self.sets[v], "input")
        return {name.split(".")[0]: read(os.path.join(d, name)) for name in sorted(os.listdir(d))}

    def test_every_record_type_has_the_contract_header_and_rows(self):
        for v in VARIANTS:
            f = self.files(v)
            self.assertEqual(sorted(f), sorted(SCHEMA["recordTypes"]), v)
            for kind, (header, rows) in f.items():
                self.assertEqual(header, SCHEMA["recordTypes"][kind]["columns"], f"{v} {kind}")
                self.assertGreater(len(rows), 0, f"{v} {kind} is empty")
                for r in rows:
                    self.assertEqual(len(r), len(header), f"{v} {kind} {r}")
                    for col in SCHEMA["recordTypes"][kind]["required"]:
                        self.assertNotEqual(r[header.index(col)], "", f"{v} {kind} {col} absent")
            th, _ = read(os.path.join(self.sets[v], "truth.csv"))
            self.assertEqual(th, SCHEMA["truth"]["columns"])

    def test_value_formats(self):
        for v in VARIANTS:
            f = self.files(v)
            h, rows = f["accounts"]
            for r in rows:
                a = dict(zip(h, r))
                self.assertTrue(1 <= len(a["account_id"]) <= 128)
                self.assertRegex(a["created_at"], TS)
                self.assertIn(a["access_pathway"], PATHWAYS)
                self.assertIn(a["status"], STATUS)
                self.assertTrue(a["country"] == "" or CC.match(a["country"]), a)
                self.assertTrue(a["email_hash"] == "" or HEX64.match(a["email_hash"]), a)
                self.assertEqual(a["email_domain"], a["email_domain"].lower())
            h, rows = f["payments"]
            for r in rows:
                p = dict(zip(h, r))
                self.assertTrue(1 <= len(p["instrument_fingerprint"]) <= 128)
                self.assertIn(p["kind"], PAY_KINDS)
                self.assertTrue(p["bin"] == "" or re.fullmatch(r"\d{6,8}", p["bin"]), p)
                self.assertTrue(p["issuer_country"] == "" or CC.match(p["issuer_country"]), p)
                self.assertRegex(p["first_seen"], TS)
            h, rows = f["sessions"]
            for r in rows:
                s = dict(zip(h, r))
                self.assertTrue(strict_ip(s["ip"]), s)
                self.assertRegex(s["seen_at"], TS)
                self.assertTrue(INT.match(s["asn"]) and 0 <= int(s["asn"]) <= 4294967295, s)
                self.assertIn(s["ip_type"], IP_TYPES)
            h, rows = f["requests"]
            for r in rows:
                q = dict(zip(h, r))
                self.assertRegex(q["ts"], TS)
                self.assertTrue(q["ip"] == "" or strict_ip(q["ip"]), q)
                for c in ("input_tokens", "output_tokens"):
                    self.assertTrue(INT.match(q[c]) and int(q[c]) >= 0, q)
                self.assertTrue(q["prompt_fingerprint"] == "" or re.fullmatch(r"[0-9a-f]{16}", q["prompt_fingerprint"]), q)
            h, rows = f["releases"]
            for r in rows:
                self.assertRegex(r[1], TS)
            h, rows = f["indicators"]
            for r in rows:
                i = dict(zip(h, r))
                self.assertIn(i["kind"], IND_KINDS)
                self.assertTrue(0 <= float(i["confidence"]) <= 1)
                if i["kind"] == "ip":
                    self.assertTrue(strict_ip(i["value"]), i)
                if i["kind"] == "cidr":
                    net, _, pre = i["value"].partition("/")
                    self.assertTrue(strict_ip(net) and 16 <= int(pre) <= 32, i)
                if i["kind"] == "asn":
                    self.assertTrue(re.fullmatch(r"(AS)?\d+", i["value"]) and int(i["value"].lstrip("AS")) <= 4294967295)
                    self.assertLessEqual(float(i["confidence"]), 0.49, "ingest refuses an ASN indicator above 0.49")

    def test_requests_are_in_time_order_with_unique_ids(self):
        for v in VARIANTS:
            h, rows = self.files(v)["requests"]
            ts = [r[2] for r in rows]  # every ts is UTC with milliseconds, so text order is time order
            self.assertEqual(ts, sorted(ts), v)
            self.assertEqual(len({r[0] for r in rows}), len(rows))

    def test_truth_covers_every_account_once_and_every_reference_is_an_account(self):
        for v in VARIANTS:
            f = self.files(v)
            accounts = [r[0] for r in f["accounts"][1]]
            self.assertEqual(len(accounts), len(set(accounts)))
            _, truth = read(os.path.join(self.sets[v], "truth.csv"))
            self.assertEqual(sorted(r[0] for r in truth), sorted(accounts))
            ops = {r[0] for r in f["indicators"][1]}
            for acc, label, op, kind in truth:
                self.assertIn(label, ("legit", "fraud"))
                self.assertEqual(label == "fraud", op != "", (acc, label, op))
                self.assertTrue(kind.startswith(label + "_"), kind)
            fraud_ops = {r[2] for r in truth if r[1] == "fraud"}
            self.assertTrue(fraud_ops & ops, "some operators have indicators")
            known = set(accounts)
            for kind in ("payments", "sessions", "requests"):
                self.assertTrue({r[1 if kind == "requests" else 0] for r in f[kind][1]} <= known, kind)

    def test_nothing_happens_to_an_account_before_it_exists(self):
        for v in VARIANTS:
            f = self.files(v)
            created = {r[0]: r[1] for r in f["accounts"][1]}
            for r in f["requests"][1]:
                self.assertGreaterEqual(r[2][:19], created[r[1]][:19], r)
            for r in f["sessions"][1]:
                self.assertGreaterEqual(r[2][:19], created[r[0]][:19], r)
            for r in f["payments"][1]:
                self.assertGreaterEqual(r[5][:19], created[r[0]][:19], r)

    def test_no_value_could_read_as_a_card_number(self):
        self.assertTrue(card_like("4111 1111 1111 1111") and card_like("4111-1111-1111-1111"))
        self.assertFalse(card_like("77.154.153.42") or card_like("2026-01-05T13:04:11.250Z"))
        for v in VARIANTS:
            paths = [os.path.join(self.sets[v], "input", n) for n in os.listdir(os.path.join(self.sets[v], "input"))]
            for p in paths + [os.path.join(self.sets[v], "truth.csv")]:
                _, rows = read(p)
                for r in rows:
                    for x in r:
                        # stricter than ingest: no 13+ digit run at all, Luhn-valid or not
                        self.assertFalse(long_digit_run(x), f"{p}: {x}")

    def test_mostly_innocent_look_alikes_and_every_campaign_kind(self):
        for v in VARIANTS:
            _, truth = read(os.path.join(self.sets[v], "truth.csv"))
            kinds = {}
            for r in truth:
                kinds[r[3]] = kinds.get(r[3], 0) + 1
            n = len(truth)
            self.assertAlmostEqual(n, 500, delta=25)
            fraud = sum(c for k, c in kinds.items() if k.startswith("fraud_"))
            self.assertAlmostEqual(fraud / n, 0.10, delta=0.02)
            self.assertLess(kinds.get("legit_background", 0), 0.3 * (n - fraud), "most innocents are look-alikes")
            for k in ("fraud_hydra", "fraud_multi_pathway", "fraud_sync_harvest", "fraud_small_ring"):
                self.assertIn(k, kinds, v)
            self.assertGreaterEqual(sum(1 for k in kinds if k.startswith("legit_")), 15, v)

    def test_variants_change_the_structure(self):
        shares = {}
        for v in VARIANTS:
            _, truth = read(os.path.join(self.sets[v], "truth.csv"))
            shares[v] = {k: sum(1 for r in truth if r[3].startswith(k)) / len(truth) for k in ("legit_campus", "legit_company")}
            _, rel = self.files(v)["releases"]
            shares[v]["releases"] = len(rel)
        self.assertGreater(shares["campus"]["legit_campus"], 1.5 * shares["mix"]["legit_campus"])
        self.assertGreater(shares["corporate"]["legit_company"], 1.5 * shares["mix"]["legit_company"])
        self.assertGreater(shares["release"]["releases"], shares["mix"]["releases"])

    def test_same_arguments_give_identical_files_whatever_the_hash_seed(self):
        a = os.path.join(self.tmp.name, "det-a")
        b = os.path.join(self.tmp.name, "det-b")
        run_gen(a, 0.01, 11, "mix", hashseed="12345")
        self.assertEqual(digest(a), digest(self.sets["mix"]))
        run_gen(b, 0.006, 4, None, hashseed="random")
        c = os.path.join(self.tmp.name, "det-c")
        run_gen(c, 0.006, 4, None, hashseed="7")
        self.assertEqual(digest(b), digest(c))
        d = os.path.join(self.tmp.name, "det-d")
        run_gen(d, 0.006, 5, None)
        self.assertNotEqual(digest(b)["truth.csv"], digest(d)["truth.csv"], "another seed, other data")


if __name__ == "__main__":
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"{result.testsRun - failed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)
