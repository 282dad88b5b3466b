package data

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// importRow builds a row as the reader gives it: field, value pairs in column order A, B, C…
func importRow(kind string, row int, kv ...string) ImportRow {
	var fields []string
	values := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		fields = append(fields, kv[i])
		values[kv[i]] = kv[i+1]
	}
	return NewImportRow("t.xlsx", "sheet-"+kind, kind, row, NewImportLayout(fields...), values)
}

// withValues is the row with some values replaced (field, value pairs), or with a column left out of the sheet
// (field, nil).
func withValues(r ImportRow, changes map[string]*string) ImportRow {
	values := r.Map()
	var fields []string
	for _, f := range r.Layout.Fields {
		v, change := changes[f]
		switch {
		case !change:
			fields = append(fields, f)
		case v != nil:
			fields, values[f] = append(fields, f), *v
		}
	}
	return NewImportRow(r.File, r.Sheet, r.Kind, r.Row, NewImportLayout(fields...), values)
}

// refuse is the row as the reader gives it when it refused the field's cell: the column is there, the value not.
func refuse(r ImportRow, field string) ImportRow {
	values := r.Map()
	delete(values, field)
	return NewImportRow(r.File, r.Sheet, r.Kind, r.Row, r.Layout, values)
}

func val(r ImportRow, field string) string {
	v, _ := r.Value(field)
	return v
}

// exportRows reads a kind through Export and turns each row into the canonical values the reader would give
// for the exported workbook.
func exportRows(t *testing.T, s *Store, kind string) []ImportRow {
	t.Helper()
	tbl, err := s.Export(context.Background(), kind)
	require.NoError(t, err)
	cols, _ := ExportColumns(kind)
	sheet, ok := ExchangeSheetOf(kind)
	require.True(t, ok)
	types := map[string]string{}
	for _, f := range sheet.Fields {
		types[f.Key] = f.Type
	}
	var rows []ImportRow
	for i, rec := range tbl.Rows {
		var kv []string
		for j, v := range rec {
			field := strings.TrimPrefix(cols[j].Key, "col.")
			switch types[field] {
			case ExWan, ExSignedWan:
				if v == "" { // a figure not recorded exports as an empty cell, which the reader gives as ""
					break
				}
				digits, neg := strings.CutPrefix(v, "-") // net assets may be negative
				y, err := ParseWan(digits)
				require.NoError(t, err)
				if neg {
					y = -y
				}
				v = strconv.FormatInt(int64(y), 10)
			case ExBool:
				v = map[string]string{"是": "1", "否": "0"}[v]
			}
			kv = append(kv, field, v)
		}
		rows = append(rows, importRow(kind, i+2, kv...))
	}
	return rows
}

func issueKeys(plan ImportPlan) []string {
	var out []string
	for _, is := range plan.Issues {
		out = append(out, is.Field+":"+is.Err.(*Error).Key)
	}
	return out
}

func TestImportOfAnUnchangedExportChangesNothing(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	for _, kind := range importKindOrder {
		t.Run(kind, func(t *testing.T) {
			rows := exportRows(t, s, kind)
			require.NotEmpty(t, rows)
			plan, err := s.PlanImport(ctx, rows)
			require.NoError(t, err)
			assert.Empty(t, plan.Issues)
			assert.Empty(t, plan.Warnings)
			assert.Empty(t, plan.New)
			assert.Empty(t, plan.Changed)
			assert.Equal(t, len(rows), plan.Unchanged)
			assert.Equal(t, ImportCount{Unchanged: len(rows)}, plan.Counts()[kind])
		})
	}
}

