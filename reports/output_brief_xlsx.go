package reports

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
)

// Number formats of the workbook: amounts in 万元 with two decimals, percentages with one.
const (
	amountFormat  = "#,##0.00"
	percentFormat = "0.0"
)

// WriteOutputBriefXLSX writes the output brief as a workbook: the figures (概况), the tables by field, by park
// and of the largest companies, the last five years with a native column chart (近五年), and every output row
// behind them (明细). Amounts are numbers in 万元.
func WriteOutputBriefXLSX(w io.Writer, b OutputBrief) error {
	return b.writeXLSX(w, b.Summary.Year, "brief.output.title", func(x *workbook, t *assets.Translator) []func() error {
		x.setHeading(t, b.BriefHeader, b.Summary.Year, "brief.output.title")
		ob := outputBriefXLSX{x: x, t: t, b: b}
		return []func() error{ob.summary, ob.byField, ob.byPark, ob.top, ob.trend, ob.records}
	})
}

// write fills the workbook's sheets step by step, then writes it. It is dated by the brief, not the clock, so
// that the same brief written twice gives the same bytes.
func (x *workbook) write(w io.Writer, title, unit, lang string, date time.Time, steps ...func() error) error {
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if err := x.finishSheets(); err != nil {
		return err
	}
	// The first sheet is the active one of a new file; SetActiveSheet would read every streamed sheet back in.
	stamp := date.UTC().Format("2006-01-02T15:04:05Z")
	if err := x.f.SetDocProps(&excelize.DocProperties{Title: title, Creator: unit, Created: stamp, Modified: stamp,
		Language: lang}); err != nil {
		return err
	}
	return x.f.Write(w)
}

// workbook wraps an excelize file with the styles the briefs use.
type workbook struct {
	f                         *excelize.File
	header, amount, pct, text int
	count                     int // a whole number with thousands separators
	bold                      int // the label of a 合计 row
	sheets                    int

	head                                heading // the title, caption and page header of every sheet
	titleStyle, captionStyle, unitStyle int
	extents                             map[string]extent // how far each sheet's content reaches
	fullNames                           map[string]string // a sheet's name before it was cut to 31 characters
}

func newWorkbook() (*workbook, error) {
	x := &workbook{f: excelize.NewFile(), extents: map[string]extent{}, fullNames: map[string]string{}}
	amount, pct := amountFormat, percentFormat
	border := []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	styles := []struct {
		id *int
		s  *excelize.Style
	}{
		{&x.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&x.amount, &excelize.Style{CustomNumFmt: &amount, Border: border}},
		{&x.pct, &excelize.Style{CustomNumFmt: &pct, Border: border, Alignment: &excelize.Alignment{Horizontal: "right"}}},
		{&x.text, &excelize.Style{Border: border}},
		{&x.bold, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border}},
		{&x.count, &excelize.Style{NumFmt: 3, Border: border}},
		{&x.titleStyle, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&x.captionStyle, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&x.unitStyle, &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}},
	}
	for _, st := range styles {
		id, err := x.f.NewStyle(st.s)
		if err != nil {
			x.f.Close()
			return nil, err
		}
		*st.id = id
	}
	return x, nil
}

// cell is one value with its style; amounts are kept in yuan until they are written.
type cell struct {
	value any
	style int
}

// wan is an amount in 万元 as the number a cell holds. This is the only place yuan become a float.
func (x *workbook) wan(y data.Yuan) cell { return cell{float64(y) / 10000, x.amount} }

// yi is an amount in 亿元 as the number a cell holds.
func (x *workbook) yi(y data.Yuan) cell { return cell{float64(y) / 100000000, x.amount} }

// growth is a percentage in a cell, or a dash when there is no base.
func (x *workbook) growth(g data.Growth) cell {
	if !g.Valid {
		return cell{dash, x.pct}
	}
	return cell{float64(g.Tenths) / 10, x.pct}
}

// share is part as a share of total in a cell.
func (x *workbook) share(part, total data.Yuan) cell {
	t, ok := ShareTenths(part, total)
	if !ok {
		return cell{dash, x.pct}
	}
	return cell{float64(t) / 10, x.pct}
}

// n is a count in a cell, written with thousands separators.
func (x *workbook) n(v int) cell { return cell{v, x.count} }

func (x *workbook) str(s string) cell   { return cell{s, x.text} }
func (x *workbook) num(n int) cell      { return cell{n, x.text} }
func (x *workbook) total(s string) cell { return cell{s, x.bold} }

// addSheet adds an empty sheet; the first takes the place of the new file's Sheet1.
func (x *workbook) addSheet(name string) error {
	defer func() { x.sheets++ }()
	if x.sheets == 0 {
		return x.f.SetSheetName("Sheet1", name)
	}
	_, err := x.f.NewSheet(name)
	return err
}

