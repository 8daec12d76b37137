// The counts of distill stats. Accounts known only from other record types (stub nodes without
// createdAt) are not counted; payments are (account, instrument) pairs; clusters are clusters per run.
RETURN COUNT { (a:Account) WHERE a.createdAt IS NOT NULL } AS accounts,
       COUNT { (:Account)-[:PAID_WITH]->(:Instrument) } AS payments,
       COUNT { (:Session) } AS sessions,
       COUNT { (:Request) } AS requests,
       COUNT { (m:Model) WHERE m.releasedAt IS NOT NULL } AS releases,
       COUNT { (:Indicator) } AS indicators,
       COUNT { (:Run) } AS runs,
       COUNT { (:Run)-[:HAS_CLUSTER]->(:Cluster) } AS clusters
