// Range index for the investigator look-ups (lookup by identifier value); plain indexes work on Community.
CREATE INDEX account_org_name IF NOT EXISTS FOR (n:Account) ON (n.orgName)
