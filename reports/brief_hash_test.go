package reports

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
	"scitech/data/datatest"
)

var day = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

// sampleHashes are the data hashes of every kind of brief of 2025 made from the store as it is.
func sampleHashes(t *testing.T, s *data.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, k := range BriefKinds {
		b, err := k.Load(context.Background(), s, 2025, "zh", day, nil)
		require.NoError(t, err, k.Name)
		out[k.Name] = DataHash(b)
	}
	return out
}

func TestDataHashIgnoresHowTheBriefIsPrinted(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	ctx := context.Background()
	seen := map[string]string{}
	for _, k := range BriefKinds {
		zh, err := k.Load(ctx, s, 2025, "zh", day, nil)
		require.NoError(t, err, k.Name)
		en, err := k.Load(ctx, s, 2025, "en", day.AddDate(0, 3, 0), defaultFonts(t))
		require.NoError(t, err, k.Name)
		en.SetIssueNo(7)
		h := DataHash(zh)
		assert.Regexp(t, `^[0-9a-f]{64}$`, h, k.Name)
		assert.Equal(t, h, DataHash(en), "%s: the date, language, fonts and number are not data", k.Name)
		assert.Equal(t, h, DataHash(zh.Value), "a *Brief hashes as its value")
		assert.Equal(t, 0, zh.Settings().IssueNo, "hashing changes nothing in the brief")
		assert.Equal(t, 7, en.Settings().IssueNo)
		assert.Empty(t, seen[h], "%s hashes like %s", k.Name, seen[h])
		seen[h] = k.Name
	}
	assert.Empty(t, DataHash(nil))
}

// outputOf finds a company's output row of a year in the sample set.
func outputOf(t *testing.T, s *data.Store, year int) data.AnnualOutput {
	t.Helper()
	for id := int64(1); id < 50; id++ {
		rows, err := s.Outputs(context.Background(), id)
		require.NoError(t, err)
		for _, o := range rows {
			if o.Year == year {
				return o
			}
		}
	}
	t.Fatalf("no output row of %d", year)
	return data.AnnualOutput{}
}

func TestDataHashFollowsTheRecordsTheBriefReads(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	ctx := context.Background()
	start := sampleHashes(t, s)
	assert.Equal(t, start, sampleHashes(t, s), "the same records give the same hashes")

	// Another year's record: no brief of 2025 reads it.
	o := outputOf(t, s, 2025)
	later := o
	later.ID, later.Year = 0, 2026
	require.NoError(t, s.CreateOutput(ctx, &later))
	assert.Equal(t, start, sampleHashes(t, s), "an output of 2026 changes no brief of 2025")

	// A project of a park: only the work brief speaks of the parks.
	projects, err := s.ParkProjects(ctx, data.ParkProjectFilter{})
	require.NoError(t, err)
	require.NotEmpty(t, projects)
	p := projects[0]
	p.Description += "（二期）"
	require.NoError(t, s.UpdateParkProject(ctx, &p))
	now := sampleHashes(t, s)
	assert.NotEqual(t, start["work"], now["work"], "the work brief lists the parks' projects")
	for _, k := range []string{"output", "patents", "incubators", "cooperation"} {
		assert.Equal(t, start[k], now[k], "%s does not read the parks' projects", k)
	}

	// The year's output: the output and work briefs say it.
	o.Output += 10_000
	require.NoError(t, s.UpdateOutput(ctx, &o))
	after := sampleHashes(t, s)
	assert.NotEqual(t, now["output"], after["output"])
	assert.NotEqual(t, now["work"], after["work"])
}

// TestDataHashOfABriefNeverChanges pins the hash of one brief of each kind: the register keeps the hashes of
// the briefs it issued and compares them with the data as it is now, so the same data must hash the same in
// every version of the program. The values are those the program of a1af05c gave; the header set on the briefs,
// not being data, changes none of them.
func TestDataHashOfABriefNeverChanges(t *testing.T) {
	t.Parallel()
	want := []string{
		"5081ad94b6a08d6df6a54d1375c8febd41168f8293f32adadd95b2b2d4f0d81d",
		"7ddc560cc18684723875f97cff7851cb0718bd9764c7f92c7e6f3cd4a9cf1781",
		"9a975d2b46f533c5d7e6efce44b6bf0834ff83547dc2d1c4848cffc0ab9e98d5",
		"2dfdb8535408e79ef98e1884d47b68708278ec3b7918bafe0eaa5e53e66b5a0d",
		"ef413ad39d35089103cdd1b9bbf0fc9fa1cd100c14b6b9a32f53fb89c41e2254",
	}
	for i, b := range pinnedBriefs() {
		assert.Equal(t, want[i], DataHash(b), "%T", b)
	}
}

