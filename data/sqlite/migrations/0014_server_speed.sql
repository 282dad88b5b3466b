-- Issue 19, the server as fast as a file (session 5): the server's migration 0014 adds two indexes, company_park
-- on (park_id, id) and patent_granted_app_no on (granted, app_no). A SQLite file needs neither: its company_park
-- (park_id) already gives each park's companies by id (the rowid ends every index), and it lists the granted and
-- valid patents in (granted, app_no) order by its own plan. Nothing to change; the number is kept in step.

SELECT 1;
