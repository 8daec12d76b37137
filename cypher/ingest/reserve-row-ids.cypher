// Reserves $count consecutive request row ids inside the batch's transaction. The write lock on the
// sequence node is held until commit, so concurrent batches get disjoint ranges; a rolled-back batch
// gives its range back.
MATCH (s:Sequence {name: $name})
SET s.next = s.next + $count
RETURN s.next - $count AS first
