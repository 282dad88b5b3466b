package reports

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/reports/exchange"
)

// dataRef is the cell of column col on the i-th row under a brief sheet's header (i from 1), wherever the title
// rows put the header.
func dataRef(col string, i int) string { return col + strconv.Itoa(headerRow+i) }

// workbookKind is one kind of brief written as a workbook in a language, with the issue number it was given.
type workbookKind struct {
	name  string
	write func(t *testing.T, lang string, issue int) (io.WriterTo, BriefHeader, int)
}

// workbookKinds writes each kind of brief from the sample set; issue 0 is a draft.
var workbookKinds = []workbookKind{
	{"output", func(t *testing.T, lang string, issue int) (io.WriterTo, BriefHeader, int) {
		b := sampleBrief(t, lang)
		b.Settings.IssueNo = issue
		var buf bytes.Buffer
		require.NoError(t, WriteOutputBriefXLSX(&buf, b))
		return &buf, b.BriefHeader, b.Summary.Year
	}},
	{"work", func(t *testing.T, lang string, issue int) (io.WriterTo, BriefHeader, int) {
		b := sampleWorkBrief(t, lang)
		b.Settings.IssueNo = issue
		var buf bytes.Buffer
		require.NoError(t, WriteWorkBriefXLSX(&buf, b))
		return &buf, b.BriefHeader, b.Stats.Year
	}},
	{"cooperation", func(t *testing.T, lang string, issue int) (io.WriterTo, BriefHeader, int) {
		b := sampleCoopBrief(t, lang)
		b.Settings.IssueNo = issue
		var buf bytes.Buffer
		require.NoError(t, WriteCoopBriefXLSX(&buf, b))
		return &buf, b.BriefHeader, b.Stats.Year
	}},
	{"incubators", func(t *testing.T, lang string, issue int) (io.WriterTo, BriefHeader, int) {
		b := sampleIncubatorBrief(t, lang)
		b.Settings.IssueNo = issue
		var buf bytes.Buffer
		require.NoError(t, WriteIncubatorBriefXLSX(&buf, b))
		return &buf, b.BriefHeader, b.Stats.Year
	}},
	{"patents", func(t *testing.T, lang string, issue int) (io.WriterTo, BriefHeader, int) {
		b := samplePatentBrief(t, lang)
		b.Settings.IssueNo = issue
		var buf bytes.Buffer
		require.NoError(t, WritePatentBriefXLSX(&buf, b))
		return &buf, b.BriefHeader, b.Stats.Year
	}},
}

func openWorkbook(t *testing.T, w io.WriterTo) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	_, err := w.WriteTo(&buf)
	require.NoError(t, err)
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// definedNames maps each sheet's _xlnm names (Print_Area, Print_Titles) to what they refer to.
func definedNames(f *excelize.File) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, n := range f.GetDefinedName() {
		if out[n.Scope] == nil {
			out[n.Scope] = map[string]string{}
		}
		out[n.Scope][n.Name] = n.RefersTo
	}
	return out
}

// Every sheet of every kind, in both languages, opens with the title rows (the brief, its year, the sheet; the
// issuing unit, the issue and the date), has its header frozen under them and repeated on every printed page,
// prints exactly its content on A4 one page wide, and numbers its pages.
func TestBriefWorkbooksPrintWithTitlesAndPageNumbers(t *testing.T) {
	t.Parallel()
	for _, k := range workbookKinds {
		for _, lang := range []string{"zh", "en"} {
			t.Run(k.name+"/"+lang, func(t *testing.T) {
				t.Parallel()
				w, h, year := k.write(t, lang, 5)
				f := openWorkbook(t, w)
				names := definedNames(f)
				for _, sheet := range f.GetSheetList() {
					rows, err := f.GetRows(sheet)
					require.NoError(t, err)
					require.Greater(t, len(rows), headerRow, sheet)
					title, caption := rows[0][0], rows[1][0]
					assert.Contains(t, title, strconv.Itoa(year), "%s: the title names the year", sheet)
					assert.Contains(t, title, sheet, "%s: the title names the sheet", sheet)
					assert.Contains(t, caption, h.Settings.IssuingUnit, sheet)
					assert.Contains(t, caption, h.Settings.BriefName, "%s: the brief's name", sheet)
					if lang == "zh" {
						assert.Contains(t, caption, "第5期", sheet)
					} else {
						assert.Contains(t, caption, "Issue 5", sheet)
					}
					checkHeaderRow(t, f, sheet)
					checkUnitFits(t, f, sheet)
					checkColumnsFit(t, f, sheet, rows)
					quoted := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
					assert.Equal(t, fmt.Sprintf("%s!$%d:$%d", quoted, headerRow, headerRow),
						names[sheet]["_xlnm.Print_Titles"], "%s: the header row repeats on every page", sheet)
					area := names[sheet]["_xlnm.Print_Area"]
					require.NotEmpty(t, area, "%s has a print area", sheet)
					checkPrintArea(t, f, sheet, strings.TrimPrefix(area, quoted+"!"), rows)
					checkPage(t, f, sheet)
				}
			})
		}
	}
}

