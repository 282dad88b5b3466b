-- Issue 18, the three-year window and the certificates before the current one (session 3).
--
-- 1. company_fact gains kind 'certificate': an EARLIER 高企 certificate of the company (number = certificate
--    number, date = issue date, year = issue year); the current one stays on the company row. SQLite cannot
--    change a CHECK, so the table is made again with its rows (ids kept: the change history names rows by id),
--    its indexes and its change triggers.
-- 2. patent.used_in: the year of the recognition a utility model or design was counted in (0: none), as
--    ip_right.used_in; an invention patent is class I and never marked. The change triggers keep every column
--    (0006), so patent's update and delete triggers are made again with it.
-- 3. declared_figures: a company's figures for a year that has NO annual output row, as declared in an
--    application (a 高企 application states three years; the bureau's output statistics may start later). The
--    policy rules read a year's output row when there is one, else its declared row; no brief, chart, count or
--    statistic reads this table, so declared figures never move a published figure. NULL is "not declared".

CREATE TABLE company_fact_new (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('accident', 'env_violation', 'misconduct', 'abnormal_list',
                    'dishonest_list', 'standard', 'award', 'rd_institution', 'financing', 'annual_report',
                    'certificate')),
    year        INTEGER NOT NULL,
    date        TEXT,
    level       TEXT NOT NULL DEFAULT '',
    rank        INTEGER NOT NULL DEFAULT 0 CHECK (rank >= 0),
    amount      INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    number      TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
);
INSERT INTO company_fact_new (id, company_id, kind, year, date, level, rank, amount, number, note)
    SELECT id, company_id, kind, year, date, level, rank, amount, number, note FROM company_fact;
DROP TABLE company_fact;
ALTER TABLE company_fact_new RENAME TO company_fact;
CREATE INDEX company_fact_company ON company_fact (company_id, kind, year);
CREATE INDEX company_fact_kind ON company_fact (kind, year);

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

ALTER TABLE patent ADD COLUMN used_in INTEGER NOT NULL DEFAULT 0 CHECK (used_in >= 0);
DROP TRIGGER patent_change_update;
DROP TRIGGER patent_change_delete;
CREATE TRIGGER patent_change_update AFTER UPDATE ON patent BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'patent', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'app_no', OLD.app_no, 'kind', OLD.kind, 'title', OLD.title, 'filed', OLD.filed, 'granted', OLD.granted, 'legal_status', OLD.legal_status, 'status_date', OLD.status_date, 'used_in', OLD.used_in)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER patent_change_delete AFTER DELETE ON patent BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'patent', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'app_no', OLD.app_no, 'kind', OLD.kind, 'title', OLD.title, 'filed', OLD.filed, 'granted', OLD.granted, 'legal_status', OLD.legal_status, 'status_date', OLD.status_date, 'used_in', OLD.used_in)
    FROM change_group WHERE open = 1;
END;

-- The columns and CHECKs are annual_output's (0001, 0010): revenue is sales revenue (销售收入). The cross-field
-- rules are DeclaredFigures.Validate's, which names the field; that a year with an output row takes no declared
-- row is the store's (a write order the database cannot see from one row).
CREATE TABLE declared_figures (
    id              INTEGER PRIMARY KEY,
    company_id      INTEGER NOT NULL REFERENCES company (id) ON DELETE CASCADE,
    year            INTEGER NOT NULL,
    revenue         INTEGER CHECK (revenue >= 0),
    rd_expense      INTEGER CHECK (rd_expense >= 0),
    employees       INTEGER CHECK (employees >= 0),
    total_income    INTEGER CHECK (total_income >= 0),
    hightech_income INTEGER CHECK (hightech_income >= 0),
    rd_domestic     INTEGER CHECK (rd_domestic >= 0),
    total_costs     INTEGER CHECK (total_costs >= 0),
    net_assets      INTEGER,
    total_assets    INTEGER CHECK (total_assets >= 0),
    st_staff        INTEGER CHECK (st_staff >= 0),
    conversions     INTEGER CHECK (conversions >= 0),
    source          TEXT NOT NULL DEFAULT '',
    UNIQUE (company_id, year)
);

CREATE TRIGGER declared_figures_change_insert AFTER INSERT ON declared_figures BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'declared_figures', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER declared_figures_change_update AFTER UPDATE ON declared_figures BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'declared_figures', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'year', OLD.year, 'revenue', OLD.revenue, 'rd_expense', OLD.rd_expense, 'employees', OLD.employees, 'total_income', OLD.total_income, 'hightech_income', OLD.hightech_income, 'rd_domestic', OLD.rd_domestic, 'total_costs', OLD.total_costs, 'net_assets', OLD.net_assets, 'total_assets', OLD.total_assets, 'st_staff', OLD.st_staff, 'conversions', OLD.conversions, 'source', OLD.source)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER declared_figures_change_delete AFTER DELETE ON declared_figures BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'declared_figures', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'year', OLD.year, 'revenue', OLD.revenue, 'rd_expense', OLD.rd_expense, 'employees', OLD.employees, 'total_income', OLD.total_income, 'hightech_income', OLD.hightech_income, 'rd_domestic', OLD.rd_domestic, 'total_costs', OLD.total_costs, 'net_assets', OLD.net_assets, 'total_assets', OLD.total_assets, 'st_staff', OLD.st_staff, 'conversions', OLD.conversions, 'source', OLD.source)
    FROM change_group WHERE open = 1;
END;
