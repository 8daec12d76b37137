// Resolves request row ids (DetectionSnapshot.RequestRowId) to the source request ids, for provenance.
UNWIND $rowIds AS rowId
MATCH (r:Request {rowId: rowId})
RETURN rowId, r.requestId AS requestId
