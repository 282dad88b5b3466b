-- Every other record of the platform: universities and institutes and what companies do with them,
-- incubators and the applications to them, plan project applications, patents and park projects.
-- Links are plain foreign keys (no cascade): the store deletes dependents itself, each with its audit row,
-- after the user has been told what links to the record.

CREATE TABLE institution (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    kind  TEXT NOT NULL CHECK (kind IN ('university', 'institute', 'other')),
    city  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE cooperation (
    id             INTEGER PRIMARY KEY,
    company_id     INTEGER NOT NULL REFERENCES company (id),
    institution_id INTEGER NOT NULL REFERENCES institution (id),
    programme      TEXT NOT NULL DEFAULT '',
    started        TEXT NOT NULL,
    ended          TEXT,
    CHECK (ended IS NULL OR ended >= started),
    UNIQUE (company_id, institution_id, started)
);
CREATE INDEX cooperation_company ON cooperation (company_id);
CREATE INDEX cooperation_institution ON cooperation (institution_id);
CREATE INDEX cooperation_dates ON cooperation (started, ended);

CREATE TABLE coop_base (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    company_id     INTEGER NOT NULL REFERENCES company (id),
    institution_id INTEGER NOT NULL REFERENCES institution (id),
    established    TEXT NOT NULL
);
CREATE INDEX coop_base_company ON coop_base (company_id);
CREATE INDEX coop_base_institution ON coop_base (institution_id);

CREATE TABLE coop_outcome (
    id             INTEGER PRIMARY KEY,
    cooperation_id INTEGER NOT NULL REFERENCES cooperation (id),
    kind           TEXT NOT NULL CHECK (kind IN ('project', 'product')),
    title          TEXT NOT NULL,
    year           INTEGER NOT NULL
);
CREATE INDEX coop_outcome_cooperation ON coop_outcome (cooperation_id);
CREATE INDEX coop_outcome_year ON coop_outcome (year);

CREATE TABLE incubator (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    level    TEXT NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'district')),
    address  TEXT NOT NULL DEFAULT '',
    area_m2  INTEGER NOT NULL DEFAULT 0 CHECK (area_m2 >= 0)
);

-- status: submitted, reviewing, approved, rejected, signed, graduated, exited, withdrawn
CREATE TABLE incubator_application (
    id             INTEGER PRIMARY KEY,
    incubator_id   INTEGER NOT NULL REFERENCES incubator (id),
    applicant_kind TEXT NOT NULL CHECK (applicant_kind IN ('team', 'company')),
    applicant      TEXT NOT NULL,
    company_id     INTEGER REFERENCES company (id),
    leader         TEXT NOT NULL DEFAULT '',
    field          TEXT NOT NULL DEFAULT '',
    summary        TEXT NOT NULL DEFAULT '',
    submitted      TEXT NOT NULL,
    status         TEXT NOT NULL,
    status_date    TEXT NOT NULL
);
CREATE INDEX incubator_application_incubator ON incubator_application (incubator_id);
CREATE INDEX incubator_application_status ON incubator_application (status, status_date);
CREATE INDEX incubator_application_company ON incubator_application (company_id);

CREATE TABLE incubator_application_history (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES incubator_application (id),
    day            TEXT NOT NULL,
    from_status    TEXT NOT NULL DEFAULT '',
    to_status      TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    operator       TEXT NOT NULL
);
CREATE INDEX incubator_application_history_app ON incubator_application_history (application_id);
CREATE INDEX incubator_application_history_to ON incubator_application_history (to_status, day);

-- status: draft, submitted, recommended, approved, rejected, contracted, accepted, terminated
CREATE TABLE plan_application (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES company (id),
    level       TEXT NOT NULL CHECK (level IN ('district', 'municipal', 'provincial', 'national')),
    plan        TEXT NOT NULL,
    title       TEXT NOT NULL,
    year        INTEGER NOT NULL,
    requested   INTEGER NOT NULL DEFAULT 0 CHECK (requested >= 0),
    granted     INTEGER NOT NULL DEFAULT 0 CHECK (granted >= 0),
    status      TEXT NOT NULL,
    status_date TEXT NOT NULL
);
CREATE INDEX plan_application_company ON plan_application (company_id);
CREATE INDEX plan_application_year ON plan_application (year, level);
CREATE INDEX plan_application_status ON plan_application (status, status_date);

CREATE TABLE plan_application_history (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES plan_application (id),
    day            TEXT NOT NULL,
    from_status    TEXT NOT NULL DEFAULT '',
    to_status      TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    operator       TEXT NOT NULL
);
CREATE INDEX plan_application_history_app ON plan_application_history (application_id);
CREATE INDEX plan_application_history_to ON plan_application_history (to_status, day);

-- app_no is stored normalised: 12 digits, a dot and the check character (or the old 8-digit form).
-- legal_status: pending, granted, lapsed, expired, invalidated, withdrawn, rejected
CREATE TABLE patent (
    id           INTEGER PRIMARY KEY,
    company_id   INTEGER NOT NULL REFERENCES company (id),
    app_no       TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('invention', 'utility', 'design')),
    title        TEXT NOT NULL,
    filed        TEXT NOT NULL,
    granted      TEXT,
    legal_status TEXT NOT NULL,
    status_date  TEXT NOT NULL,
    CHECK (granted IS NULL OR granted >= filed)
);
CREATE INDEX patent_company ON patent (company_id);
CREATE INDEX patent_filed ON patent (filed);
CREATE INDEX patent_granted ON patent (granted);
CREATE INDEX patent_status ON patent (legal_status, status_date);

-- status: planned, building, operating, completed; area in hundredths of a mu (亩), investment in yuan
CREATE TABLE park_project (
    id          INTEGER PRIMARY KEY,
    park_id     INTEGER NOT NULL REFERENCES park (id),
    title       TEXT NOT NULL,
    lead        TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('planned', 'building', 'operating', 'completed')),
    area_cmu    INTEGER NOT NULL DEFAULT 0 CHECK (area_cmu >= 0),
    investment  INTEGER NOT NULL DEFAULT 0 CHECK (investment >= 0),
    UNIQUE (park_id, title)
);
CREATE INDEX park_project_park ON park_project (park_id);
