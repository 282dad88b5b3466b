package data

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The rows of a kind planned each on its own are prepared on several goroutines (planRows): the plan must be
// the one a single goroutine makes — its records, their order, its issues and warnings in their order, the
// ones kept and the ones counted beyond — on a file of every kind with every kind of problem.
func TestImportPlanOnSeveralGoroutinesIsTheSequentialPlan(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	rows := messyImportFile(t, s)
	want := planWith(t, s, rows, 1, planChunk)

	keys := map[string]int{}
	for _, is := range append(want.Issues, want.Warnings...) {
		keys[is.Err.(*Error).Key]++
	}
	for _, key := range []string{"err.apply.duplicate", "err.apply.company.unregistered", "err.amount.number",
		"err.year.number", "err.declared.has_output", "apply.warn.name", "apply.warn.change"} {
		assert.NotZero(t, keys[key], "the file has a row with %s", key)
	}
	require.Len(t, want.Issues, MaxImportIssues, "more problems than a plan keeps")
	require.NotZero(t, want.MoreIssues)
	counts := want.Counts()
	for _, kind := range []string{"outputs", "declared", "patents", "ip_rights", "facts"} {
		assert.NotZero(t, counts[kind].New+counts[kind].Changed, "%s: records to write", kind)
	}
	assert.NotEmpty(t, want.Changed)
	assert.NotZero(t, want.Unchanged)
	assert.NotZero(t, want.unread, "a row with a cell the reader refused")

	for _, workers := range []int{2, 3} {
		for _, chunk := range []int{1, 7, 100} {
			got := planWith(t, s, rows, workers, chunk)
			requireSamePlan(t, want, got, fmt.Sprintf("%d goroutines, %d rows at a time", workers, chunk))
		}
	}
}

// A plan cancelled while goroutines prepare its rows stops with the context's error.
func TestImportPlanOnSeveralGoroutinesIsCancelled(t *testing.T) {
	t.Parallel()
	s := sampleStore(t)
	var rows []ImportRow // only rows prepared on several goroutines
	for _, r := range messyImportFile(t, s) {
		if importRowsAlone[r.Kind] {
			rows = append(rows, r)
		}
	}
	p := newImportPlanner(time.Now())
	p.workers, p.chunk = 2, 3
	p.collect(rows)
	ctx, cancel := context.WithCancel(context.Background())
	db, err := loadImportDB(ctx, s.d, s.db, p.keys)
	require.NoError(t, err)
	cancel()
	_, err = p.build(ctx, db)
	assert.ErrorIs(t, err, context.Canceled)
}

// requireSamePlan stops the test when the plans differ in anything, saying where first: a diff of two whole
// plans of thousands of records would take minutes to print.
func requireSamePlan(t *testing.T, want, got ImportPlan, how string) {
	t.Helper()
	if reflect.DeepEqual(want, got) {
		return
	}
	lists := []struct {
		name      string
		want, got any
	}{{"issues", want.Issues, got.Issues}, {"warnings", want.Warnings, got.Warnings}, {"new", want.New, got.New},
		{"changed", want.Changed, got.Changed}, {"checks", want.checks, got.checks}}
	for _, l := range lists {
		w, g := reflect.ValueOf(l.want), reflect.ValueOf(l.got)
		for i := range max(w.Len(), g.Len()) {
			if i >= w.Len() || i >= g.Len() || !reflect.DeepEqual(w.Index(i).Interface(), g.Index(i).Interface()) {
				t.Fatalf("%s: %s differ first at %d of %d, %d", how, l.name, i, w.Len(), g.Len())
			}
		}
	}
	t.Fatalf("%s: the plans differ (counts or records set)", how)
}

// planWith plans rows as PlanImport does, with workers goroutines preparing chunk rows at a time.
func planWith(t *testing.T, s *Store, rows []ImportRow, workers, chunk int) ImportPlan {
	t.Helper()
	p := newImportPlanner(time.Date(2026, 12, 8, 10, 0, 0, 0, time.Local))
	p.workers, p.chunk = workers, chunk
	p.collect(rows)
	ctx := context.Background()
	db, err := loadImportDB(ctx, s.d, s.db, p.keys)
	require.NoError(t, err)
	plan, err := p.build(ctx, db)
	require.NoError(t, err)
	return plan
}

