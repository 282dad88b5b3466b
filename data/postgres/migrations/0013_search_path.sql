-- Issue 19 (A19's D16): the program's functions that an index or a trigger calls find what they name under any
-- search_path. pg_dump and pg_restore, pg_upgrade and, from PostgreSQL 17, ANALYZE, VACUUM, REINDEX and
-- autovacuum run them with search_path = pg_catalog, pg_temp, where scitech_patent_valid_until's call of
-- scitech_date_add is not found: a restore of a pg_dump dropped index patent_valid_until, and that maintenance
-- failed on it; a data-only restore failed in the change triggers, which write into change and change_group.
-- Each such function now runs with the search_path it was made under (the schema of the program's tables).
-- The functions that call only the server's own (scitech_date_add, scitech_name_grams, scitech_change_group)
-- need none; the index is unchanged, as the functions' answers are.

ALTER FUNCTION scitech_patent_valid_until(text, text, text, text, text) SET search_path FROM CURRENT;
ALTER FUNCTION scitech_change_new() SET search_path FROM CURRENT;
ALTER FUNCTION scitech_change_old() SET search_path FROM CURRENT;
ALTER FUNCTION scitech_change_old_setting() SET search_path FROM CURRENT;
ALTER FUNCTION scitech_import_group() SET search_path FROM CURRENT;
ALTER FUNCTION company_gram_new() SET search_path FROM CURRENT;
ALTER FUNCTION company_gram_old() SET search_path FROM CURRENT;
ALTER FUNCTION company_gram_rename() SET search_path FROM CURRENT;
