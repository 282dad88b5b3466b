-- Issue 18: the figures the 高企 and 科小 rules read, kept per company and year beside the annual output.
--
-- NULL is "not recorded": a rule that needs the figure reports missing data (缺数据) rather than reading 0.
-- Sales revenue (销售收入) is the row's revenue: the 工作指引 defines it as main plus other business income.
-- Net assets may be negative (debts above assets); every other amount and count is not. The cross-field rules
-- (S&T staff ≤ staff, domestic R&D ≤ R&D, high-tech income and sales ≤ total income) are AnnualOutput.Validate's,
-- which names the field; the CHECKs here only keep a stray write from storing a negative amount.
ALTER TABLE annual_output ADD COLUMN total_income INTEGER CHECK (total_income >= 0);
ALTER TABLE annual_output ADD COLUMN hightech_income INTEGER CHECK (hightech_income >= 0);
ALTER TABLE annual_output ADD COLUMN rd_domestic INTEGER CHECK (rd_domestic >= 0);
ALTER TABLE annual_output ADD COLUMN total_costs INTEGER CHECK (total_costs >= 0);
ALTER TABLE annual_output ADD COLUMN net_assets INTEGER;
ALTER TABLE annual_output ADD COLUMN total_assets INTEGER CHECK (total_assets >= 0);
ALTER TABLE annual_output ADD COLUMN st_staff INTEGER CHECK (st_staff >= 0);
ALTER TABLE annual_output ADD COLUMN conversions INTEGER CHECK (conversions >= 0);

-- The change triggers keep every column (0006): made again with the new ones.
DROP TRIGGER annual_output_change_update;
DROP TRIGGER annual_output_change_delete;
CREATE TRIGGER annual_output_change_update AFTER UPDATE ON annual_output BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'annual_output', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'year', OLD.year, 'output', OLD.output, 'added_value', OLD.added_value, 'revenue', OLD.revenue, 'rd_expense', OLD.rd_expense, 'employees', OLD.employees, 'rd_staff', OLD.rd_staff, 'total_income', OLD.total_income, 'hightech_income', OLD.hightech_income, 'rd_domestic', OLD.rd_domestic, 'total_costs', OLD.total_costs, 'net_assets', OLD.net_assets, 'total_assets', OLD.total_assets, 'st_staff', OLD.st_staff, 'conversions', OLD.conversions)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER annual_output_change_delete AFTER DELETE ON annual_output BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'annual_output', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'year', OLD.year, 'output', OLD.output, 'added_value', OLD.added_value, 'revenue', OLD.revenue, 'rd_expense', OLD.rd_expense, 'employees', OLD.employees, 'rd_staff', OLD.rd_staff, 'total_income', OLD.total_income, 'hightech_income', OLD.hightech_income, 'rd_domestic', OLD.rd_domestic, 'total_costs', OLD.total_costs, 'net_assets', OLD.net_assets, 'total_assets', OLD.total_assets, 'st_staff', OLD.st_staff, 'conversions', OLD.conversions)
    FROM change_group WHERE open = 1;
END;