// messyImportFile is a file of every kind: the sample's records as exported (unchanged), changed ones, new
// ones, and rows with problems — bad cells, repeated rows alike and not, unregistered companies, names not the
// code's, a cell the reader refused, outputs far from the year before — well past MaxImportIssues.
func messyImportFile(t *testing.T, s *Store) []ImportRow {
	t.Helper()
	var rows []ImportRow
	add := func(r ImportRow) { rows = append(rows, r) }
	companies := exportRows(t, s, "companies")
	for _, r := range companies {
		add(r)
	}
	newCode := func(i int) string {
		first := fmt.Sprintf("91210212MA%07d", 1000000+i)
		c, ok := USCCCheckChar(first)
		require.True(t, ok)
		return first + string(c)
	}
	for i := range 3 {
		add(importRow("companies", 900+i, "uscc", newCode(i), "name", fmt.Sprintf("新建测试%d科技有限公司", i), "field", "electronics"))
	}
	var codes []string
	for _, r := range companies {
		codes = append(codes, val(r, "uscc"))
	}
	codes = append(codes, newCode(0), newCode(1), newCode(2))

	row := 2
	for i := range 1000 {
		code, year := codes[i%len(codes)], 2000+i/len(codes)%26
		kv := []string{"uscc", code, "name", "", "year", strconv.Itoa(year), "output", strconv.Itoa(1000 + i*37%5000),
			"added_value", "100", "employees", strconv.Itoa(i % 90)}
		switch i % 11 {
		case 1:
			kv[3] = "别的名字有限公司" // not the code's company: a warning
		case 2:
			kv[7] = "12x" // a bad amount
		case 3:
			kv[5] = "20" + strconv.Itoa(i%10) // a bad year
		case 4:
			kv[1] = newCode(100 + i) // a valid code nobody registered
		case 5:
			kv[7] = strconv.Itoa(900000 + i) // far from the year before: a warning
		}
		r := importRow("outputs", row, kv...)
		if i%97 == 6 {
			r = refuse(r, "added_value")
		}
		add(r)
		row++
		if i%13 == 0 { // the same row again: unchanged
			add(importRow("outputs", row, kv...))
			row++
		}
		if i%17 == 0 { // the same record with another value
			kv[9] = "1"
			add(importRow("outputs", row, kv...))
			row++
		}
	}
	for _, kind := range []string{"declared", "patents", "ip_rights", "facts", "cooperations", "outcomes"} {
		for i, r := range exportRows(t, s, kind) {
			add(r)
			if i%3 == 0 { // again, alike
				add(r)
			}
		}
	}
	for i := range 300 {
		code := codes[i%len(codes)]
		add(importRow("declared", 5000+i, "uscc", code, "name", "", "year", strconv.Itoa(2000+i%30), "revenue", strconv.Itoa(i*11),
			"employees", strconv.Itoa(i%40)))
		digits := fmt.Sprintf("2021%08d", 10000000+i%250)
		check, ok := PatentCheckChar(digits)
		require.True(t, ok)
		add(importRow("patents", 6000+i, "app_no", digits+"."+string(check), "uscc", code,
			"title", fmt.Sprintf("一种测试装置%d", i%270), "filed", "2021-03-04", "legal_status", PatentPending))
		add(importRow("ip_rights", 7000+i, "ip_kind", "software_copyright", "reg_no", fmt.Sprintf("2022SR%07d", i%280), "uscc", code,
			"title", fmt.Sprintf("测试软件V%d", i%290), "ip_granted", "2022-05-06"))
		add(importRow("facts", 8000+i, "uscc", code, "company", "", "fact_kind", "award", "year", strconv.Itoa(2015+i%12),
			"level", FactLevels[i%len(FactLevels)], "number", strconv.Itoa(i%150)))
	}
	for i := range 600 { // no level: the last problems, beyond those a plan keeps
		add(importRow("facts", 9000+i, "uscc", codes[i%len(codes)], "company", "", "fact_kind", "award", "year", "2020",
			"number", "X"+strconv.Itoa(i)))
	}
	return rows
}
