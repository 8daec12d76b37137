#!/usr/bin/env python3
"""Why a campaign is not flagged yet: for runs a live replay saved (bench/live/run.sh --keep DIR), reads each cluster's
features from the run store and re-evaluates the verdict's conditions (docs/detection.md, "Score and verdict"), then
prints, per truth operator (the majority of a cluster's members), how many accounts each failing combination of
conditions holds back. Legitimate kinds are printed when a cluster of theirs is flagged or held back by the one-off
event guard alone (what loosening that guard would flag).

A diagnostic, not the verdict: it re-states ClusterScorer's rule in Python from the features the run stores, with the
parameters the run recorded; the population's harvest share (the harvesting gate's level) is recomputed from the store's
requests in the run's window (its end from the replay log's "data to"). The flagged column is the run's own verdict; a
cluster flagged while this script names a failing condition, or unflagged with none, means the two disagree (printed as
'MISMATCH').

Usage: bench/live/gates.py DIR [--runs 13,25,37,49] [--window-days 30] [--truth FILE]
  (DIR holds live.db, replay.log and data/truth.csv, as run.sh --keep leaves them)"""
import argparse, collections, csv, gzip, json, os, re, sqlite3
from datetime import datetime, timezone

p = argparse.ArgumentParser()
p.add_argument('dir')
p.add_argument('--runs', default='13,25,37,49')
p.add_argument('--window-days', type=float, default=30)
p.add_argument('--truth', help='truth.csv (default DIR/data/truth.csv; a replay run with --data keeps no data folder)')
a = p.parse_args()

truth = {r['account_id']: r for r in csv.DictReader(open(a.truth or os.path.join(a.dir, 'data', 'truth.csv')))}
db = sqlite3.connect(os.path.join(a.dir, 'live.db'))
data_to = {}
for line in open(os.path.join(a.dir, 'replay.log')):
    m = re.match(r'^batch \S+: .*\| (run-\d+) .*\| data to (\S+) \|', line)
    if m:
        text = m.group(2).replace('Z', '')
        data_to[m.group(1)] = datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def population_share(params, end):
    weights = {c['Name']: c['Weight'] for c in params['HarvestCapabilities']}
    end_ms = int(end.timestamp() * 1000) + 59_999  # "data to" is printed to the minute
    start_ms = end_ms - int(a.window_days * 86_400_000)
    rows = db.execute('SELECT c.value, count(*) FROM requests r LEFT JOIN capabilities c ON c.id = r.capability '
                      'WHERE r.ts > ? AND r.ts <= ? GROUP BY r.capability', (start_ms, end_ms)).fetchall()
    total = sum(n for _, n in rows)
    return sum(weights.get(name or '', 0) * n for name, n in rows) / total if total else 0


def failing(f, risk, P, population):
    """The verdict's conditions (ClusterScorer.Score) that this cluster does not meet."""
    out = []
    if risk < P['FlagThreshold']:
        out.append('risk')
    tc = f['TemplateConcentration']
    share = 1 if P['FlagMinCoUseTemplate'] <= 0 else min(1, tc / P['FlagMinCoUseTemplate'])
    harvesting = max(f['CapabilityConcentration'], f['SharedTemplateHarvest'] * share) if P['SharedTemplateHarvestCounts'] else f['CapabilityConcentration']
    level = max(P['FlagMinHarvest'], population + P['FlagMinHarvestExcess'] * (1 - population))
    if not (harvesting >= level or f['ReleasePivot'] >= P['FlagMinHarvest']
            or (P['HarvestSynchronyCountsAsHarvest'] and f['HarvestSynchrony'] >= P['FlagMinHarvest'])
            or (P['GroupSynchronyCountsAsHarvest'] and f['GroupSynchrony'] >= P['FlagMinHarvest'])):
        out.append('harvesting')
    coordination = max(f['Synchrony'], f['GroupSynchrony'], f['PaymentSharing'])
    if f['Concealment'] >= P['FlagMinCoordination']:
        coordination = max(coordination, tc)
        if f['CoUse'] >= P['FlagMinCoordination'] and tc >= P['FlagMinCoUseTemplate']:
            coordination = max(coordination, f['CoUse'])
    if coordination < P['FlagMinCoordination']:
        out.append('coordination')
    if (P['OneOffEventMaxSpanDays'] > 0 and f['HarvestSpanDays'] <= P['OneOffEventMaxSpanDays']
            and max(f['ReleasePivot'], f['HarvestSynchrony']) < P['FlagMinHarvest']):
        out.append('one-off event')
    if ((f['Transparency'] >= P['TransparencyGuardShare'] and f['HarvestSynchrony'] < P['FlagMinHarvest'])
            or (P['TransparencyPerOrganisation'] and f['OpenOrganisations'] >= P['TransparencyGuardShare']
                and f['OpenOrganisations'] > f['Transparency'] and f['ReleasePivot'] < P['FlagMinHarvest'])):
        out.append('transparency')
    return out


for seq in [int(x) for x in a.runs.split(',')]:
    row = db.execute('SELECT run_id, parameters_json FROM runs WHERE seq = ?', (seq,)).fetchone()
    if row is None:
        print(f'run seq {seq}: not in the store')
        continue
    run_id, P = row[0], json.loads(row[1])
    end = data_to.get(run_id)
    population = population_share(P, end) if end else 0
    print(f'\n{run_id}: data to {end:%Y-%m-%d %H:%M} (~{(end - min(data_to.values())).total_seconds() / 3600 + 1:.0f} h of data), '
          f'population harvest share {population:.3f}' if end else f'\n{run_id}: not in the replay log')
    per = collections.defaultdict(list)
    for detail, risk, flagged in db.execute('SELECT detail, risk_score, flagged FROM clusters WHERE run_seq = ?', (seq,)):
        c = json.loads(gzip.decompress(detail))
        owners = collections.Counter(truth[m]['operator_id'] if truth.get(m, {}).get('label') == 'fraud'
                                     else 'legit:' + truth.get(m, {}).get('kind', '?') for m in c['Members'])
        per[owners.most_common(1)[0][0]].append((len(c['Members']), flagged, failing(c['Features'], risk, P, population), c['Features']))
    for owner in sorted(per, key=lambda o: (o.startswith('legit'), o)):
        clusters = per[owner]
        if owner.startswith('legit') and not any(fl or g == ['one-off event'] for _, fl, g, _ in clusters):
            continue
        by = collections.Counter()
        for n, fl, g, _ in clusters:
            key = ' + '.join(g) if g else 'flagged'
            if bool(fl) != (not g):
                key += ' MISMATCH'
            by[key] += n
        spans = [f['HarvestSpanDays'] for n, _, _, f in clusters if n >= 3]
        span = f'{min(spans):.2f}-{max(spans):.2f} d' if spans else '-'
        print(f'  {owner:26} {len(clusters):4} clusters {sum(n for n, *_ in clusters):5} accounts | harvest span (>= 3 members) {span:12} | '
              + ', '.join(f'{k}: {v}' for k, v in by.most_common()))
