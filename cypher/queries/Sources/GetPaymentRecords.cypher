// The payment row of each (accountId, instrument) pair in $pairs, as stored (the earliest sighting).
UNWIND $pairs AS pair
MATCH (:Account {accountId: pair.accountId})-[p:PAID_WITH]->(:Instrument {fingerprint: pair.instrument})
RETURN pair.accountId AS accountId,
       pair.instrument AS instrument,
       p.kind AS kind,
       p.bin AS bin,
       p.issuerCountry AS issuerCountry,
       p.firstSeen.epochMillis AS firstSeenMs
