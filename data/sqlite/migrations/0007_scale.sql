-- City scale (100,000 companies, a million patents): indexes for every sort column of the company list, a
-- table of the character pairs of company names for the search box, and an index that lets the dashboard
-- count valid patents without reading the patent table.

CREATE INDEX company_field ON company (field);
CREATE INDEX company_founded ON company (founded);
CREATE INDEX company_cert_expires ON company (cert_expires);

-- The dashboard's counts read indexes only: high-tech certificates in force, a year's output sums, signings.
CREATE INDEX company_cert_held ON company (cert_issued, cert_expires) WHERE cert_no <> '';
CREATE INDEX annual_output_year_sums ON annual_output (year, company_id, output, added_value);
DROP INDEX annual_output_year;
CREATE INDEX incubator_application_history_signed ON incubator_application_history (to_status, day, application_id);
DROP INDEX incubator_application_history_to;

-- company_gram holds, for every company, each pair of neighbouring characters of its name in lower case (as
-- LIKE compares: ASCII letters only), and its last character followed by char(1). A name fragment of two or
-- more characters can only be in names that hold every pair of it; a single character x is in the names with a
-- pair that starts with x. The search takes the candidates of the rarest pair and checks them with the same
-- LIKE as before, so the results are those of the plain LIKE query. The triggers keep it (undo and imports
-- included); it is derived data, not a record, so the change triggers do not track it.
-- gram_seq numbers the characters of a name (names are at most 100 characters; 1,000 leaves room).
CREATE TABLE gram_seq (n INTEGER PRIMARY KEY);
INSERT INTO gram_seq (n) WITH RECURSIVE s (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 1000) SELECT n FROM s;

CREATE TABLE company_gram (
    gram       TEXT NOT NULL,
    company_id INTEGER NOT NULL,
    PRIMARY KEY (gram, company_id)
) WITHOUT ROWID;

CREATE TRIGGER company_gram_insert AFTER INSERT ON company BEGIN
    INSERT OR IGNORE INTO company_gram (gram, company_id)
    SELECT lower(substr(NEW.name || char(1), n, 2)), NEW.id FROM gram_seq WHERE n <= length(NEW.name);
END;
CREATE TRIGGER company_gram_update AFTER UPDATE OF id, name ON company BEGIN
    DELETE FROM company_gram WHERE company_id = OLD.id AND gram IN (
        SELECT lower(substr(OLD.name || char(1), n, 2)) FROM gram_seq WHERE n <= length(OLD.name));
    INSERT OR IGNORE INTO company_gram (gram, company_id)
    SELECT lower(substr(NEW.name || char(1), n, 2)), NEW.id FROM gram_seq WHERE n <= length(NEW.name);
END;
CREATE TRIGGER company_gram_delete AFTER DELETE ON company BEGIN
    DELETE FROM company_gram WHERE company_id = OLD.id AND gram IN (
        SELECT lower(substr(OLD.name || char(1), n, 2)) FROM gram_seq WHERE n <= length(OLD.name));
END;

-- In key order, so that the table is written from start to end.
INSERT INTO company_gram (gram, company_id)
SELECT DISTINCT lower(substr(c.name || char(1), s.n, 2)), c.id FROM company c JOIN gram_seq s ON s.n <= length(c.name)
ORDER BY 1, 2;

-- The last day a granted patent is valid (Patent.ValidOn): the end of its term, or the day before the status
-- date of a lapse, expiry, invalidation or withdrawal, whichever is first, but never before the day before its
-- grant. A patent is valid on day d when granted <= d and this is >= d, so the valid patents on d number
-- count(granted <= d) - count(valid_until < d): two index range counts (patentValidCountSQL; the expression
-- there must stay the same as here for SQLite to use this index).
CREATE INDEX patent_valid_until ON patent (max(date(granted, '-1 day'), CASE
        WHEN legal_status IN ('lapsed', 'expired', 'invalidated', 'withdrawn')
        THEN min(date(status_date, '-1 day'), date(filed, CASE
            WHEN kind = 'invention' THEN '+20 years'
            WHEN kind = 'design' AND filed >= '2021-06-01' THEN '+15 years'
            ELSE '+10 years' END, '-1 day'))
        ELSE date(filed, CASE
            WHEN kind = 'invention' THEN '+20 years'
            WHEN kind = 'design' AND filed >= '2021-06-01' THEN '+15 years'
            ELSE '+10 years' END, '-1 day') END))
    WHERE granted IS NOT NULL;
