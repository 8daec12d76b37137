// Range index for the investigator look-up of accounts by client (user agent / SDK string).
CREATE INDEX request_client IF NOT EXISTS FOR (n:Request) ON (n.client)
