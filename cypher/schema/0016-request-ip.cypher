// Range index for the investigator look-ups (lookup by identifier value); plain indexes work on Community.
CREATE INDEX request_ip IF NOT EXISTS FOR (n:Request) ON (n.ip)
