-- Issue 19: the server's migration 0013 makes the functions its indexes and triggers call find what they name
-- under any search_path (pg_dump/pg_restore, PostgreSQL's maintenance). A SQLite file has no search_path and
-- no such functions. Nothing to change; the number is kept in step.

SELECT 1;
