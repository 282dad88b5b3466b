-- Issue 19, the server as fast as a file (session 5): two indexes that let the server read a page instead of
-- sorting what it has read.
--
-- 1. company_park gains id: the company list sorted by park reads each park's companies by id (companiesByPark,
--    one query a park), which a plain park_id index gives SQLite (its rowid ends every index) but not the server.
--    The index keeps its name; park_id alone was a prefix of the new one.
-- 2. patent_granted_app_no: the records of the granted and valid patents are listed ORDER BY granted, app_no
--    (FigureRecords, the work brief's list of valid patents LIMIT 10000): with it the server walks the patents in
--    that order and stops at the limit instead of sorting 475,842 granted rows of a 100,000-company district.

DROP INDEX company_park;
CREATE INDEX company_park ON company (park_id, id);
CREATE INDEX patent_granted_app_no ON patent (granted, app_no);
