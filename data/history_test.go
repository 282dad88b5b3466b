package data

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// snapshot is every row of every tracked table, as JSON of all its columns, by table.
func snapshot(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	out := map[string][]string{}
	for name, tbl := range schemaFor(ctx, s.d, s.db) {
		rows, err := s.db.QueryContext(ctx, `SELECT `+tbl.rowJSON(s.d, "t")+` FROM `+name+` t ORDER BY `+s.d.RowID())
		require.NoError(t, err)
		for rows.Next() {
			var v string
			require.NoError(t, rows.Scan(&v))
			out[name] = append(out[name], v)
		}
		require.NoError(t, rows.Close())
	}
	return out
}

// assertForeignKeysHold checks that no row points at a record that is gone. A server enforces every foreign key
// at each statement, so only a SQLite file (whose check a connection could have switched off) is asked.
func assertForeignKeysHold(t *testing.T, s *Store) {
	t.Helper()
	if s.Server() {
		return
	}
	rows, err := s.db.QueryContext(context.Background(), `PRAGMA foreign_key_check`)
	require.NoError(t, err)
	defer rows.Close()
	assert.False(t, rows.Next(), "PRAGMA foreign_key_check finds rows pointing nowhere")
}

// lastGroup is the newest change group.
func lastGroup(t *testing.T, s *Store) int64 {
	t.Helper()
	var id int64
	require.NoError(t, s.db.QueryRow(`SELECT max(id) FROM change_group`).Scan(&id))
	return id
}

func undoErr(t *testing.T, err error) *Error {
	t.Helper()
	require.Error(t, err)
	e, ok := err.(*Error)
	require.True(t, ok, "a *data.Error, not %T: %v", err, err)
	return e
}

