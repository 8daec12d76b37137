-- 0006: the person holding each API key, named in evidence-pack custody logs. Required for new legal and admin
-- keys by the application; keys made before this migration keep NULL ("not recorded"), never a guessed name.
ALTER TABLE api_keys ADD COLUMN holder TEXT;