// sheet adds a sheet with the title rows, a bold header row frozen under them, the given column widths (in
// characters) and its print setup.
func (x *workbook) sheet(name string, headers []string, widths []float64) error {
	return x.unitSheet(name, "", headers, widths)
}

// unitSheet is sheet with a unit line (单位：万元) at the right of the caption row.
func (x *workbook) unitSheet(name, unit string, headers []string, widths []float64) error {
	f := x.f
	if err := x.addSheet(name); err != nil {
		return err
	}
	if err := x.printSetup(name, widthPx(widths)); err != nil {
		return err
	}
	if err := x.writeTitleRows(name, widths, unit); err != nil {
		return err
	}
	for i, h := range headers {
		ref, _ := excelize.CoordinatesToCellName(i+1, headerRow)
		if err := f.SetCellValue(name, ref, h); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, col, col, widths[i]); err != nil {
			return err
		}
	}
	first, _ := excelize.CoordinatesToCellName(1, headerRow)
	last, _ := excelize.CoordinatesToCellName(len(headers), headerRow)
	if err := f.SetCellStyle(name, first, last, x.header); err != nil {
		return err
	}
	if err := f.SetRowHeight(name, headerRow, 32); err != nil {
		return err
	}
	x.reach(name, len(headers), headerRow)
	return f.SetPanes(name, freezeHeader())
}

// freezeHeader keeps the title rows and the header in view while the records scroll.
func freezeHeader() *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: "A" + strconv.Itoa(firstRow),
		ActivePane: "bottomLeft"}
}

// labelled is one row of a brief's 概况 sheet of counts: the figure's name and its value.
type labelled struct {
	label string
	v     int
}

// countSummary writes the 概况 sheet of a brief whose figures are counts, one row per figure.
func (x *workbook) countSummary(t *assets.Translator, rows []labelled) error {
	name := t.T("brief.sheet.summary")
	if err := x.sheet(name, []string{t.T("brief.fig.item"), t.T("brief.fig.value")}, []float64{40, 16}); err != nil {
		return err
	}
	for i, r := range rows {
		if err := x.row(name, firstRow+i, x.str(r.label), x.n(r.v)); err != nil {
			return err
		}
	}
	return nil
}

// streamSheet writes a sheet of many rows (the records behind the figures) through excelize's StreamWriter,
// which holds one row at a time rather than every cell: the same title rows, header row, widths, frozen pane and
// A4 print setup as sheet, then the rows fill adds, in order.
func (x *workbook) streamSheet(name, unit string, headers []string, widths []float64, fill func(add func(cells ...cell) error) error) error {
	if err := x.addSheet(name); err != nil {
		return err
	}
	if err := x.printSetup(name, widthPx(widths)); err != nil { // kept by the stream writer, which starts from the sheet as it is
		return err
	}
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(freezeHeader()); err != nil {
		return err
	}
	if err := x.streamTitleRows(sw, name, widths, unit); err != nil {
		return err
	}
	head := make([]any, len(headers))
	for i, h := range headers {
		head[i] = excelize.Cell{StyleID: x.header, Value: h}
	}
	if err := sw.SetRow("A"+strconv.Itoa(headerRow), head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	r := firstRow
	if err := fill(func(cells ...cell) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = excelize.Cell{StyleID: c.style, Value: c.value}
		}
		ref, err := excelize.CoordinatesToCellName(1, r)
		if err != nil {
			return err
		}
		r++
		return sw.SetRow(ref, vals)
	}); err != nil {
		return err
	}
	x.reach(name, len(headers), r-1)
	e := x.extents[name]
	e.streamed = true
	x.extents[name] = e
	return sw.Flush()
}

// row writes one row of cells, starting at column A of row r (1-based).
func (x *workbook) row(sheet string, r int, cells ...cell) error {
	for i, c := range cells {
		ref, _ := excelize.CoordinatesToCellName(i+1, r)
		if err := x.f.SetCellValue(sheet, ref, c.value); err != nil {
			return fmt.Errorf("%s!%s: %w", sheet, ref, err)
		}
		if err := x.f.SetCellStyle(sheet, ref, ref, c.style); err != nil {
			return err
		}
		x.measure(sheet, i+1, c.value)
	}
	x.reach(sheet, len(cells), r)
	return nil
}

// outputBriefXLSX writes the sheets of the output brief.
type outputBriefXLSX struct {
	x *workbook
	t *assets.Translator
	b OutputBrief
}

func (o outputBriefXLSX) cols(keys ...string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = o.t.T(k)
	}
	return out
}

