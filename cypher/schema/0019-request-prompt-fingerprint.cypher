// Range index for the investigator look-up of accounts by prompt-template fingerprint.
CREATE INDEX request_prompt_fingerprint IF NOT EXISTS FOR (n:Request) ON (n.promptFingerprint)
