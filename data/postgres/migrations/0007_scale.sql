-- PostgreSQL's twin of data/sqlite/migrations/0007_scale.sql: indexes for the company list's sorts, the
-- character pairs of company names for the search box, and the index of a patent's last valid day for the
-- dashboard.

-- The sort indexes end with id, as the list's ORDER BY (column, id) does: SQLite's carry the rowid; here an
-- index on the column alone left each run of equal values (most companies have no certificate) to be sorted.
CREATE INDEX company_field ON company (field, id);
-- NULLS FIRST: SQLite sorts an empty date first in ascending order, PostgreSQL last unless told.
CREATE INDEX company_founded ON company (founded NULLS FIRST, id);
CREATE INDEX company_cert_expires ON company (cert_expires NULLS FIRST, id);

CREATE INDEX company_cert_held ON company (cert_issued, cert_expires) WHERE cert_no <> '';
CREATE INDEX annual_output_year_sums ON annual_output (year, company_id, output, added_value);
DROP INDEX annual_output_year;
CREATE INDEX incubator_application_history_signed ON incubator_application_history (to_status, day, application_id);
DROP INDEX incubator_application_history_to;

-- company_gram: as on SQLite, every pair of neighbouring characters of each company name in lower case (ASCII
-- letters only: the column and the name are COLLATE "C"), and the last character followed by chr(1). gram is
-- byte-ordered: the single-character search reads the range gram >= x AND gram <= x || U+10FFFF, which another
-- collation would break without a word. SQLite's gram_seq (a numbers table) is not needed: generate_series.
CREATE TABLE company_gram (
    gram       TEXT COLLATE "C" NOT NULL,
    company_id BIGINT NOT NULL,
    PRIMARY KEY (gram, company_id)
);

CREATE FUNCTION scitech_name_grams(name text) RETURNS TABLE (gram text) LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT DISTINCT lower(substr((name || chr(1)) COLLATE "C", n, 2)) FROM generate_series(1, length(name)) n
$$;

CREATE FUNCTION company_gram_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO company_gram (gram, company_id) SELECT g.gram, n.id FROM new_rows n, scitech_name_grams(n.name) g;
    RETURN NULL;
END $$;
CREATE FUNCTION company_gram_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM company_gram c USING old_rows o WHERE c.company_id = o.id;
    RETURN NULL;
END $$;
-- A rename (or a new id, as undo may give) takes the old pairs out and the new ones in. UPDATE OF cannot take
-- transition tables, so this one is a row trigger; it fires only when the name or id did change.
CREATE FUNCTION company_gram_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM company_gram WHERE company_id = OLD.id;
    INSERT INTO company_gram (gram, company_id) SELECT g.gram, NEW.id FROM scitech_name_grams(NEW.name) g;
    RETURN NULL;
END $$;
CREATE TRIGGER company_gram_insert AFTER INSERT ON company REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION company_gram_new();
CREATE TRIGGER company_gram_update AFTER UPDATE OF id, name ON company FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.id <> NEW.id) EXECUTE FUNCTION company_gram_rename();
CREATE TRIGGER company_gram_delete AFTER DELETE ON company REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION company_gram_old();

INSERT INTO company_gram (gram, company_id)
SELECT DISTINCT g.gram, c.id FROM company c, scitech_name_grams(c.name) g ORDER BY 1, 2;

-- scitech_date_add is SQLite's date(d, '+N years', '+M days') on an ISO date text: the years are added to the
-- year, a day past the month's end runs into the next month (2024-02-29 + 10 years is 2034-03-01, as SQLite
-- and Go's AddDate say; PostgreSQL's date + interval would give 2034-02-28), then the days are added. NULL for
-- NULL or a text that is no YYYY-MM-DD date (month 13, day 32), as SQLite's date() gives, and for year 0000,
-- which PostgreSQL's calendar lacks (SQLite would answer); a day past the month's end (02-30) runs on, as in
-- SQLite. Immutable: to_char with a numeric pattern does not read the
-- locale, and an index (patent_valid_until) is made of it. PL/pgSQL rather than SQL: a SQL function that cannot
-- be inlined (this one is STRICT around a CASE) is planned anew at every call, which made the index's upkeep
-- cost about 0.7 ms a patent written; in PL/pgSQL the plan is kept (20,000 calls 0.33 -> 0.15 s).
CREATE FUNCTION scitech_date_add(d text, years integer, days integer) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    IF d ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND d !~ '^0000' THEN
        RETURN to_char(make_date(substr(d, 1, 4)::int + years, substr(d, 6, 2)::int, 1) + (substr(d, 9, 2)::int - 1) + days,
            'YYYY-MM-DD');
    END IF;
    RETURN NULL;
END $$;

-- The last day a granted patent is valid (Patent.ValidOn), SQLite's index expression of 0007 term for term:
-- the end of its term, or the day before the status date of a lapse, expiry, invalidation or withdrawal,
-- whichever is first, but never before the day before its grant. NULL when any date is missing or no date,
-- as SQLite's scalar max() and min() give (greatest and least would skip a NULL). Dates compare as bytes
-- (COLLATE "C"), whatever the database's collation. PL/pgSQL, as scitech_date_add: the SQL twin, with its
-- sub-SELECTs, was planned at every call (20,000 calls 14.3 s; now 0.48 s), and every patent written pays one.
CREATE FUNCTION scitech_patent_valid_until(granted text, legal_status text, status_date text, filed text, kind text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    g text := scitech_date_add(granted, 0, -1);
    t text := scitech_date_add(filed, CASE
        WHEN kind = 'invention' THEN 20
        WHEN kind = 'design' AND filed COLLATE "C" >= '2021-06-01' THEN 15
        ELSE 10 END, -1);
    s text;
    e text := t;
BEGIN
    IF legal_status IN ('lapsed', 'expired', 'invalidated', 'withdrawn') THEN
        s := scitech_date_add(status_date, 0, -1);
        e := CASE WHEN s IS NULL OR t IS NULL THEN NULL ELSE least(s COLLATE "C", t COLLATE "C") END;
    END IF;
    IF g IS NULL OR e IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN greatest(g COLLATE "C", e COLLATE "C");
END $$;
-- INCLUDE the columns the expression reads: the server counts an expression index's entries without visiting the
-- table (an index-only scan, as SQLite counts patent_valid_until) only when they are in it. The dashboard's
-- valid patents on 14,000 granted patents: 51.9 ms -> 2.6 ms (Q19's measurement).
CREATE INDEX patent_valid_until ON patent (scitech_patent_valid_until(granted, legal_status, status_date, filed, kind))
    INCLUDE (granted, legal_status, status_date, filed, kind) WHERE granted IS NOT NULL;