// checkHeaderRow: the header is the bold row under the title rows, and the panes freeze down to it.
func checkHeaderRow(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, "A"+strconv.Itoa(headerRow))
	require.NoError(t, err)
	style, err := f.GetStyle(id)
	require.NoError(t, err)
	require.NotNil(t, style.Font, sheet)
	assert.True(t, style.Font.Bold, "%s: the header row is bold", sheet)
	panes, err := f.GetPanes(sheet)
	require.NoError(t, err)
	assert.True(t, panes.Freeze, sheet)
	assert.Equal(t, headerRow, panes.YSplit, "%s: the title rows and the header stay in view", sheet)
}

// checkUnitFits: a unit line (单位：万元) right of the caption has columns wide enough for it, since the merged
// caption beside it would cut off what overflowed.
func checkUnitFits(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	require.NoError(t, err)
	if len(rows[1]) < 2 {
		return // no unit line
	}
	unit := rows[1][len(rows[1])-1]
	from, _ := excelize.ColumnNumberToName(len(rows[1]))
	to := from
	merged, err := f.GetMergeCells(sheet)
	require.NoError(t, err)
	for _, m := range merged {
		if m.GetStartAxis() == from+"2" {
			to = strings.TrimSuffix(m.GetEndAxis(), "2")
		}
	}
	first, _ := excelize.ColumnNameToNumber(from)
	last, _ := excelize.ColumnNameToNumber(to)
	width := 0.0
	for c := first; c <= last; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		w, err := f.GetColWidth(sheet, name)
		require.NoError(t, err)
		width += w
	}
	assert.GreaterOrEqual(t, width, cellTextWidth(unit), "%s: %q fits its columns %s:%s", sheet, unit, from, to)
}

// checkColumnsFit: no text under the header is cut at its column's edge (up to the widest a column grows), in
// the first rows, which a streamed sheet's widths are measured on.
func checkColumnsFit(t *testing.T, f *excelize.File, sheet string, rows [][]string) {
	t.Helper()
	for _, r := range rows[headerRow:min(len(rows), headerRow+widthRows)] {
		for c, v := range r {
			col, _ := excelize.ColumnNumberToName(c + 1)
			w, err := f.GetColWidth(sheet, col)
			require.NoError(t, err)
			if !assert.GreaterOrEqual(t, w, columnWidth(v), "%s: %q fits column %s", sheet, v, col) {
				return
			}
		}
	}
}

// trendSheet names the sheet of the last years' output and its chart, whatever their number.
var trendSheet = regexp.MustCompile(`^(近.年|Last \d+ years)$`)

// checkPrintArea: the print area starts at A1 and ends at the last row and column holding anything (beyond
// them only for a chart, which is checked on its own).
func checkPrintArea(t *testing.T, f *excelize.File, sheet, area string, rows [][]string) {
	t.Helper()
	from, to, ok := strings.Cut(strings.ReplaceAll(area, "$", ""), ":")
	require.True(t, ok, area)
	assert.Equal(t, "A1", from, sheet)
	cols, last, err := excelize.CellNameToCoordinates(to)
	require.NoError(t, err)
	if trendSheet.MatchString(sheet) {
		assert.Greater(t, cols, len(rows[headerRow-1]), "%s: the print area takes in the chart", sheet)
		return
	}
	assert.Equal(t, len(rows), last, "%s: the print area ends with the last row", sheet)
	width := 0
	for _, r := range rows[headerRow-1:] {
		width = max(width, len(r))
	}
	assert.Equal(t, width, cols, "%s: the print area ends with the last column", sheet)
}

// checkPage: A4, one page wide, centred, a header naming the brief and the issue, a footer numbering the pages.
func checkPage(t *testing.T, f *excelize.File, sheet string) {
	t.Helper()
	layout, err := f.GetPageLayout(sheet)
	require.NoError(t, err)
	require.NotNil(t, layout.Size)
	assert.Equal(t, 9, *layout.Size, "%s prints on A4", sheet)
	require.NotNil(t, layout.FitToWidth)
	assert.Equal(t, 1, *layout.FitToWidth, "%s prints one page wide", sheet)
	hf, err := f.GetHeaderFooter(sheet)
	require.NoError(t, err)
	require.NotNil(t, hf, "%s has a page header and footer", sheet)
	assert.Contains(t, hf.OddFooter, "&P", "%s: the page number", sheet)
	assert.Contains(t, hf.OddFooter, "&N", "%s: the number of pages", sheet)
	assert.Regexp(t, `^&L&9 \S`, hf.OddHeader, "%s: a space ends the font size before the title's year", sheet)
	margins, err := f.GetPageMargins(sheet)
	require.NoError(t, err)
	require.NotNil(t, margins.Horizontally)
	assert.True(t, *margins.Horizontally, "%s is centred on the page", sheet)
}

