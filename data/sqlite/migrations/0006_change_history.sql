-- Undo. The audit log says what a change meant (a company updated, an import applied) in Go values, not rows,
-- so it cannot put a table back exactly. Beside it every change to a record table is kept as a row of table
-- change, written by the triggers below, so that nothing a statement does (foreign-key cascades, workflow
-- history, the importer's multi-row inserts) escapes them. A change keeps the row as it was before (JSON of all
-- its columns; NULL when the row was inserted): what the row became is the next change's old row, or the row
-- as it is now. Keeping only the old side halves what an import adds to its own cost.
--
-- A change group is one transaction of the store: update() opens one (open = 1) before the work and closes it
-- before the commit; its changes are the ids in (change_from, change_to]. The triggers write only while a
-- group is open, so migrations and anything written outside update() are not taken for a user's change.
-- Audit rows name their group; an import's rows find it through the group's import_id.
--
-- A migration that adds a column to one of these tables must drop and create that table's three triggers
-- again with the new column; data/history_test.go fails until it does. Issued briefs (brief_register) are
-- not tracked: an issued number has been sent out and is never taken back.

CREATE TABLE change_group (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    open        INTEGER CHECK (open = 1),
    import_id   INTEGER REFERENCES import_log (id),
    undo_of     INTEGER REFERENCES change_group (id),
    change_from INTEGER NOT NULL DEFAULT 0,
    change_to   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX change_group_open ON change_group (open) WHERE open = 1;
CREATE INDEX change_group_import ON change_group (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX change_group_undo ON change_group (undo_of) WHERE undo_of IS NOT NULL;

-- row_id is the row's rowid (its id; setting's rowid). group_id is not a declared foreign key: only the
-- triggers write it, from the open group, and a check per row would cost every import.
CREATE TABLE change (
    id       INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL,
    tbl      TEXT NOT NULL,
    row_id   INTEGER NOT NULL,
    old      TEXT
);
CREATE INDEX change_row ON change (tbl, row_id);

ALTER TABLE audit_log ADD COLUMN group_id INTEGER REFERENCES change_group (id);
CREATE INDEX audit_log_group ON audit_log (group_id) WHERE group_id IS NOT NULL;

-- The importer writes its own row in import_log; the open group learns the import from it.
CREATE TRIGGER import_log_change_group AFTER INSERT ON import_log BEGIN
    UPDATE change_group SET import_id = NEW.id WHERE open = 1;
END;

-- park
CREATE TRIGGER park_change_insert AFTER INSERT ON park BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'park', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER park_change_update AFTER UPDATE ON park BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'park', OLD.rowid,
        json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'focus', OLD.focus)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER park_change_delete AFTER DELETE ON park BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'park', OLD.rowid,
        json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'focus', OLD.focus)
    FROM change_group WHERE open = 1;
END;

-- company
CREATE TRIGGER company_change_insert AFTER INSERT ON company BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'company', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER company_change_update AFTER UPDATE ON company BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'company', OLD.rowid,
        json_object('id', OLD.id, 'uscc', OLD.uscc, 'name', OLD.name, 'legal_rep', OLD.legal_rep, 'field', OLD.field, 'park_id', OLD.park_id, 'address', OLD.address, 'contact', OLD.contact, 'phone', OLD.phone, 'founded', OLD.founded, 'above_scale', OLD.above_scale, 'cert_no', OLD.cert_no, 'cert_issued', OLD.cert_issued, 'cert_expires', OLD.cert_expires, 'techsme_no', OLD.techsme_no, 'techsme_year', OLD.techsme_year)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER company_change_delete AFTER DELETE ON company BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'company', OLD.rowid,
        json_object('id', OLD.id, 'uscc', OLD.uscc, 'name', OLD.name, 'legal_rep', OLD.legal_rep, 'field', OLD.field, 'park_id', OLD.park_id, 'address', OLD.address, 'contact', OLD.contact, 'phone', OLD.phone, 'founded', OLD.founded, 'above_scale', OLD.above_scale, 'cert_no', OLD.cert_no, 'cert_issued', OLD.cert_issued, 'cert_expires', OLD.cert_expires, 'techsme_no', OLD.techsme_no, 'techsme_year', OLD.techsme_year)
    FROM change_group WHERE open = 1;
END;

-- annual_output
CREATE TRIGGER annual_output_change_insert AFTER INSERT ON annual_output BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'annual_output', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER annual_output_change_update AFTER UPDATE ON annual_output BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'annual_output', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'year', OLD.year, 'output', OLD.output, 'added_value', OLD.added_value, 'revenue', OLD.revenue, 'rd_expense', OLD.rd_expense, 'employees', OLD.employees, 'rd_staff', OLD.rd_staff)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER annual_output_change_delete AFTER DELETE ON annual_output BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'annual_output', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'year', OLD.year, 'output', OLD.output, 'added_value', OLD.added_value, 'revenue', OLD.revenue, 'rd_expense', OLD.rd_expense, 'employees', OLD.employees, 'rd_staff', OLD.rd_staff)
    FROM change_group WHERE open = 1;
