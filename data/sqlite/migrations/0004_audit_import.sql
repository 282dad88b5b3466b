-- The records an import created or changed are its audit rows: one row per write says it all (entity, id,
-- action), where a separate list of changes would double the rows an import of 100,000 records writes.
-- NULL for a write made through a form.

ALTER TABLE audit_log ADD COLUMN import_id INTEGER REFERENCES import_log (id);
CREATE INDEX audit_log_import ON audit_log (import_id) WHERE import_id IS NOT NULL;
DROP TABLE IF EXISTS import_change;