// A draft's workbook says 草稿 where an issued one says 第X期: in the 概况's issue row, in the caption row of
// every sheet and at the head of every printed page.
func TestDraftWorkbookSaysDraft(t *testing.T) {
	t.Parallel()
	for _, k := range workbookKinds {
		for lang, draft := range map[string]string{"zh": "草稿", "en": "Draft"} {
			t.Run(k.name+"/"+lang, func(t *testing.T) {
				t.Parallel()
				w, _, _ := k.write(t, lang, 0)
				f := openWorkbook(t, w)
				for _, sheet := range f.GetSheetList() {
					caption, err := f.GetCellValue(sheet, "A2")
					require.NoError(t, err)
					assert.Contains(t, caption, draft, sheet)
					assert.NotRegexp(t, `第\d*期|Issue \d`, caption, sheet)
					hf, err := f.GetHeaderFooter(sheet)
					require.NoError(t, err)
					require.NotNil(t, hf, "%s has a page header", sheet)
					assert.Regexp(t, "&R&9 .*"+draft+"$", hf.OddHeader, sheet)
				}
				rows, err := f.GetRows(f.GetSheetList()[0])
				require.NoError(t, err)
				for _, r := range rows[headerRow:] {
					if len(r) > 1 && (r[0] == "期号" || r[0] == "Issue") {
						assert.Equal(t, draft, r[1], "the 概况's issue row")
					}
				}
			})
		}
	}
}

// An issued correction's workbook says which issue it corrects, in the 概况 and on every sheet.
func TestCorrectionWorkbookSaysWhatItCorrects(t *testing.T) {
	t.Parallel()
	b := sampleWorkBrief(t, "zh")
	b.Settings.IssueNo, b.Settings.Corrects = 5, 3
	f := openWorkXLSX(t, b)
	for _, sheet := range f.GetSheetList() {
		caption, err := f.GetCellValue(sheet, "A2")
		require.NoError(t, err)
		assert.Contains(t, caption, "第5期（更正第3期）", sheet)
	}
	r := findRow(t, f, "概况", 0, "期号")
	v, err := f.GetCellValue("概况", "B"+strconv.Itoa(r))
	require.NoError(t, err)
	assert.Equal(t, "第5期（更正第3期）", v)
}

// Narrow tables print portrait, wide ones landscape (scaled to the width); the trend sheet's chart is inside
// its print area and under its title.
func TestBriefWorkbookOrientationAndChart(t *testing.T) {
	t.Parallel()
	f := openXLSX(t, chartBrief(t, "zh"))
	for sheet, want := range map[string]string{"概况": "portrait", "按领域": "landscape", "明细": "landscape",
		"近五年": "landscape"} {
		layout, err := f.GetPageLayout(sheet)
		require.NoError(t, err)
		require.NotNil(t, layout.Orientation, sheet)
		assert.Equal(t, want, *layout.Orientation, sheet)
	}
	// A list a little wider than a portrait page prints portrait, scaled, on fewer pages than turned landscape.
	work := openWorkXLSX(t, sampleWorkBrief(t, "zh"))
	assert.Contains(t, work.GetSheetList(), "近两年", "the trend sheet is named by the years it holds")
	layout, err := work.GetPageLayout("专利申请")
	require.NoError(t, err)
	require.NotNil(t, layout.Orientation)
	assert.Equal(t, "portrait", *layout.Orientation)
	area := definedNames(f)["近五年"]["_xlnm.Print_Area"]
	_, to, _ := strings.Cut(strings.ReplaceAll(area, "$", ""), ":")
	cols, rows, err := excelize.CellNameToCoordinates(to)
	require.NoError(t, err)
	// The chart starts at E under the header, 480×290 px scaled 1.4: 11 columns of 64 px and 21 rows of 20 px.
	assert.GreaterOrEqual(t, cols, 4+11, "the print area reaches the chart's right edge")
	assert.GreaterOrEqual(t, rows, headerRow+21, "the print area reaches the chart's foot")
	merged, err := f.GetMergeCells("近五年")
	require.NoError(t, err)
	wide, _ := excelize.ColumnNumberToName(cols)
	var spans []string
	for _, m := range merged {
		spans = append(spans, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	assert.Contains(t, spans, "A1:"+wide+"1", "the title spans the chart too")
	unit, err := f.GetCellValue("按领域", "I2")
	require.NoError(t, err)
	assert.Equal(t, "单位：万元", unit, "a sheet of amounts in 万元 says so over its last column")
}

// A sheet's name is cut to 31 characters; its title row names it in full. An English title and its year are
// apart, as words are.
func TestWorkbookTitlesNameSheetsInFull(t *testing.T) {
	t.Parallel()
	b := sampleWorkBrief(t, "en")
	f := openWorkXLSX(t, b)
	tr := assets.NewTranslator("en")
	cut := 0
	for _, fr := range b.Records {
		full := tr.T("figure." + fr.Name)
		sheet := exchange.SheetName(full)
		title, err := f.GetCellValue(sheet, "A1")
		require.NoError(t, err)
		assert.True(t, strings.HasSuffix(title, ": "+full), "%s: %q", sheet, title)
		assert.Contains(t, title, "Industry (2025)")
		if sheet != full {
			cut++
		}
	}
	assert.Positive(t, cut, "the sample has a figure whose name is longer than a sheet's may be")
}