// summary lists the year's figures, one per row.
func (o outputBriefXLSX) summary() error {
	x, t, st := o.x, o.t, o.b.Summary.Stats
	name := t.T("brief.sheet.summary")
	if err := x.sheet(name, o.cols("brief.fig.item", "brief.fig.value"), []float64{36, 18}); err != nil {
		return err
	}
	rows := []struct {
		key   string
		value cell
	}{
		{"brief.fig.year", x.num(st.Year)},
		{"brief.fig.issue", x.str(xlsxIssue(t, o.b.BriefHeader))},
		{"brief.fig.output_wan", x.wan(st.Output)},
		{"brief.fig.output_yi", x.yi(st.Output)},
		{"brief.fig.added_wan", x.wan(st.AddedValue)},
		{"brief.fig.added_yi", x.yi(st.AddedValue)},
		{"brief.fig.prev_output_wan", x.wan(st.PrevOutput)},
		{"brief.fig.prev_added_wan", x.wan(st.PrevAddedValue)},
		{"brief.fig.output_growth", x.growth(st.OutputGrowth)},
		{"brief.fig.added_growth", x.growth(st.AddedValueGrowth)},
		{"brief.fig.reporting", x.num(st.ReportingCompanies)},
		{"brief.fig.prev_reporting", x.num(o.b.PrevReporting)},
		{"brief.fig.hightech", x.num(st.HighTechEnterprises)},
	}
	for i, r := range rows {
		if err := x.row(name, firstRow+i, x.str(t.T(r.key)), r.value); err != nil {
			return err
		}
	}
	return nil
}

// groupSheet lists groups (fields or parks) with a 合计 row taken from the year's figures.
func (o outputBriefXLSX) groupSheet(sheetKey, firstKey string, groups []data.OutputGroup, label func(string) string) error {
	x, st := o.x, o.b.Summary.Stats
	name := o.t.T(sheetKey)
	headers := o.cols(firstKey, "brief.col.companies", "brief.col.output", "brief.col.added_value",
		"brief.col.prev_output", "brief.col.prev_added_value", "brief.col.growth", "brief.col.added_growth",
		"brief.col.share")
	if err := x.unitSheet(name, x.head.wan, headers, []float64{26, 10, 16, 16, 16, 16, 12, 12, 12}); err != nil {
		return err
	}
	for i, g := range groups {
		if err := x.row(name, firstRow+i, x.str(label(g.Key)), x.num(g.Companies), x.wan(g.Output), x.wan(g.AddedValue),
			x.wan(g.PrevOutput), x.wan(g.PrevAddedValue), x.growth(g.OutputGrowth()), x.growth(g.AddedValueGrowth()),
			x.share(g.Output, st.Output)); err != nil {
			return err
		}
	}
	return x.row(name, firstRow+len(groups), x.total(o.t.T("brief.total")), x.num(st.ReportingCompanies), x.wan(st.Output),
		x.wan(st.AddedValue), x.wan(st.PrevOutput), x.wan(st.PrevAddedValue), x.growth(st.OutputGrowth),
		x.growth(st.AddedValueGrowth), x.share(st.Output, st.Output))
}

func (o outputBriefXLSX) byField() error {
	return o.groupSheet("brief.sheet.by_field", "brief.col.field", o.b.Summary.ByField,
		func(k string) string { return fieldLabel(o.t, k) })
}

func (o outputBriefXLSX) byPark() error {
	return o.groupSheet("brief.sheet.by_park", "brief.col.park", o.b.Summary.ByPark,
		func(k string) string { return parkLabel(o.t, k) })
}

// top lists the largest companies and what they add up to.
func (o outputBriefXLSX) top() error {
	x, t, sum := o.x, o.t, o.b.Summary
	name := t.T("brief.sheet.top")
	headers := o.cols("brief.col.rank", "brief.col.company", "brief.col.uscc", "brief.col.field", "brief.col.park",
		"brief.col.output", "brief.col.added_value", "brief.col.share")
	if err := x.unitSheet(name, x.head.wan, headers, []float64{6, 36, 22, 20, 26, 16, 16, 10}); err != nil {
		return err
	}
	rows := sum.Top(TopCount)
	for i, r := range rows {
		if err := x.row(name, firstRow+i, x.num(i+1), x.str(r.Name), x.str(r.USCC), x.str(fieldLabel(t, r.Field)),
			x.str(parkLabel(t, r.Park)), x.wan(r.Output), x.wan(r.AddedValue), x.share(r.Output, sum.Output)); err != nil {
			return err
		}
	}
	top := data.Sum(rows)
	out, added := top.Output, top.AddedValue
	return x.row(name, firstRow+len(rows), x.str(""), x.total(t.T("brief.total")), x.str(""), x.str(""), x.str(""),
		x.wan(out), x.wan(added), x.share(out, sum.Output))
}

