-- PostgreSQL's twin of data/sqlite/migrations/0008_pinyin.sql: each list pages by its name or title through an
-- index in pinyin order (the collation pinyin of 0001). The queries say COLLATE pinyin on both databases.
-- Each index ends with id, as the lists' ORDER BY does (name, id): SQLite's indexes carry the rowid, so there
-- a page is a plain index walk; here an index on the name alone left every tie to be sorted.
DROP INDEX company_name;
CREATE INDEX company_name ON company (name COLLATE pinyin, id);
-- Unique, as on SQLite: the company list sorted by park walks the parks in this order.
CREATE UNIQUE INDEX park_name ON park (name COLLATE pinyin);
CREATE INDEX institution_name ON institution (name COLLATE pinyin, id);
CREATE INDEX incubator_name ON incubator (name COLLATE pinyin, id);
CREATE INDEX coop_base_name ON coop_base (name COLLATE pinyin, id);
CREATE INDEX coop_outcome_title ON coop_outcome (title COLLATE pinyin, id);
CREATE INDEX incubator_application_applicant ON incubator_application (applicant COLLATE pinyin, id);
CREATE INDEX plan_application_title ON plan_application (title COLLATE pinyin, id);
CREATE INDEX patent_title ON patent (title COLLATE pinyin, id);
CREATE INDEX park_project_title ON park_project (title COLLATE pinyin, id);