func TestImportPlanShowsNewChangedAndUnchanged(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	rows := exportRows(t, s, "outputs")
	haibao := sampleUSCC(0)
	var changedRow int
	for i := range rows {
		rows[i] = withValues(rows[i], map[string]*string{"revenue": nil}) // a sheet without the column leaves the field alone
		if val(rows[i], "uscc") == haibao && val(rows[i], "year") == "2025" {
			out := "452739000" // 45272.90 → 45273.90 万元
			rows[i] = withValues(rows[i], map[string]*string{"output": &out})
			changedRow = rows[i].Row
		}
	}
	require.NotZero(t, changedRow)
	rows = append(rows,
		importRow("companies", 2, "uscc", "91110000600037341L", "name", "北京外区科技有限公司", "field", "electronics"),
		importRow("outputs", 200, "uscc", "91110000600037341l", "year", "2025", "output", "10000000", "added_value", "2500000"))

	plan, err := s.PlanImport(ctx, rows)
	require.NoError(t, err)
	require.Empty(t, plan.Issues, "a company of another district is allowed")
	assert.Equal(t, len(rows)-3, plan.Unchanged)
	require.Len(t, plan.Changed, 1)
	ch := plan.Changed[0]
	assert.Equal(t, "outputs", ch.Kind)
	assert.Equal(t, haibao+" 2025", ch.Key)
	assert.Equal(t, "大连海宝渔业有限公司", ch.Label)
	assert.Equal(t, changedRow, ch.Row)
	assert.Equal(t, []FieldChange{{Field: "output", Old: "45272.90", New: "45273.90"}}, ch.Fields)

	require.Len(t, plan.New, 2)
	assert.Equal(t, "companies", plan.New[0].Kind)
	assert.Equal(t, "91110000600037341L", plan.New[0].Key)
	assert.Contains(t, plan.New[0].Values(), FieldChange{Field: "name", New: "北京外区科技有限公司"})
	assert.Contains(t, plan.New[0].Values(), FieldChange{Field: "field", New: "electronics", Codes: "field."})
	assert.Equal(t, "outputs", plan.New[1].Kind)
	assert.Equal(t, "北京外区科技有限公司", plan.New[1].Label)
	assert.Contains(t, plan.New[1].Values(), FieldChange{Field: "output", New: "1000.00"})
	assert.Equal(t, ImportCount{New: 1, Changed: 1, Unchanged: len(rows) - 3}, plan.Counts()["outputs"])
}

func TestImportIdenticalRowsAreUnchangedButConflictingRowsAreIssues(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	uscc := sampleUSCC(1)
	row := func(n int, output string) ImportRow {
		return importRow("outputs", n, "uscc", uscc, "year", "2023", "output", output, "added_value", "1000")
	}
	plan, err := s.PlanImport(context.Background(), []ImportRow{row(2, "5000"), row(3, "5000")})
	require.NoError(t, err)
	assert.Empty(t, plan.Issues)
	assert.Len(t, plan.New, 1)
	assert.Equal(t, 1, plan.Unchanged)

	plan, err = s.PlanImport(context.Background(), []ImportRow{row(2, "5000"), row(3, "6000")})
	require.NoError(t, err)
	require.Len(t, plan.Issues, 1)
	is := plan.Issues[0]
	assert.Equal(t, 3, is.Row)
	assert.Equal(t, "B3", is.Cell)
	assert.Equal(t, "year", is.Field)
	assert.Equal(t, "err.apply.duplicate", is.Err.(*Error).Key)
	assert.Equal(t, 2, is.Err.(*Error).Args["Row"])
}

