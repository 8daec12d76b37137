// Every node with its labels and properties (contract tests compare whole-store dumps; small stores only).
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS properties
