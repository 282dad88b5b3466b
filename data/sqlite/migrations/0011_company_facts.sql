-- Issue 18: the dated facts about a company that the 高企 and 科小 rules ask about, and its IP beyond patents.
--
-- company_fact: one row a fact: an incident or a listing that bars a recognition (the year it happened), a
-- standard led or drafted, an S&T award, an R&D institution recognised at a level, new equity financing, and the
-- 高企 annual development report filed (year: the year reported on).
CREATE TABLE company_fact (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('accident', 'env_violation', 'misconduct', 'abnormal_list',
                    'dishonest_list', 'standard', 'award', 'rd_institution', 'financing', 'annual_report')),
    year        INTEGER NOT NULL,
    date        TEXT,
    level       TEXT NOT NULL DEFAULT '',
    rank        INTEGER NOT NULL DEFAULT 0 CHECK (rank >= 0),
    amount      INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    number      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX company_fact_company ON company_fact (company_id, kind, year);
CREATE INDEX company_fact_kind ON company_fact (kind, year);

-- Undo keeps every column (0006).
CREATE TRIGGER company_fact_change_insert AFTER INSERT ON company_fact BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'company_fact', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER company_fact_change_update AFTER UPDATE ON company_fact BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'company_fact', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'kind', OLD.kind, 'year', OLD.year, 'date', OLD.date, 'level', OLD.level, 'rank', OLD.rank, 'amount', OLD.amount, 'number', OLD.number, 'note', OLD.note)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER company_fact_change_delete AFTER DELETE ON company_fact BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'company_fact', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'kind', OLD.kind, 'year', OLD.year, 'date', OLD.date, 'level', OLD.level, 'rank', OLD.rank, 'amount', OLD.amount, 'number', OLD.number, 'note', OLD.note)
    FROM change_group WHERE open = 1;
END;

-- Intellectual property other than patents (issue 18 item 2): software copyrights (class II) and the class I
-- rights of the 工作指引 (plant and crop varieties, national new drugs, grade-1 protected TCM varieties, IC
-- layout designs). used_in is the year of the recognition a class II item was counted in (0: none): it counts
-- in one recognition only.
CREATE TABLE ip_right (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('software_copyright', 'plant_variety', 'crop_variety', 'new_drug',
                    'tcm_protected', 'ic_layout')),
    reg_no      TEXT NOT NULL,
    title       TEXT NOT NULL,
    granted     TEXT NOT NULL,
    used_in     INTEGER NOT NULL DEFAULT 0 CHECK (used_in >= 0),
    UNIQUE (kind, reg_no)
);
CREATE INDEX ip_right_company ON ip_right (company_id, granted);

CREATE TRIGGER ip_right_change_insert AFTER INSERT ON ip_right BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'ip_right', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER ip_right_change_update AFTER UPDATE ON ip_right BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'ip_right', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'kind', OLD.kind, 'reg_no', OLD.reg_no, 'title', OLD.title, 'granted', OLD.granted, 'used_in', OLD.used_in)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER ip_right_change_delete AFTER DELETE ON ip_right BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'ip_right', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'kind', OLD.kind, 'reg_no', OLD.reg_no, 'title', OLD.title, 'granted', OLD.granted, 'used_in', OLD.used_in)
    FROM change_group WHERE open = 1;
END;