END;

-- setting
CREATE TRIGGER setting_change_insert AFTER INSERT ON setting BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'setting', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER setting_change_update AFTER UPDATE ON setting BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'setting', OLD.rowid,
        json_object('key', OLD.key, 'value', OLD.value)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER setting_change_delete AFTER DELETE ON setting BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'setting', OLD.rowid,
        json_object('key', OLD.key, 'value', OLD.value)
    FROM change_group WHERE open = 1;
END;

-- institution
CREATE TRIGGER institution_change_insert AFTER INSERT ON institution BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'institution', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER institution_change_update AFTER UPDATE ON institution BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'institution', OLD.rowid,
        json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'city', OLD.city)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER institution_change_delete AFTER DELETE ON institution BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'institution', OLD.rowid,
        json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind, 'city', OLD.city)
    FROM change_group WHERE open = 1;
END;

-- cooperation
CREATE TRIGGER cooperation_change_insert AFTER INSERT ON cooperation BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'cooperation', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER cooperation_change_update AFTER UPDATE ON cooperation BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'cooperation', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'institution_id', OLD.institution_id, 'programme', OLD.programme, 'started', OLD.started, 'ended', OLD.ended)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER cooperation_change_delete AFTER DELETE ON cooperation BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'cooperation', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'institution_id', OLD.institution_id, 'programme', OLD.programme, 'started', OLD.started, 'ended', OLD.ended)
    FROM change_group WHERE open = 1;
END;

-- coop_base
CREATE TRIGGER coop_base_change_insert AFTER INSERT ON coop_base BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'coop_base', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER coop_base_change_update AFTER UPDATE ON coop_base BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'coop_base', OLD.rowid,
        json_object('id', OLD.id, 'name', OLD.name, 'company_id', OLD.company_id, 'institution_id', OLD.institution_id, 'established', OLD.established)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER coop_base_change_delete AFTER DELETE ON coop_base BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'coop_base', OLD.rowid,
        json_object('id', OLD.id, 'name', OLD.name, 'company_id', OLD.company_id, 'institution_id', OLD.institution_id, 'established', OLD.established)
    FROM change_group WHERE open = 1;
END;

-- coop_outcome
CREATE TRIGGER coop_outcome_change_insert AFTER INSERT ON coop_outcome BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'coop_outcome', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER coop_outcome_change_update AFTER UPDATE ON coop_outcome BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'coop_outcome', OLD.rowid,
        json_object('id', OLD.id, 'cooperation_id', OLD.cooperation_id, 'kind', OLD.kind, 'title', OLD.title, 'year', OLD.year)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER coop_outcome_change_delete AFTER DELETE ON coop_outcome BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'coop_outcome', OLD.rowid,
        json_object('id', OLD.id, 'cooperation_id', OLD.cooperation_id, 'kind', OLD.kind, 'title', OLD.title, 'year', OLD.year)
    FROM change_group WHERE open = 1;
END;

-- incubator
CREATE TRIGGER incubator_change_insert AFTER INSERT ON incubator BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'incubator', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER incubator_change_update AFTER UPDATE ON incubator BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'incubator', OLD.rowid,
        json_object('id', OLD.id, 'name', OLD.name, 'level', OLD.level, 'address', OLD.address, 'area_m2', OLD.area_m2)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER incubator_change_delete AFTER DELETE ON incubator BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'incubator', OLD.rowid,
        json_object('id', OLD.id, 'name', OLD.name, 'level', OLD.level, 'address', OLD.address, 'area_m2', OLD.area_m2)
    FROM change_group WHERE open = 1;
END;

-- incubator_application
CREATE TRIGGER incubator_application_change_insert AFTER INSERT ON incubator_application BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'incubator_application', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER incubator_application_change_update AFTER UPDATE ON incubator_application BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'incubator_application', OLD.rowid,
        json_object('id', OLD.id, 'incubator_id', OLD.incubator_id, 'applicant_kind', OLD.applicant_kind, 'applicant', OLD.applicant, 'company_id', OLD.company_id, 'leader', OLD.leader, 'field', OLD.field, 'summary', OLD.summary, 'submitted', OLD.submitted, 'status', OLD.status, 'status_date', OLD.status_date)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER incubator_application_change_delete AFTER DELETE ON incubator_application BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'incubator_application', OLD.rowid,
        json_object('id', OLD.id, 'incubator_id', OLD.incubator_id, 'applicant_kind', OLD.applicant_kind, 'applicant', OLD.applicant, 'company_id', OLD.company_id, 'leader', OLD.leader, 'field', OLD.field, 'summary', OLD.summary, 'submitted', OLD.submitted, 'status', OLD.status, 'status_date', OLD.status_date)
    FROM change_group WHERE open = 1;
