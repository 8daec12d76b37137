#!/usr/bin/env python3
"""Time to detection and cost per batch of a live replay (bench/live/run.sh): reads the generated truth, requests
and releases, the alerts (JSON Lines) and the replay's one-line-per-batch log."""
import argparse, csv, glob, json, os, re, statistics
from datetime import datetime, timezone

def ts(text):
    return datetime.fromisoformat(text.replace('Z', '+00:00')).astimezone(timezone.utc)

p = argparse.ArgumentParser()
p.add_argument('--data', required=True)
p.add_argument('--alerts', required=True)
p.add_argument('--log', required=True)
a = p.parse_args()

truth = {r['account_id']: r for r in csv.DictReader(open(os.path.join(a.data, 'truth.csv')))}
operator_of = {k: r['operator_id'] for k, r in truth.items() if r['label'] == 'fraud'}
kind_of = {}
for r in truth.values():
    if r['label'] == 'fraud':
        kind_of.setdefault(r['operator_id'], r['kind'])

# First request of each operator (its first coordinated activity, as the generator planned it).
first_activity = {}
for path in sorted(glob.glob(os.path.join(a.data, 'input', 'requests*.csv'))):  # large sets come in parts
    with open(path) as f:
        header = f.readline().rstrip('\n').split(',')
        ai, ti = header.index('account_id'), header.index('ts')
        for line in f:
            parts = line.split(',', max(ai, ti) + 1)
            op = operator_of.get(parts[ai])
            if op is not None:
                t = parts[ti]
                if op not in first_activity or t < first_activity[op]:
                    first_activity[op] = t
first_activity = {k: ts(v) for k, v in first_activity.items()}
releases = [(r['model'], ts(r['released_at'])) for r in csv.DictReader(open(os.path.join(a.data, 'input', 'releases.csv')))]

alerts = [json.loads(l) for l in open(a.alerts) if l.strip()]
raised = [x for x in alerts if x['event'] == 'raised']
data_end = None
batches = []
primed = False
pattern = re.compile(r'^batch (\S+): ([\d,]+) rows .*\| data to (\S+) \| ingest ([\d.]+) s, detect ([\d.]+) s, total ([\d.]+) s')
cost_pattern = re.compile(r'^  cost: (.*), alerts ([\d.]+) s(?: \([^)]*\))? \| snapshot: (.*) \| rss ([\d,]+) MB')
costs = []
for line in open(a.log):
    if line.startswith('replay:') and 'the first holds everything' in line:
        primed = True
    c = cost_pattern.match(line)
    if c:
        phases = {}
        for part in c.group(1).split(', '):
            name, _, secs = part.rpartition(' ')
            phases[name] = float(secs)
        costs.append((phases, float(c.group(2)), c.group(3), int(c.group(4).replace(',', ''))))
    m = pattern.match(line)
    if m:
        batches.append((int(m.group(2).replace(',', '')), float(m.group(4)), float(m.group(5)), float(m.group(6))))
        data_end = ts(m.group(3).replace('Z', ':00Z')) if len(m.group(3)) == 17 else ts(m.group(3))

first_alert = {}
for x in raised:
    seen = {operator_of[m] for m in x['members'] if m in operator_of}
    at = ts(x['observedAt'])
    for op in seen:
        if op not in first_alert or at < first_alert[op][0]:
            first_alert[op] = (at, x['kind'], x['clusterId'])

print(f"\n{len(batches)} batches replayed, data up to {data_end}; {len(raised)} alerts raised, {len(alerts) - len(raised)} updates")
print("\noperator         kind                 first request         first alert           hours  alert")
for op in sorted(first_activity):
    start = first_activity[op]
    if op in first_alert:
        at, kind, cluster = first_alert[op]
        print(f"{op:16} {kind_of.get(op, ''):20} {start:%Y-%m-%d %H:%M}      {at:%Y-%m-%d %H:%M}      {(at - start).total_seconds() / 3600:6.1f}  {kind} {cluster}")
    else:
        state = 'not reached by the replay' if data_end is not None and start > data_end else 'no alert'
        print(f"{op:16} {kind_of.get(op, ''):20} {start:%Y-%m-%d %H:%M}      {state}")

print("\nrelease          released              first pivot alert     hours  clusters  first use (h after release)")
for model, at in releases:
    pivots = [x for x in raised if x['kind'] == 'release_pivot' and x.get('model') == model]
    if data_end is not None and at > data_end:
        print(f"{model:16} {at:%Y-%m-%d %H:%M}      not reached by the replay")
        continue
    if not pivots:
        print(f"{model:16} {at:%Y-%m-%d %H:%M}      no pivot alert")
        continue
    first = min(pivots, key=lambda x: x['observedAt'])
    when = ts(first['observedAt'])
    uses = sorted(float(x['evidence']['delay hours']) for x in pivots)
    print(f"{model:16} {at:%Y-%m-%d %H:%M}      {when:%Y-%m-%d %H:%M}      {(when - at).total_seconds() / 3600:6.1f}  {len(pivots):8}  {uses[0]:.1f} .. {uses[-1]:.1f}")

legit = sorted({(x['kind'], x['clusterId'], m, truth[m]['kind']) for x in raised for m in x['members'] if m in truth and truth[m]['label'] != 'fraud'})
print(f"\nalerts naming legitimate accounts: {len({(k, c) for k, c, _, _ in legit})} ({len({m for _, _, m, _ in legit})} accounts)")
for k, c, m, kind in legit[:20]:
    print(f"  {k} {c}: {m} ({kind})")

if primed and batches:
    print(f"\nthe first (primed) batch: {batches[0][0]:,} rows, ingest {batches[0][1]:.2f} s, detect {batches[0][2]:.2f} s; not in the cost below")
    batches = batches[1:]
    costs = costs[1:]
if batches:
    totals = sorted(b[3] for b in batches)
    def pct(q):
        return totals[min(len(totals) - 1, int(q * len(totals)))]
    print(f"\ncost per batch: rows mean {statistics.mean(b[0] for b in batches):,.0f}; ingest mean {statistics.mean(b[1] for b in batches):.2f} s, "
          f"detect mean {statistics.mean(b[2] for b in batches):.2f} s; total median {pct(0.5):.2f} s, p90 {pct(0.9):.2f} s, max {totals[-1]:.2f} s")
if costs:
    names = [n for n in costs[0][0] if not n.startswith('views: ')]
    def med(values):
        values = sorted(values)
        return values[len(values) // 2]
    print("per-batch phases, median s: " + ", ".join(f"{n} {med(c[0].get(n, 0) for c in costs):.2f}" for n in names)
          + f", alerts {med(c[1] for c in costs):.2f}")
    kinds = {}
    for c in costs:
        kind = 'delta' if c[2].startswith('delta') else c[2]
        kinds[kind] = kinds.get(kind, 0) + 1
    print("snapshots: " + ", ".join(f"{k}: {v}" for k, v in kinds.items()))
    parts = {}
    for c in costs:
        for name, secs in re.findall(r'(new rows|small tables|merge|input hash) ([\d.]+) s', c[2]):
            parts.setdefault(name, []).append(float(secs))
    if parts:
        print("delta snapshot, median s: " + ", ".join(f"{n} {med(v):.2f}" for n, v in parts.items()))
    rss = [c[3] for c in costs]
    print(f"rss after each batch: first {rss[0]:,} MB, min {min(rss):,} MB, max {max(rss):,} MB, last {rss[-1]:,} MB")
