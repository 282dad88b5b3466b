-- Names in pinyin order (data/collation.go: the collation pinyin, registered by the program on every connection):
-- each list pages by its name or title through an index in that order, as the company list paged through
-- company_name in byte order before (大连… after 上海…, U+5927 being above U+4E0A). Nothing else used that
-- index, and a search walks the new one as it walked the old.
DROP INDEX company_name;
CREATE INDEX company_name ON company (name COLLATE pinyin);
-- Unique, as park names are: the company list sorted by park walks the parks in this index and each park's
-- companies by id, which only holds in the list's order when no two parks share a place in it.
CREATE UNIQUE INDEX park_name ON park (name COLLATE pinyin);
CREATE INDEX institution_name ON institution (name COLLATE pinyin);
CREATE INDEX incubator_name ON incubator (name COLLATE pinyin);
CREATE INDEX coop_base_name ON coop_base (name COLLATE pinyin);
CREATE INDEX coop_outcome_title ON coop_outcome (title COLLATE pinyin);
CREATE INDEX incubator_application_applicant ON incubator_application (applicant COLLATE pinyin);
CREATE INDEX plan_application_title ON plan_application (title COLLATE pinyin);
CREATE INDEX patent_title ON patent (title COLLATE pinyin);
CREATE INDEX park_project_title ON park_project (title COLLATE pinyin);