END;

-- incubator_application_history
CREATE TRIGGER incubator_application_history_change_insert AFTER INSERT ON incubator_application_history BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'incubator_application_history', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER incubator_application_history_change_update AFTER UPDATE ON incubator_application_history BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'incubator_application_history', OLD.rowid,
        json_object('id', OLD.id, 'application_id', OLD.application_id, 'day', OLD.day, 'from_status', OLD.from_status, 'to_status', OLD.to_status, 'note', OLD.note, 'operator', OLD.operator)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER incubator_application_history_change_delete AFTER DELETE ON incubator_application_history BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'incubator_application_history', OLD.rowid,
        json_object('id', OLD.id, 'application_id', OLD.application_id, 'day', OLD.day, 'from_status', OLD.from_status, 'to_status', OLD.to_status, 'note', OLD.note, 'operator', OLD.operator)
    FROM change_group WHERE open = 1;
END;

-- plan_application
CREATE TRIGGER plan_application_change_insert AFTER INSERT ON plan_application BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'plan_application', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER plan_application_change_update AFTER UPDATE ON plan_application BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'plan_application', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'level', OLD.level, 'plan', OLD.plan, 'title', OLD.title, 'year', OLD.year, 'requested', OLD.requested, 'granted', OLD.granted, 'status', OLD.status, 'status_date', OLD.status_date)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER plan_application_change_delete AFTER DELETE ON plan_application BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'plan_application', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'level', OLD.level, 'plan', OLD.plan, 'title', OLD.title, 'year', OLD.year, 'requested', OLD.requested, 'granted', OLD.granted, 'status', OLD.status, 'status_date', OLD.status_date)
    FROM change_group WHERE open = 1;
END;

-- plan_application_history
CREATE TRIGGER plan_application_history_change_insert AFTER INSERT ON plan_application_history BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'plan_application_history', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER plan_application_history_change_update AFTER UPDATE ON plan_application_history BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'plan_application_history', OLD.rowid,
        json_object('id', OLD.id, 'application_id', OLD.application_id, 'day', OLD.day, 'from_status', OLD.from_status, 'to_status', OLD.to_status, 'note', OLD.note, 'operator', OLD.operator)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER plan_application_history_change_delete AFTER DELETE ON plan_application_history BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'plan_application_history', OLD.rowid,
        json_object('id', OLD.id, 'application_id', OLD.application_id, 'day', OLD.day, 'from_status', OLD.from_status, 'to_status', OLD.to_status, 'note', OLD.note, 'operator', OLD.operator)
    FROM change_group WHERE open = 1;
END;

-- patent
CREATE TRIGGER patent_change_insert AFTER INSERT ON patent BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'patent', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER patent_change_update AFTER UPDATE ON patent BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'patent', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'app_no', OLD.app_no, 'kind', OLD.kind, 'title', OLD.title, 'filed', OLD.filed, 'granted', OLD.granted, 'legal_status', OLD.legal_status, 'status_date', OLD.status_date)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER patent_change_delete AFTER DELETE ON patent BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'patent', OLD.rowid,
        json_object('id', OLD.id, 'company_id', OLD.company_id, 'app_no', OLD.app_no, 'kind', OLD.kind, 'title', OLD.title, 'filed', OLD.filed, 'granted', OLD.granted, 'legal_status', OLD.legal_status, 'status_date', OLD.status_date)
    FROM change_group WHERE open = 1;
END;

-- park_project
CREATE TRIGGER park_project_change_insert AFTER INSERT ON park_project BEGIN
    INSERT INTO change (group_id, tbl, row_id) SELECT id, 'park_project', NEW.rowid FROM change_group WHERE open = 1;
END;
CREATE TRIGGER park_project_change_update AFTER UPDATE ON park_project BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'park_project', OLD.rowid,
        json_object('id', OLD.id, 'park_id', OLD.park_id, 'title', OLD.title, 'lead', OLD.lead, 'description', OLD.description, 'status', OLD.status, 'area_cmu', OLD.area_cmu, 'investment', OLD.investment)
    FROM change_group WHERE open = 1;
END;
CREATE TRIGGER park_project_change_delete AFTER DELETE ON park_project BEGIN
    INSERT INTO change (group_id, tbl, row_id, old) SELECT id, 'park_project', OLD.rowid,
        json_object('id', OLD.id, 'park_id', OLD.park_id, 'title', OLD.title, 'lead', OLD.lead, 'description', OLD.description, 'status', OLD.status, 'area_cmu', OLD.area_cmu, 'investment', OLD.investment)
    FROM change_group WHERE open = 1;
END;
