#!/usr/bin/env python3
"""Offline probe (not part of the detector): FRAUDAR-style greedy peeling on the account x element graph of a
generated data set (elements: request IPs, prompt templates, payment instruments; incidence weight 1/ln(deg + 5)),
six blocks peeled in turn, then one block on a degree-preserving shuffle of the same incidences as the null.
Prints each block's density, size and truth kinds. Used to decide whether dense-block detection would separate
the scenario family's missed resellers from chance (docs/detection.md). Pure Python; minutes at scale 0.1.

    python3 bench/detection/dense_block_probe.py DIR     # DIR = a `distill generate --out DIR` folder
"""
import csv, sys, collections, math, heapq, random
d=sys.argv[1]
truth={r['account_id']:r['kind'] for r in csv.DictReader(open(d+'/truth.csv'))}
inc=collections.defaultdict(set)
for r in csv.DictReader(open(d+'/input/requests.csv')):
    a=r['account_id']; inc[a].add('t:'+r['prompt_fingerprint']); inc[a].add('i:'+r['ip'])
for r in csv.DictReader(open(d+'/input/payments.csv')):
    k=[x for x in r if 'fingerprint' in x or 'instrument' in x]
    inc[r['account_id']].add('p:'+r[k[0]])
def build(inc):
    deg=collections.Counter(e for s in inc.values() for e in s)
    edges=[(a,e) for a,s in inc.items() for e in s if deg[e]>=2]
    return edges,deg
def peel(edges,deg):
    w={e:1/math.log(deg[e]+5) for e in deg}
    adj=collections.defaultdict(list)
    for a,e in edges: adj[('a',a)].append(('e',e)); adj[('e',e)].append(('a',a))
    wd={}
    for n,ns in adj.items():
        wd[n]=sum(w[x[1]] if n[0]=='a' else w[n[1]] for x in ns)
    total=sum(w[e] for a,e in edges); alive=set(adj); n=len(alive)
    h=[(v,i,k) for i,(k,v) in enumerate(wd.items())]; heapq.heapify(h)
    best=(total/n, n); order=[]; cnt=len(h)
    while alive:
        v,_,k=heapq.heappop(h)
        if k not in alive or abs(v-wd[k])>1e-9: continue
        alive.discard(k); order.append(k); total-=wd[k]; n-=1
        for x in adj[k]:
            if x in alive:
                ew=w[x[1]] if k[0]=='a' else w[k[1]]
                wd[x]-=ew; cnt+=1; heapq.heappush(h,(wd[x],cnt,x))
        if n>0 and total/n>best[0]: best=(total/n,n)
    block=order[len(order)-best[1]:]
    return best[0],[k[1] for k in block if k[0]=='a'],[k[1] for k in block if k[0]=='e']
edges,deg=build(inc)
cur=dict(inc)
for it in range(6):
    edges,deg=build(cur)
    dens,accts,els=peel(edges,deg)
    print(f"block {it}: density {dens:.2f}, {len(accts)} accounts, {len(els)} elements; kinds {collections.Counter(truth[a] for a in accts).most_common(5)}; element kinds {collections.Counter(e[0] for e in els)}")
    for a in accts: cur.pop(a,None)
# null: shuffle element endpoints
items=[(a,e) for a,s in inc.items() for e in s]
es=[e for a,e in items]; random.seed(1); random.shuffle(es)
sh=collections.defaultdict(set)
for (a,_),e in zip(items,es): sh[a].add(e)
edges,deg=build(sh); dens,accts,els=peel(edges,deg); print(f"null: density {dens:.2f}, {len(accts)} accounts {len(els)} elements")
