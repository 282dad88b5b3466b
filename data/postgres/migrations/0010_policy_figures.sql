-- PostgreSQL's twin of data/migrations/0010_policy_figures.sql (issue 18): the figures the 高企 and 科小 rules
-- read, per company and year beside the annual output. NULL is "not recorded". The change triggers (0006) take
-- every column, so unlike SQLite's 0010 nothing is made again for them.
ALTER TABLE annual_output ADD COLUMN total_income BIGINT CHECK (total_income >= 0);
ALTER TABLE annual_output ADD COLUMN hightech_income BIGINT CHECK (hightech_income >= 0);
ALTER TABLE annual_output ADD COLUMN rd_domestic BIGINT CHECK (rd_domestic >= 0);
ALTER TABLE annual_output ADD COLUMN total_costs BIGINT CHECK (total_costs >= 0);
ALTER TABLE annual_output ADD COLUMN net_assets BIGINT;
ALTER TABLE annual_output ADD COLUMN total_assets BIGINT CHECK (total_assets >= 0);
ALTER TABLE annual_output ADD COLUMN st_staff BIGINT CHECK (st_staff >= 0);
ALTER TABLE annual_output ADD COLUMN conversions BIGINT CHECK (conversions >= 0);