// trend lists the output and added value of the last years and charts them as clustered columns drawn from
// those cells, so that the chart follows the figures if a reader corrects one.
func (o outputBriefXLSX) trend() error {
	x, t, years := o.x, o.t, o.b.Years
	if len(years) == 0 {
		return nil
	}
	// Named by the years it holds, as the brief's heading (近两年, 近五年), not by the five it may hold.
	name := t.T("brief.xlsx.trend_sheet", map[string]any{"N": countWord(t, len(years)), "Count": len(years)})
	widths := []float64{10, 16, 16}
	if err := x.unitSheet(name, x.head.wan, o.cols("brief.col.year", "brief.col.output", "brief.col.added_value"),
		widths); err != nil {
		return err
	}
	for i, y := range years {
		if err := x.row(name, firstRow+i, x.num(y.Year), x.wan(y.Output), x.wan(y.AddedValue)); err != nil {
			return err
		}
	}
	chart := o.trendChart(name, firstRow+len(years)-1)
	if err := x.f.AddChart(name, chartColumn+strconv.Itoa(firstRow), chart); err != nil {
		return err
	}
	// The chart stands right of the table: the title rows, the print area and the page take it in.
	cols := len(widths) + 1 + int(math.Ceil(chartPx[0]*chart.Format.ScaleX/defaultColPx))
	rows := headerRow + int(math.Ceil(chartPx[1]*chart.Format.ScaleY/defaultRowPx))
	x.reach(name, cols, rows)
	return x.widenTitle(name, widths, cols)
}

// chartColumn is where the trend chart starts, one empty column right of the table; chartPx is excelize's
// default chart size in pixels, before the chart's scale.
const chartColumn = "E"

var chartPx = [2]float64{480, 290}

// trendChart is the column chart of the trend sheet, whose rows firstRow to last hold the years.
func (o outputBriefXLSX) trendChart(sheet string, last int) *excelize.Chart {
	years := o.b.Years
	ref := func(col string) string {
		return fmt.Sprintf("%s!$%s$%d:$%s$%d", quoteSheet(sheet), col, firstRow, col, last)
	}
	head := func(col string) string { return fmt.Sprintf("%s!$%s$%d", quoteSheet(sheet), col, headerRow) }
	byKind := false // one colour per series, not per bar
	title := o.t.T("brief.chart.title", map[string]any{"From": years[0].Year, "To": years[len(years)-1].Year})
	return &excelize.Chart{
		Type:       excelize.Col,
		VaryColors: &byKind,
		Series: []excelize.ChartSeries{
			{Name: head("B"), Categories: ref("A"), Values: ref("B"),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2E5496"}}},
			{Name: head("C"), Categories: ref("A"), Values: ref("C"),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"ED7D31"}}},
		},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend: excelize.ChartLegend{Position: "bottom"},
		// excelize's default axis labels are a pale grey that a printed copy loses.
		XAxis:  excelize.ChartAxis{Font: excelize.Font{Color: "404040"}},
		YAxis:  excelize.ChartAxis{Font: excelize.Font{Color: "404040"}, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}},
		Format: excelize.GraphicOptions{ScaleX: 1.4, ScaleY: 1.4},
	}
}

// records lists every output row of the year, the records behind every figure of the brief, and their sums.
func (o outputBriefXLSX) records() error {
	x, t, sum := o.x, o.t, o.b.Summary
	name := t.T("brief.sheet.records")
	headers := o.cols("brief.col.uscc", "brief.col.company", "brief.col.field", "brief.col.park", "brief.col.output",
		"brief.col.added_value", "brief.col.revenue", "brief.col.rd_expense", "brief.col.employees")
	widths := []float64{22, 36, 20, 26, 16, 16, 16, 16, 12}
	// A streamed sheet's widths are set before its rows: they fit the names of the first rows, as
	// exchange.ColumnWidths measures a list (English field names are longer than the Chinese ones).
	for _, r := range sum.Rows[:min(len(sum.Rows), widthRows)] {
		for i, s := range []string{r.Name, fieldLabel(t, r.Field), parkLabel(t, r.Park)} {
			widths[i+1] = max(widths[i+1], columnWidth(s))
		}
	}
	return x.streamSheet(name, x.head.wan, headers, widths, func(add func(...cell) error) error {
		for _, r := range sum.Rows {
			if err := add(x.str(r.USCC), x.str(r.Name), x.str(fieldLabel(t, r.Field)), x.str(parkLabel(t, r.Park)),
				x.wan(r.Output), x.wan(r.AddedValue), x.wan(r.Revenue), x.wan(r.RDExpense), x.num(r.Employees)); err != nil {
				return err
			}
		}
		all := data.Sum(sum.Rows)
		return add(x.total(t.T("brief.total")), x.str(""), x.str(""), x.str(""),
			x.wan(sum.Output), x.wan(sum.AddedValue), x.wan(all.Revenue), x.wan(all.RDExpense), x.num(all.Employees))
	})
}