func TestImportRefusesBadInputOnItsCell(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	next := strconv.Itoa(s.now().Year() + 1)
	co := sampleUSCC(0)
	coops, err := s.Cooperations(context.Background(), CooperationFilter{Limit: 1})
	require.NoError(t, err)
	coop := coops[0]
	coopUSCC := sampleUSCC(coopIndex(t, s, coop.CompanyID))
	cases := []struct {
		name  string
		row   ImportRow
		field string
		key   string
	}{
		{"USCC check character", importRow("companies", 5, "uscc", "91350100M000100Y44", "name", "某公司", "field", "electronics"),
			"uscc", "err.uscc.check"},
		{"unknown park", importRow("companies", 5, "uscc", "91350100M000100Y43", "name", "某公司", "field", "electronics", "park", "火星园区"),
			"park", "err.park.unknown"},
		{"added value above output", importRow("outputs", 6, "uscc", co, "year", "2023", "output", "100", "added_value", "200"),
			"added_value", "err.added_value.exceeds"},
		{"year in the future", importRow("outputs", 7, "uscc", co, "year", next, "output", "100", "added_value", "50"),
			"year", "err.apply.year.future"},
		{"negative amount", importRow("outputs", 8, "uscc", co, "year", "2023", "output", "100", "added_value", "50", "revenue", "-5"),
			"revenue", "err.amount.negative"},
		{"required amount missing", importRow("outputs", 8, "uscc", co, "year", "2023", "output", "100"),
			"added_value", "err.required"},
		{"company not registered", importRow("outputs", 9, "uscc", "91350100M000100Y43", "year", "2023", "output", "100", "added_value", "50"),
			"uscc", "err.apply.company.unregistered"},
		{"patent number check digit", importRow("patents", 3, "app_no", "201710601862.4", "title", "一种装置", "uscc", co,
			"filed", "2017-05-02", "legal_status", "pending"), "app_no", "err.patent.app_no.check"},
		{"grant before filing", importRow("patents", 4, "app_no", "201710601862.3", "title", "一种装置", "uscc", co,
			"filed", "2017-05-02", "granted", "2017-01-02", "legal_status", "granted"), "granted", "err.patent.granted.before_filed"},
		{"end before start", importRow("cooperations", 5, "uscc", co, "institution", "大连理工大学", "started", "2024-03-01",
			"ended", "2023-03-01"), "ended", "err.coop.ended_before"},
		{"outcome without its cooperation", importRow("outcomes", 6, "uscc", co, "institution", "大连理工大学", "started", "1999-03-01",
			"outcome_kind", "project", "title", "某项目", "year", "2024"), "started", "err.apply.coop.unknown"},
		{"outcome in the future", importRow("outcomes", 7, "uscc", coopUSCC, "institution", coop.InstitutionName,
			"started", FormatDate(coop.Started), "outcome_kind", "project", "title", "某项目", "year", next), "year", "err.apply.year.future"},
		{"outcome kind", importRow("outcomes", 7, "uscc", coopUSCC, "institution", coop.InstitutionName,
			"started", FormatDate(coop.Started), "outcome_kind", "paper", "title", "某项目", "year", "2024"), "outcome_kind", "err.coop.outcome_kind"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := s.PlanImport(context.Background(), []ImportRow{tc.row})
			require.NoError(t, err)
			require.NotEmpty(t, plan.Issues)
			assert.Contains(t, issueKeys(plan), tc.field+":"+tc.key)
			for _, is := range plan.Issues {
				if is.Field != tc.field {
					continue
				}
				assert.Equal(t, "t.xlsx", is.File)
				assert.Equal(t, tc.row.Sheet, is.Sheet)
				assert.Equal(t, tc.row.Row, is.Row)
				assert.Equal(t, tc.row.Cell(tc.field), is.Cell)
				assert.Equal(t, Invalid, ErrorCode(is.Err))
			}
			assert.Empty(t, plan.New)
			assert.Empty(t, plan.Changed)
			_, err = s.ApplyImport(context.Background(), plan, ImportMeta{FileName: "t.xlsx"})
			assert.Equal(t, Invalid, ErrorCode(err), "a plan with issues is never written")
		})
	}
}

func coopIndex(t *testing.T, s *Store, companyID int64) int {
	c, err := s.Company(context.Background(), companyID)
	require.NoError(t, err)
	for i := range sampleCompanies {
		if sampleUSCC(i) == c.USCC {
			return i
		}
	}
	t.Fatal("not a sample company")
	return 0
}

