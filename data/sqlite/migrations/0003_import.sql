-- The import history: each workbook imported (committed, not previewed). The records it created or changed are
-- its rows in audit_log (see 0004).
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
