-- The import history: each workbook imported (committed, not previewed), and the records it created or changed.
-- An import that changed nothing is logged too, with zero counts, so the history shows the file was seen.

CREATE TABLE import_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    operator        TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    checksum        TEXT NOT NULL DEFAULT '',
    sheets          TEXT NOT NULL DEFAULT '',
    new_count       INTEGER NOT NULL DEFAULT 0 CHECK (new_count >= 0),
    changed_count   INTEGER NOT NULL DEFAULT 0 CHECK (changed_count >= 0),
    unchanged_count INTEGER NOT NULL DEFAULT 0 CHECK (unchanged_count >= 0)
);
CREATE INDEX import_log_checksum ON import_log (checksum);

-- entity and entity_id name a record as the audit log does ("company", "annual_output", …).
CREATE TABLE import_change (
    import_id INTEGER NOT NULL REFERENCES import_log (id),
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update'))
);
CREATE INDEX import_change_import ON import_change (import_id);
CREATE INDEX import_change_entity ON import_change (entity, entity_id);