// pinnedBriefs are one brief of each kind holding a little of everything it can, with a header set field by field.
func pinnedBriefs() []any {
	st := data.Stats{Year: 2025, Output: 4_745_000_000, AddedValue: 1_200_000_000, ReportingCompanies: 42,
		PatentApplications: 17, PatentGrants: 9, PatentsValid: 130, CoopCompanies: 5, TeamsIntroduced: 3}
	settings := data.BriefSettings{IssuingUnit: "旅顺口区科学技术局", BriefName: "科技简报", IssueNo: 4}
	day := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	dist := Distribution{Report: "区委", Copies: 20}
	records := []FigureRecords{{Name: "patent_grants", Table: data.Table{Columns: []string{"a", "b"},
		Rows: [][]string{{"甲公司", "1"}}, Total: 1}}}
	out := &OutputBrief{Summary: data.OutputSummary{Stats: st, Rows: []data.CompanyOutput{{Name: "甲公司"}}},
		PrevReporting: 40, Years: []data.YearOutput{{Year: 2025, Output: 4_745_000_000, AddedValue: 1}}}
	work := &WorkBrief{Stats: st, Partners: []data.NamedCount{{Name: "大连理工大学", Count: 3}}, Programme: "揭榜挂帅",
		Incubators: []string{"港湾孵化器"}, Records: records}
	pat := &PatentBrief{Stats: st, ByKind: []PatentKindRow{{Kind: data.PatentInvention, Applications: 5}},
		ByYear: []data.Stats{st}, Top: []data.NamedCount{{Name: "甲公司", Count: 7}}, Records: records}
	inc := &IncubatorBrief{Stats: st, ByStatus: []IncubatorStatusRow{{Status: "signed", AtEnd: 2, Entered: 1}},
		TeamsInto: []string{"港湾孵化器"}, Records: records}
	coop := &CoopBrief{Stats: st, Cooperations: 6, ByInstitution: []data.InstitutionCoops{{Name: "大连理工大学",
		Companies: 2, Cooperations: 3}}, Outcomes: []CoopOutcomeRow{{Kind: "project", InYear: 1}}, Records: records}
	out.Settings, out.Date, out.Lang, out.Distribution = settings, day, "en", dist
	work.Settings, work.Date, work.Lang = settings, day, "zh"
	pat.Distribution, pat.Lang = dist, "en"
	inc.Settings, inc.Date = settings, day
	coop.Settings, coop.Lang, coop.Distribution = settings, "en", dist
	return []any{out, work, pat, inc, coop}
}

var issueNo = regexp.MustCompile(`第\d+期`)

// pdfOf writes an issued brief's stored PDF to a file and returns its text with the issue number blanked.
func pdfOf(t *testing.T, s *data.Store, b data.IssuedBrief) string {
	t.Helper()
	body, err := s.IssuedBriefFile(context.Background(), b.ID, data.BriefPDF)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(body, []byte("%PDF-")))
	path := filepath.Join(t.TempDir(), "issued.pdf")
	require.NoError(t, os.WriteFile(path, body, 0o644))
	text := pdfText(t, path)
	require.Contains(t, text, "第"+strconv.Itoa(b.IssueNo)+"期", "the header prints the number the register allotted")
	return issueNo.ReplaceAllString(text, "第N期")
}

// xlsxOf reads every cell of an issued brief's stored workbook.
func xlsxOf(t *testing.T, s *data.Store, b data.IssuedBrief) map[string][][]string {
	t.Helper()
	body, err := s.IssuedBriefFile(context.Background(), b.ID, data.BriefXLSX)
	require.NoError(t, err)
	f, err := excelize.OpenReader(bytes.NewReader(body))
	require.NoError(t, err)
	defer f.Close()
	out := map[string][][]string{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		require.NoError(t, err)
		for _, r := range rows {
			for i := range r {
				r[i] = issueNo.ReplaceAllString(r[i], "第N期")
			}
		}
		out[sh] = rows
	}
	return out
}

func TestIssuingTheSameBriefTwiceGivesTheSameFigures(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	ctx := context.Background()
	work := BriefKindNamed("work")
	fonts := defaultFonts(t)
	one, err := IssueBrief(ctx, s, s, work, 2025, "zh", day, fonts, nil)
	require.NoError(t, err)
	two, err := IssueBrief(ctx, s, s, work, 2025, "zh", day, fonts, nil)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, []int{one.IssueNo, two.IssueNo})
	assert.Equal(t, "2025年科技工作简报", one.Title)
	assert.Equal(t, one.DataHash, two.DataHash, "unchanged data, the same hash")
	assert.Equal(t, pdfOf(t, s, one), pdfOf(t, s, two), "and the same text but the number")
	assert.Equal(t, xlsxOf(t, s, one), xlsxOf(t, s, two), "and the same workbook")

	changed, err := DataChanged(ctx, s, two)
	require.NoError(t, err)
	assert.False(t, changed)

	o := outputOf(t, s, 2025)
	o.AddedValue -= 1
	require.NoError(t, s.UpdateOutput(ctx, &o))
	changed, err = DataChanged(ctx, s, two)
	require.NoError(t, err)
	assert.True(t, changed, "an output of 2025 was changed")
}

func TestIssueBriefThatCannotBeMadeIssuesNothing(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	ctx := context.Background()
	_, err := IssueBrief(ctx, s, s, BriefKindNamed("output"), 2019, "zh", day, nil, nil)
	assert.Equal(t, data.Invalid, data.ErrorCode(err), "no output data in 2019")
	refused := &data.Error{Code: data.Invalid, Key: "x", Message: "a character no font has"}
	_, err = IssueBrief(ctx, s, s, BriefKindNamed("work"), 2025, "zh", day, nil, func(*Brief) error { return refused })
	assert.ErrorIs(t, err, refused)
	list, err := s.ListIssuedBriefs(ctx)
	require.NoError(t, err)
	assert.Empty(t, list)
}

func TestBriefKindsAreNamedOnce(t *testing.T) {
	t.Parallel()
	assert.Equal(t, []string{"output", "work", "patents", "incubators", "cooperation"}, BriefKindNames())
	assert.Nil(t, BriefKindNamed("budget"))
	assert.Equal(t, "Patents 2025", BriefKindNamed("patents").Title("en", 2025))
}
