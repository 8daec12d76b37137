#!/usr/bin/env python3
"""Prints the scores of `distill evaluate --json` on a lookalikes data set: precision, recall, F1, then innocents
flagged per population kind (count and share of that kind) and recall per campaign kind.
Usage: report.py EVALUATE_JSON TRUTH_CSV"""
import csv
import json
import sys


def main(argv):
    ev = json.load(open(argv[1], encoding="utf-8"))
    truth = list(csv.DictReader(open(argv[2], encoding="utf-8")))
    n_legit = sum(1 for r in truth if r["label"] == "legit")
    legit_flagged = ev.get("legitFlagged", 0)
    print(f"precision {ev['precision']:.4f}  recall {ev['recall']:.4f}  F1 {ev['f1']:.4f}  "
          f"(B-cubed P {ev.get('bCubedPrecision', 0):.4f} R {ev.get('bCubedRecall', 0):.4f}; attribution accuracy "
          f"{ev.get('attributionAccuracy', 0):.4f})")
    print(f"flagged {ev.get('flaggedAccounts', 0)} accounts; innocents flagged {legit_flagged} of {n_legit} "
          f"({legit_flagged / max(n_legit, 1):.2%}); innocents attributed to an operator {ev.get('legitAttributed', 0)}")
    kinds = sorted(ev.get("byKind", []), key=lambda k: (k["isFraud"], -k["flagged"] / max(k["accounts"], 1), k["kind"]))
    print()
    print(f"{'innocent kind':28s} {'accounts':>8s} {'flagged':>8s} {'share':>7s} {'attributed':>10s}")
    for k in kinds:
        if not k["isFraud"]:
            print(f"{k['kind']:28s} {k['accounts']:8d} {k['flagged']:8d} {k['flagged'] / max(k['accounts'], 1):7.1%} {k['attributed']:10d}")
    print()
    print(f"{'campaign kind':28s} {'accounts':>8s} {'flagged':>8s} {'recall':>7s} {'attributed':>10s}")
    for k in kinds:
        if k["isFraud"]:
            print(f"{k['kind']:28s} {k['accounts']:8d} {k['flagged']:8d} {k['flagged'] / max(k['accounts'], 1):7.1%} {k['attributed']:10d}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