func TestChangeTriggersKeepEveryColumnOfEveryRecordTable(t *testing.T) {
	sqliteOnly(t) // SQLite's triggers; data/postgres's TestSchemasAgree holds the server's to them
	t.Parallel()
	s := openTestStore(t)
	untracked := map[string]bool{"audit_log": true, "import_log": true, "brief_register": true,
		"schema_migration": true, "change": true, "change_group": true,
		"company_gram": true, "gram_seq": true} // derived from company names by triggers (migration 0007)
	tracked := map[string]bool{}
	for _, name := range trackedTables {
		tracked[name] = true
	}
	rows, err := s.db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var name string
		require.NoError(t, rows.Scan(&name))
		tables = append(tables, name)
	}
	require.NoError(t, rows.Close())
	for _, name := range tables {
		assert.True(t, tracked[name] || untracked[name], "table %s: add it to trackedTables with its triggers, or to the untracked here", name)
	}
	schema := schemaOf(context.Background(), s.db)
	for _, name := range trackedTables {
		for _, op := range []string{"insert", "update", "delete"} {
			var body string
			require.NoError(t, s.db.QueryRow(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`,
				name+"_change_"+op).Scan(&body), "trigger %s_change_%s", name, op)
			assert.Contains(t, body, "'"+name+"'")
			if op == "insert" {
				continue
			}
			cols := regexp.MustCompile(`'(\w+)', OLD\.(\w+)`).FindAllStringSubmatch(body, -1)
			var got []string
			for _, c := range cols {
				if c[2] == "rowid" {
					continue
				}
				assert.Equal(t, c[1], c[2])
				got = append(got, c[1])
			}
			assert.Equal(t, schema[name].cols, got, "trigger %s_change_%s keeps every column in order", name, op)
		}
	}
}

func TestUndoImportPutsBackEveryRecordItTouched(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	before := snapshot(t, s)
	plan, err := s.PlanImport(ctx, aFile(t, s))
	require.NoError(t, err)
	res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "a.xlsx"})
	require.NoError(t, err)
	imported := snapshot(t, s)
	require.NotEqual(t, before, imported)

	require.NoError(t, s.UndoImport(ctx, res.ImportID))
	assert.Equal(t, before, snapshot(t, s), "every row as it was before the import")
	assertForeignKeysHold(t, s)

	// The undo is a change of its own: in the history, naming what it undid, and refusing a second undo.
	undo := lastGroup(t, s)
	h, err := s.History(ctx, HistoryFilter{Limit: 100})
	require.NoError(t, err)
	require.NotEmpty(t, h)
	assert.Equal(t, undo, h[0].Group)
	assert.NotZero(t, h[0].UndoOf)
	imp, err := s.History(ctx, HistoryFilter{ImportID: res.ImportID})
	require.NoError(t, err)
	require.Len(t, imp, 7)
	for _, e := range imp {
		assert.Equal(t, undo, e.UndoneBy, "%s %d is marked undone", e.Entity, e.EntityID)
	}
	assert.Equal(t, "err.undo.already", undoErr(t, s.UndoImport(ctx, res.ImportID)).Key)

	// Undoing the undo brings the import back, ids and all.
	require.NoError(t, s.Undo(ctx, undo))
	assert.Equal(t, imported, snapshot(t, s))
	assertForeignKeysHold(t, s)
}

func TestUndoOfAnImportOfManyRecordsIsExact(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	apply := func(scale int) ImportResult {
		plan, err := s.PlanImport(ctx, importRowsOf(200, 5, scale))
		require.NoError(t, err)
		res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "many.xlsx"})
		require.NoError(t, err)
		return res
	}
	apply(1)
	first := snapshot(t, s)
	res := apply(2)
	require.Equal(t, 1000, res.Changed)
	require.NoError(t, s.UndoImport(ctx, res.ImportID))
	assert.Equal(t, first, snapshot(t, s))
}

func TestUndoIsRefusedWhileALaterChangeTouchesTheRecord(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	created := lastGroup(t, s)

	s.SetOperator("李四")
	c.Name = "大连改名科技有限公司"
	require.NoError(t, s.UpdateCompany(ctx, &c))
	renamed := lastGroup(t, s)

	e := undoErr(t, s.Undo(ctx, created))
	assert.Equal(t, Conflict, e.Code)
	assert.Equal(t, "err.undo.blocked", e.Key)
	assert.Equal(t, "李四", e.Args["Operator"])
	assert.Equal(t, renamed, e.Args["Group"])
	assert.Equal(t, "update", e.Args["Action"])
	assert.Equal(t, "company", e.Args["Entity"])
	assert.Equal(t, "大连改名科技有限公司", e.Args["Record"])
	assert.Contains(t, e.Message, "李四")
	_, err := s.CompanyByUSCC(ctx, c.USCC)
	require.NoError(t, err, "nothing was undone")

	require.NoError(t, s.Undo(ctx, renamed))
	got, err := s.CompanyByUSCC(ctx, c.USCC)
	require.NoError(t, err)
	assert.Equal(t, "大连测试科技有限公司", got.Name)

	require.NoError(t, s.Undo(ctx, created), "allowed once the later change is undone")
	_, err = s.CompanyByUSCC(ctx, c.USCC)
	assert.Equal(t, NotFound, ErrorCode(err))
}

func TestUndoOfADeleteBringsBackTheRecordAndWhatWentWithIt(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	// The sample company with the most records pointing at it.
	var id int64
	require.NoError(t, s.db.QueryRow(`SELECT c.id FROM company c ORDER BY
		(SELECT count(*) FROM annual_output o WHERE o.company_id = c.id) +
		(SELECT count(*) FROM patent p WHERE p.company_id = c.id) +
		(SELECT count(*) FROM cooperation k WHERE k.company_id = c.id) +
		(SELECT count(*) FROM incubator_application a WHERE a.company_id = c.id) DESC LIMIT 1`).Scan(&id))
	before := snapshot(t, s)
	require.NoError(t, s.DeleteCompany(ctx, id))
	after := snapshot(t, s)
	require.Less(t, len(after["annual_output"]), len(before["annual_output"]), "the outputs went with the company")
	require.Less(t, len(after["patent"])+len(after["cooperation"]), len(before["patent"])+len(before["cooperation"]))

	h, err := s.History(ctx, HistoryFilter{Entity: "company", EntityID: id})
	require.NoError(t, err)
	require.Equal(t, "delete", h[0].Action)
	require.NoError(t, s.Undo(ctx, h[0].Group))
	assert.Equal(t, before, snapshot(t, s))
	assertForeignKeysHold(t, s)
}

func TestUndoRefusesToTakeAwayARecordALaterChangeBuiltOn(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	plan, err := s.PlanImport(ctx, importRowsOf(1, 0, 1))
	require.NoError(t, err)
	res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "one.xlsx"})
	require.NoError(t, err)
	h, err := s.History(ctx, HistoryFilter{ImportID: res.ImportID})
	require.NoError(t, err)
	require.Len(t, h, 1)
	company := h[0].EntityID

	// A later output would go with the company (ON DELETE CASCADE): refused, naming it.
	s.SetOperator("王五")
	o := AnnualOutput{CompanyID: company, Year: 2025, Output: 1000, AddedValue: 100}
	require.NoError(t, s.CreateOutput(ctx, &o))
	e := undoErr(t, s.UndoImport(ctx, res.ImportID))
	assert.Equal(t, "err.undo.blocked", e.Key)
	assert.Equal(t, "annual_output", e.Args["Entity"])
	assert.Equal(t, "王五", e.Args["Operator"])
	require.NoError(t, s.Undo(ctx, lastGroup(t, s)))

	// A later patent would point at nothing (no cascade): refused, naming it.
	p := Patent{CompanyID: company, AppNo: "201710601862.3", Title: "一种海水净化装置", Filed: time.Date(2017, 5, 2, 0, 0, 0, 0, time.UTC),
		LegalStatus: "pending", StatusDate: time.Date(2017, 5, 2, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, s.CreatePatent(ctx, &p))
	e = undoErr(t, s.UndoImport(ctx, res.ImportID))
	assert.Equal(t, "err.undo.blocked", e.Key)
	assert.Equal(t, "patent", e.Args["Entity"])
	assert.Equal(t, "create", e.Args["Action"])

	require.NoError(t, s.DeletePatent(ctx, p.ID))
	require.NoError(t, s.UndoImport(ctx, res.ImportID), "the patent is gone: nothing stands in the way")
	assertForeignKeysHold(t, s)
}

func TestUndoOfAWorkflowStepTakesBackItsHistory(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	apps, err := s.PlanApplications(ctx, PlanApplicationFilter{})
	require.NoError(t, err)
	var app PlanApplication
	for _, a := range apps {
		if a.Status == "draft" {
			app = a
			break
		}
	}
	if app.ID == 0 {
		app = PlanApplication{CompanyID: 1, Level: "district", Plan: "科技创新", Title: "测试项目", Year: 2025}
		require.NoError(t, s.CreatePlanApplication(ctx, &app))
	}
	before := snapshot(t, s)
	require.NoError(t, s.MovePlanApplication(ctx, app.ID, "submitted", app.StatusDate.AddDate(0, 0, 1), "交区科技局"))
	require.NotEqual(t, before, snapshot(t, s))
	require.NoError(t, s.Undo(ctx, lastGroup(t, s)))
	assert.Equal(t, before, snapshot(t, s))
}

func TestHistoryFiltersAndPages(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return clock }
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	clock = clock.AddDate(0, 0, 1)
	s.SetOperator("李四")
	c.Name, c.Phone = "大连改名科技有限公司", "0411-1234567"
	require.NoError(t, s.UpdateCompany(ctx, &c))
	clock = clock.AddDate(0, 0, 1)
	plan, err := s.PlanImport(ctx, importRowsOf(3, 1, 1))
	require.NoError(t, err)
	res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "three.xlsx"})
	require.NoError(t, err)

	count := func(f HistoryFilter) int {
		n, err := s.HistoryCount(ctx, f)
		require.NoError(t, err)
		h, err := s.History(ctx, f)
		require.NoError(t, err)
		assert.Len(t, h, n, "History and HistoryCount agree on %+v", f)
		return n
	}
	assert.Equal(t, 8, count(HistoryFilter{}))
	assert.Equal(t, 2, count(HistoryFilter{Entity: "company", EntityID: c.ID}))
	assert.Equal(t, 5, count(HistoryFilter{Entity: "company"}))
	assert.Equal(t, 3, count(HistoryFilter{Entity: "annual_output"}))
	assert.Equal(t, 1, count(HistoryFilter{Operator: "tester"}))
	assert.Equal(t, 7, count(HistoryFilter{Operator: "李四"}))
	assert.Equal(t, 6, count(HistoryFilter{ImportID: res.ImportID}))
	day2 := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, 1, count(HistoryFilter{From: day2, To: day2.AddDate(0, 0, 1)}))
	assert.Equal(t, 7, count(HistoryFilter{From: day2}))
	assert.Equal(t, 1, count(HistoryFilter{To: day2}))
	assert.Equal(t, 1, count(HistoryFilter{From: clock.AddDate(0, 0, -1), To: clock.AddDate(0, 0, -1).Add(time.Second)}),
		"a change at the very second of From is in, one at To is out")

	page, err := s.History(ctx, HistoryFilter{Limit: 3, Offset: 5})
	require.NoError(t, err)
	require.Len(t, page, 3)
	all, err := s.History(ctx, HistoryFilter{})
	require.NoError(t, err)
	assert.Equal(t, all[5:], page, "newest first, paged")
	assert.True(t, all[0].ID > all[1].ID)

	mine, err := s.History(ctx, HistoryFilter{Entity: "company", EntityID: c.ID})
	require.NoError(t, err)
	upd := mine[0]
	assert.Equal(t, "update", upd.Action)
	assert.Equal(t, "李四", upd.Operator)
	assert.Equal(t, clock.AddDate(0, 0, -1), upd.At)
	assert.Equal(t, "大连改名科技有限公司", upd.Label)
	assert.Equal(t, []HistoryField{{Field: "name", Old: "大连测试科技有限公司", New: "大连改名科技有限公司"},
		{Field: "phone", Old: "", New: "0411-1234567"}}, upd.Changes)
	created := mine[1]
	assert.Equal(t, "create", created.Action)
	assert.Contains(t, created.Changes, HistoryField{Field: "uscc", New: "91350100M000100Y43"})
	assert.Contains(t, created.Changes, HistoryField{Field: "name", New: "大连测试科技有限公司"},
		"a creation shows the values it wrote, not those of today")
	assert.True(t, created.Undoable())
}

func TestSettingsChangesAreListedByKeyAndUndone(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	b, err := s.BriefSettings(ctx)
	require.NoError(t, err)
	before := snapshot(t, s)
	b.IssuingUnit = "旅顺口区科学技术局办公室"
	require.NoError(t, s.SetBriefSettings(ctx, b))
	h, err := s.History(ctx, HistoryFilter{Entity: "setting", Limit: 1})
	require.NoError(t, err)
	require.Len(t, h, 1)
	var unit *HistoryField
	for i, c := range h[0].Changes {
		if strings.Contains(c.Field, "issuing") {
			unit = &h[0].Changes[i]
		}
	}
	require.NotNil(t, unit, "%+v", h[0].Changes)
	assert.Equal(t, "旅顺口区科学技术局办公室", unit.New)
	require.NoError(t, s.Undo(ctx, h[0].Group))
	assert.Equal(t, before, snapshot(t, s))
}

func TestChangesOutsideTheStoresTransactionsAreNotTakenForAGroup(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM change`).Scan(&n))
	_, err := s.db.Exec(`UPDATE company SET phone = '1' WHERE id = ?`, c.ID)
	require.NoError(t, err)
	var after, open int
	require.NoError(t, s.db.QueryRow(`SELECT count(*), (SELECT count(*) FROM change_group WHERE open = 1) FROM change`).Scan(&after, &open))
	assert.Equal(t, n, after)
	assert.Zero(t, open, "no group is left open")
	assert.Equal(t, NotFound, ErrorCode(s.Undo(ctx, 999)))
	assert.Equal(t, NotFound, ErrorCode(s.UndoImport(ctx, 999)))
}

func TestUndoNamesTheRecordThatTookAUniqueValueOrTheLinkThatWentAway(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	x := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &x))
	y := newCompany()
	y.USCC, y.Name = "91110000600037341L", "大连其他科技有限公司"
	require.NoError(t, s.CreateCompany(ctx, &y))
	p := Patent{CompanyID: y.ID, AppNo: "201710601862.3", Title: "一种海水净化装置", Filed: time.Date(2017, 5, 2, 0, 0, 0, 0, time.UTC),
		LegalStatus: "pending", StatusDate: time.Date(2017, 5, 2, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, s.CreatePatent(ctx, &p))

	// x is deleted, and a new company takes its code: x cannot come back while that one holds it.
	require.NoError(t, s.DeleteCompany(ctx, x.ID))
	deleted := lastGroup(t, s)
	s.SetOperator("王五")
	z := newCompany()
	z.Name = "大连新来科技有限公司"
	require.NoError(t, s.CreateCompany(ctx, &z))
	require.NotEqual(t, x.ID, z.ID)
	e := undoErr(t, s.Undo(ctx, deleted))
	assert.Equal(t, "err.undo.blocked", e.Key)
	assert.Equal(t, "大连新来科技有限公司", e.Args["Record"])
	assert.Equal(t, "王五", e.Args["Operator"])

	// The patent is deleted, then its company: the patent cannot come back without it.
	require.NoError(t, s.DeletePatent(ctx, p.ID))
	patentGone := lastGroup(t, s)
	require.NoError(t, s.DeleteCompany(ctx, y.ID))
	companyGone := lastGroup(t, s)
	e = undoErr(t, s.Undo(ctx, patentGone))
	assert.Equal(t, "err.undo.blocked", e.Key)
	assert.Equal(t, "company", e.Args["Entity"])
	assert.Equal(t, "delete", e.Args["Action"])
	assert.Equal(t, companyGone, e.Args["Group"])
	require.NoError(t, s.Undo(ctx, companyGone))
	require.NoError(t, s.Undo(ctx, patentGone))
	got, err := s.Patent(ctx, p.ID)
	require.NoError(t, err)
	assert.Equal(t, p.Title, got.Title)
	assertForeignKeysHold(t, s)
}

func TestAChangeUndoneAndBroughtBackIsInForceAgain(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	created := lastGroup(t, s)
	require.NoError(t, s.Undo(ctx, created))
	undo := lastGroup(t, s)
	h, err := s.History(ctx, HistoryFilter{Entity: "company", EntityID: c.ID})
	require.NoError(t, err)
	require.Len(t, h, 2)
	assert.Equal(t, undo, h[1].UndoneBy)
	require.NoError(t, s.Undo(ctx, undo))
	h, err = s.History(ctx, HistoryFilter{Entity: "company", EntityID: c.ID})
	require.NoError(t, err)
	require.Len(t, h, 3)
	assert.Zero(t, h[2].UndoneBy, "the creation stands again")
	assert.NotZero(t, h[1].UndoneBy, "the undo is undone")
	_, err = s.CompanyByUSCC(ctx, c.USCC)
	assert.NoError(t, err)
}
