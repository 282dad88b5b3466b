-- The foundation: parks, companies, their annual output, settings and the audit log.

CREATE TABLE park (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    kind  TEXT NOT NULL CHECK (kind IN ('garden', 'gallery', 'other')),
    focus TEXT NOT NULL DEFAULT ''
);

INSERT INTO park (name, kind, focus) VALUES
    ('现代海洋产业园', 'garden', '海洋牧场、水产养殖与海洋生物'),
    ('现代园艺产业园', 'garden', '设施农业改造与园艺种苗'),
    ('现代都市休闲旅游产业长廊', 'gallery', '休闲农业与乡村旅游');

CREATE TABLE company (
    id            INTEGER PRIMARY KEY,
    uscc          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    legal_rep     TEXT NOT NULL DEFAULT '',
    field         TEXT NOT NULL,
    park_id       INTEGER REFERENCES park (id) ON DELETE SET NULL,
    address       TEXT NOT NULL DEFAULT '',
    contact       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    founded       TEXT,
    above_scale   INTEGER NOT NULL DEFAULT 0,
    cert_no       TEXT NOT NULL DEFAULT '',
    cert_issued   TEXT,
    cert_expires  TEXT,
    techsme_no    TEXT NOT NULL DEFAULT '',
    techsme_year  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX company_name ON company (name);
CREATE INDEX company_park ON company (park_id);
CREATE INDEX company_cert ON company (cert_issued, cert_expires);

CREATE TABLE annual_output (
    id           INTEGER PRIMARY KEY,
    company_id   INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    output       INTEGER NOT NULL CHECK (output >= 0),
    added_value  INTEGER NOT NULL CHECK (added_value >= 0 AND added_value <= output),
    revenue      INTEGER NOT NULL DEFAULT 0 CHECK (revenue >= 0),
    rd_expense   INTEGER NOT NULL DEFAULT 0 CHECK (rd_expense >= 0),
    employees    INTEGER NOT NULL DEFAULT 0,
    rd_staff     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (company_id, year)
);
CREATE INDEX annual_output_year ON annual_output (year);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    before    TEXT,
    after     TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
