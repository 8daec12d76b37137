// Every operator indicator (small table), as ingested.
MATCH (i:Indicator)
RETURN i.operatorId AS operatorId,
       i.operatorName AS operatorName,
       i.kind AS kind,
       i.value AS value,
       i.confidence AS confidence,
       i.source AS source
