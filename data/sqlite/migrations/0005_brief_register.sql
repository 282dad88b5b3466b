-- The brief register: every brief issued, numbered 第X期 in one sequence per report year (all kinds and both
-- languages share it), with the files as they were sent and the hash of the data they were made from, so a
-- brief can be handed out again byte for byte and the screen can tell whether the records have changed since.

CREATE TABLE brief_register (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    lang        TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
    year        INTEGER NOT NULL,
    issue_no    INTEGER NOT NULL CHECK (issue_no >= 1),
    title       TEXT NOT NULL,
    issued_date TEXT NOT NULL, -- the date printed in the header, YYYY-MM-DD
    issued_at   TEXT NOT NULL, -- when it was registered, RFC 3339 UTC
    operator    TEXT NOT NULL,
    data_hash   TEXT NOT NULL,
    pdf         BLOB NOT NULL,
    xlsx        BLOB NOT NULL,
    UNIQUE (year, issue_no)
);