// aFile is a workbook's worth of rows touching every kind: a new company with its output, patent,
// cooperation with a new institution and outcome, and a changed output of a sample company.
func aFile(t *testing.T, s *Store) []ImportRow {
	co := "91110000600037341L"
	return []ImportRow{
		importRow("companies", 2, "uscc", co, "name", "北京外区科技有限公司", "field", "electronics", "park", "现代海洋产业园",
			"founded", "2019-04-01", "above_scale", "1"),
		importRow("outputs", 2, "uscc", co, "year", "2025", "output", "10000000", "added_value", "2500000", "employees", "40", "rd_staff", "8"),
		importRow("outputs", 3, "uscc", sampleUSCC(0), "year", "2025", "output", "452739000"),
		importRow("patents", 2, "app_no", "ZL 2017 1060 1862.3", "title", "一种海水净化装置", "uscc", co, "filed", "2017-05-02",
			"granted", "2019-01-08", "legal_status", "granted"),
		importRow("cooperations", 2, "uscc", co, "institution", "中国科学院大连化学物理研究所二部", "programme", "万名院士助创行动",
			"started", "2024-03-01"),
		importRow("outcomes", 2, "uscc", co, "institution", "中国科学院大连化学物理研究所二部", "started", "2024-03-01",
			"outcome_kind", "product", "title", "氢能样机", "year", "2025"),
	}
}

func TestImportApplyWritesEverythingOnceWithAuditRows(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	auditBefore := auditCount(t, s)
	plan, err := s.PlanImport(ctx, aFile(t, s))
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	kinds := func(list []ImportChange) (out []string) {
		for _, c := range list {
			out = append(out, c.Kind)
		}
		return out
	}
	assert.Equal(t, []string{"companies", "outputs", "patents", "institutions", "cooperations", "outcomes"}, kinds(plan.New))
	assert.Equal(t, []string{"outputs"}, kinds(plan.Changed))
	assert.Contains(t, plan.New[3].Values(), FieldChange{Field: "inst_kind", New: "institute", Codes: "inst.kind."})

	res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "a.xlsx", Checksum: "abc", Sheets: []string{"企业", "年度产值"}})
	require.NoError(t, err)
	assert.Equal(t, ImportResult{ImportID: res.ImportID, New: 6, Changed: 1}, res)
	assert.Equal(t, auditBefore+7, auditCount(t, s), "one audit row per record")

	c, err := s.CompanyByUSCC(ctx, "91110000600037341L")
	require.NoError(t, err)
	assert.Equal(t, "现代海洋产业园", c.ParkName)
	assert.True(t, c.AboveScale)
	outs, err := s.Outputs(ctx, c.ID)
	require.NoError(t, err)
	require.Len(t, outs, 1)
	assert.Equal(t, Yuan(10000000), outs[0].Output)
	assert.Equal(t, 40, outs[0].Employees)
	haibao, err := s.CompanyByUSCC(ctx, sampleUSCC(0))
	require.NoError(t, err)
	outs, err = s.Outputs(ctx, haibao.ID)
	require.NoError(t, err)
	assert.Equal(t, Yuan(452739000), outs[0].Output)
	assert.Equal(t, 2025, outs[0].Year)
	assert.NotZero(t, outs[0].Revenue, "fields the sheet lacks keep their value")
	patents, err := s.Patents(ctx, PatentFilter{CompanyID: c.ID})
	require.NoError(t, err)
	require.Len(t, patents, 1)
	assert.Equal(t, "201710601862.3", patents[0].AppNo)
	assert.Equal(t, PatentInvention, patents[0].Kind)
	assert.Equal(t, "2019-01-08", FormatDate(patents[0].StatusDate))
	outcomes, err := s.CoopOutcomes(ctx, CoopOutcomeFilter{CompanyID: c.ID})
	require.NoError(t, err)
	require.Len(t, outcomes, 1)
	assert.Equal(t, "中国科学院大连化学物理研究所二部", outcomes[0].InstitutionName)

	hist, err := s.ImportHistory(ctx, 10)
	require.NoError(t, err)
	require.Len(t, hist, 1)
	assert.Equal(t, "a.xlsx", hist[0].FileName)
	assert.Equal(t, "abc", hist[0].Checksum)
	assert.Equal(t, "tester", hist[0].Operator)
	assert.Equal(t, []string{"企业", "年度产值"}, hist[0].Sheets)
	assert.Equal(t, [3]int{6, 1, 0}, [3]int{hist[0].New, hist[0].Changed, hist[0].Unchanged})
	changes, err := s.ImportChanges(ctx, res.ImportID)
	require.NoError(t, err)
	require.Len(t, changes, 7)
	assert.Equal(t, ImportLogChange{Entity: "company", EntityID: c.ID, Action: "create", Name: "北京外区科技有限公司"}, changes[0])
	var names []string
	for _, ch := range changes {
		names = append(names, ch.Entity+" "+ch.Action+" "+ch.Name)
	}
	assert.Contains(t, names, "annual_output update 大连海宝渔业有限公司 2025")
	assert.Contains(t, names, "patent create 201710601862.3 一种海水净化装置")
	assert.Contains(t, names, "institution create 中国科学院大连化学物理研究所二部")
	assert.Contains(t, names, "coop_outcome create 氢能样机 2025")

	// The same file again: nothing to do, nothing written, and the import is still logged.
	again, err := s.PlanImport(ctx, aFile(t, s))
	require.NoError(t, err)
	assert.Empty(t, again.Issues)
	assert.Empty(t, again.New)
	assert.Empty(t, again.Changed)
	assert.Equal(t, 6, again.Unchanged)
	res, err = s.ApplyImport(ctx, again, ImportMeta{FileName: "a.xlsx", Checksum: "abc"})
	require.NoError(t, err)
	assert.Equal(t, ImportResult{ImportID: res.ImportID, Unchanged: 6}, res)
	assert.Equal(t, auditBefore+7, auditCount(t, s))
	hist, err = s.ImportHistory(ctx, 0)
	require.NoError(t, err)
	require.Len(t, hist, 2)
	assert.Equal(t, [3]int{0, 0, 6}, [3]int{hist[0].New, hist[0].Changed, hist[0].Unchanged})
	changes, err = s.ImportChanges(ctx, res.ImportID)
	require.NoError(t, err)
	assert.Empty(t, changes)
}

