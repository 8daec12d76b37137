// Accounts whose email domain is $value, ignoring case (as the embedded store does), at most $limit in
// ordinal order. The case-insensitive comparison scans the accounts; the index serves exact look-ups.
MATCH (a:Account)
WHERE toLower(a.emailDomain) = toLower($value)
RETURN a.accountId AS accountId
ORDER BY accountId
LIMIT $limit
