// Range index for the investigator look-ups (lookup by identifier value); plain indexes work on Community.
CREATE INDEX indicator_value IF NOT EXISTS FOR (n:Indicator) ON (n.value)