// tableCounts counts the rows of every table an import writes.
func tableCounts(t *testing.T, s *Store) map[string]int {
	out := map[string]int{}
	for _, table := range []string{"company", "institution", "annual_output", "patent", "cooperation", "coop_outcome", "audit_log", "import_log"} {
		var n int
		require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM `+table).Scan(&n))
		out[table] = n
	}
	return out
}

func TestImportApplyIsAllOrNothing(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	plan, err := s.PlanImport(ctx, aFile(t, s))
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	before := tableCounts(t, s)
	// Break the last record in a way only the database notices (its CHECK on the outcome kind), after the
	// company, the output, the patent and the cooperation have been written in the transaction.
	last := plan.New[len(plan.New)-1]
	require.Equal(t, "outcomes", last.Kind)
	last.item.outcome.Kind = "paper"
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "a.xlsx"})
	require.Error(t, err)
	assert.Equal(t, before, tableCounts(t, s), "nothing was written")
	_, err = s.CompanyByUSCC(ctx, "91110000600037341L")
	assert.Equal(t, NotFound, ErrorCode(err))
}

func TestImportApplyRefusesAStalePlan(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	rows := aFile(t, s)

	plan, err := s.PlanImport(ctx, rows)
	require.NoError(t, err)
	haibao, err := s.CompanyByUSCC(ctx, sampleUSCC(0))
	require.NoError(t, err)
	outs, err := s.Outputs(ctx, haibao.ID)
	require.NoError(t, err)
	o := outs[0]
	o.Employees++
	require.NoError(t, s.UpdateOutput(ctx, &o), "a clerk edits the row after the preview")
	before := tableCounts(t, s)
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "a.xlsx"})
	assert.Equal(t, Conflict, ErrorCode(err))
	assert.Equal(t, "err.apply.stale", err.(*Error).Key)
	assert.Equal(t, before, tableCounts(t, s))

	plan, err = s.PlanImport(ctx, rows)
	require.NoError(t, err)
	require.NoError(t, s.CreateInstitution(ctx, &Institution{Name: "中国科学院大连化学物理研究所二部", Kind: "other"}),
		"a record the plan creates appears meanwhile")
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "a.xlsx"})
	assert.Equal(t, Conflict, ErrorCode(err))

	plan, err = s.PlanImport(ctx, rows)
	require.NoError(t, err)
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "a.xlsx"})
	require.NoError(t, err, "a fresh preview goes through")
}

func TestImportEmptyCellsClearAndAbsentColumnsKeep(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	uscc := sampleUSCC(0)
	before, err := s.CompanyByUSCC(ctx, uscc)
	require.NoError(t, err)
	require.NotEmpty(t, before.Phone)
	plan, err := s.PlanImport(ctx, []ImportRow{importRow("companies", 2, "uscc", strings.ToLower(uscc), "phone", "", "legal_rep", "新法人")})
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	require.Len(t, plan.Changed, 1)
	assert.Equal(t, []FieldChange{{Field: "legal_rep", Old: before.LegalRep, New: "新法人"}, {Field: "phone", Old: before.Phone}},
		plan.Changed[0].Fields)
	_, err = s.ApplyImport(ctx, plan, ImportMeta{FileName: "x.xlsx"})
	require.NoError(t, err)
	after, err := s.CompanyByUSCC(ctx, uscc)
	require.NoError(t, err)
	assert.Equal(t, "", after.Phone)
	assert.Equal(t, before.Address, after.Address)
	assert.Equal(t, before.CertIssued, after.CertIssued)
	entries, err := s.AuditLog(ctx, "company", after.ID)
	require.NoError(t, err)
	assert.Equal(t, "update", entries[0].Action)
	assert.Contains(t, entries[0].Before, before.Phone)

	plan, err = s.PlanImport(ctx, []ImportRow{importRow("companies", 2, "uscc", uscc, "name", "")})
	require.NoError(t, err)
	assert.Equal(t, []string{"name:err.required"}, issueKeys(plan), "a required field cannot be emptied")
}

func TestGuessInstitutionKind(t *testing.T) {
	t.Parallel()
	for name, kind := range map[string]string{
		"大连理工大学": "university", "大连海洋大学": "university", "辽宁师范学院": "university", "Dalian University of Technology": "university",
		"中国科学院大连化学物理研究所": "institute", "大连市农业科学研究院": "institute", "国家海洋环境监测中心": "other",
		"辽宁省海洋研究中心": "institute", "Chinese Academy of Sciences": "institute", "大连某某公司": "other",
	} {
		assert.Equal(t, kind, GuessInstitutionKind(name), name)
	}
}

func TestImportPlanIsCancelled(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.PlanImport(ctx, []ImportRow{importRow("companies", 2, "uscc", "91350100M000100Y43")})
	require.Error(t, err)
}

func TestImportRowWithACellTheReaderRefusedIsNeverWritten(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	row := importRow("outputs", 4, "uscc", sampleUSCC(0), "year", "2023", "output", "-5", "added_value", "100")
	row = refuse(row, "output") // the reader reported the cell and left it out
	plan, err := s.PlanImport(context.Background(), []ImportRow{row})
	require.NoError(t, err)
	assert.Empty(t, plan.Issues, "the reader's issue is not repeated (no 'required' on the same cell)")
	assert.Empty(t, plan.New)
	_, err = s.ApplyImport(context.Background(), plan, ImportMeta{FileName: "t.xlsx"})
	assert.Equal(t, Invalid, ErrorCode(err), "even when the caller forgot to add the reader's issues")
}

func TestImportOfManyRowsWritesEachWithItsOwnIDs(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	ctx := context.Background()
	var rows []ImportRow
	const companies, years = 120, 5
	code := func(i int) string {
		body := "91210212MC" + strings.ToUpper(strconv.FormatInt(int64(100000+i), 10)) + "0"
		check, _ := USCCCheckChar(body[:17])
		return body[:17] + string(check)
	}
	for i := 0; i < companies; i++ {
		rows = append(rows, importRow("companies", i+2, "uscc", code(i), "name", "公司"+strconv.Itoa(i), "field", "energy"))
		for y := 0; y < years; y++ {
			out := strconv.Itoa((i + 1) * 10000 * (y + 1))
			rows = append(rows, importRow("outputs", len(rows)+2, "uscc", code(i), "year", strconv.Itoa(2020+y), "output", out, "added_value", "1000"))
		}
	}
	plan, err := s.PlanImport(ctx, rows)
	require.NoError(t, err)
	require.Empty(t, plan.Issues)
	res, err := s.ApplyImport(ctx, plan, ImportMeta{FileName: "many.xlsx"})
	require.NoError(t, err)
	assert.Equal(t, companies*(years+1), res.New)

	audit, err := s.AuditLog(ctx, "", 0)
	require.NoError(t, err)
	seen := map[int64]bool{}
	for _, e := range audit {
		if e.Entity != "annual_output" {
			continue
		}
		var rec AnnualOutput
		require.NoError(t, json.Unmarshal([]byte(e.After), &rec))
		o, err := s.Output(ctx, e.EntityID)
		require.NoError(t, err)
		assert.Equal(t, o, rec, "the audit row of output %d describes that output", e.EntityID)
		seen[e.EntityID] = true
	}
	assert.Len(t, seen, companies*years)
	changes, err := s.ImportChanges(ctx, res.ImportID)
	require.NoError(t, err)
	assert.Len(t, changes, companies*(years+1))

	again, err := s.PlanImport(ctx, rows)
	require.NoError(t, err)
	assert.Equal(t, companies*(years+1), again.Unchanged)
}

func TestImportWarnsOfAnOutputFarFromTheYearBefore(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	row := importRow("outputs", 3, "uscc", sampleUSCC(0), "year", "2025", "output", "952729000")
	plan, err := s.PlanImport(context.Background(), []ImportRow{row})
	require.NoError(t, err)
	assert.Empty(t, plan.Issues)
	require.Len(t, plan.Warnings, 1)
	w := plan.Warnings[0]
	assert.Equal(t, "output", w.Field)
	assert.Equal(t, "C3", w.Cell)
	assert.Equal(t, "apply.warn.change", w.Err.(*Error).Key)
	assert.Equal(t, 2024, w.Err.(*Error).Args["PrevYear"])
	assert.Equal(t, "39569.40", w.Err.(*Error).Args["Prev"])

	// The year before may come from the same file.
	rows := []ImportRow{row, importRow("outputs", 2, "uscc", sampleUSCC(0), "year", "2024", "output", "900000000")}
	plan, err = s.PlanImport(context.Background(), rows)
	require.NoError(t, err)
	assert.Empty(t, plan.Warnings)
}

func TestImportWarnsOfANameThatIsNotTheCodesCompany(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	row := importRow("outputs", 5, "uscc", sampleUSCC(0), "name", "大连海宝渔业（集团）有限公司", "year", "2023", "output", "100", "added_value", "50")
	plan, err := s.PlanImport(context.Background(), []ImportRow{row})
	require.NoError(t, err)
	assert.Empty(t, plan.Issues)
	require.Len(t, plan.Warnings, 1)
	assert.Equal(t, "B5", plan.Warnings[0].Cell)
	assert.Equal(t, "apply.warn.name", plan.Warnings[0].Err.(*Error).Key)
	assert.Equal(t, "大连海宝渔业有限公司", plan.Warnings[0].Err.(*Error).Args["Registered"])

	name := " 大连海宝渔业有限公司 "
	row = withValues(row, map[string]*string{"name": &name})
	plan, err = s.PlanImport(context.Background(), []ImportRow{row})
	require.NoError(t, err)
	assert.Empty(t, plan.Warnings)
}

func TestImportPlanTakingRowsPlansTheSameAndLetsGoOfTheValues(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	ctx := context.Background()
	rows := append(exportRows(t, s, "outputs"),
		importRow("outputs", 300, "uscc", sampleUSCC(0), "year", "2019", "output", "100", "added_value", "-5"))
	want, err := s.PlanImport(ctx, rows)
	require.NoError(t, err)
	got, err := s.PlanImportTaking(ctx, rows)
	require.NoError(t, err)
	assert.Equal(t, want.Unchanged, got.Unchanged)
	assert.Equal(t, want.Issues, got.Issues)
	assert.Equal(t, len(want.New), len(got.New))
	for _, r := range rows {
		assert.Nil(t, r.Vals, "row %d", r.Row)
		assert.NotEmpty(t, r.Cell("output"), "a row keeps where it came from")
	}
}
