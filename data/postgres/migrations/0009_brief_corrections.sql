-- PostgreSQL's twin of data/migrations/0009_brief_corrections.sql (issue 17): an issued brief keeps the text it
-- was set from (NULL for briefs issued before), and a correction names the brief it replaces, once.
ALTER TABLE brief_register ADD COLUMN text BYTEA;
ALTER TABLE brief_register ADD COLUMN replaces BIGINT REFERENCES brief_register (id);
CREATE UNIQUE INDEX brief_register_replaces ON brief_register (replaces);
