package reports

import (
	"io"
	"strconv"

	"scitech/assets"
	"scitech/reports/exchange"
)

// WriteWorkBriefXLSX writes the work brief as a workbook: every figure with its unit (概况), the output and
// added value of the last years with their column chart, the partner institutions, the park projects, and one
// sheet per figure listing the records behind it.
func WriteWorkBriefXLSX(w io.Writer, b WorkBrief) error {
	return b.writeXLSX(w, b.Stats.Year, "brief.work.title", func(x *workbook, t *assets.Translator) []func() error {
		x.setHeading(t, b.BriefHeader, b.Stats.Year, "brief.work.title")
		wb := workBriefXLSX{x: x, t: t, b: b}
		trend := outputBriefXLSX{x: x, t: t, b: OutputBrief{Years: b.Years}}.trend
		return []func() error{wb.summary, trend, wb.partners, wb.projects, wb.records}
	})
}

// workBriefXLSX writes the sheets of the work brief.
type workBriefXLSX struct {
	x *workbook
	t *assets.Translator
	b WorkBrief
}

// summary lists each figure of the brief: name, value, unit.
func (o workBriefXLSX) summary() error {
	x, t, st := o.x, o.t, o.b.Stats
	name := t.T("brief.sheet.summary")
	headers := []string{t.T("brief.fig.item"), t.T("brief.fig.value"), t.T("brief.work.col.unit")}
	if err := x.sheet(name, headers, []float64{40, 30, 10}); err != nil {
		return err
	}
	count := func(key, unit string, n int) []cell { return []cell{x.str(t.T(key)), x.num(n), x.str(t.T(unit))} }
	pct := "brief.work.unit.pct"
	rows := [][]cell{
		{x.str(t.T("brief.fig.year")), x.num(st.Year), x.str("")},
		{x.str(t.T("brief.fig.issue")), x.str(xlsxIssue(t, o.b.BriefHeader)), x.str("")},
		{x.str(t.T("figure.output_yuan")), x.yi(st.Output), x.str(t.T("unit.yi"))},
		{x.str(t.T("figure.added_value_yuan")), x.yi(st.AddedValue), x.str(t.T("unit.yi"))},
		{x.str(t.T("brief.fig.output_growth")), x.growth(st.OutputGrowth), x.str(t.T(pct))},
		{x.str(t.T("brief.fig.added_growth")), x.growth(st.AddedValueGrowth), x.str(t.T(pct))},
		count("figure.hightech_enterprises", "unit.companies", st.HighTechEnterprises),
		count("figure.coop_companies", "unit.companies", st.CoopCompanies),
		count("figure.coop_institutions", "unit.institutions", st.CoopInstitutions),
		count("figure.coop_bases", "unit.items", st.CoopBases),
		count("figure.coop_outcomes", "brief.work.unit.outcomes", st.CoopOutcomes),
		count("figure.teams_introduced", "unit.teams", st.TeamsIntroduced),
		count("figure.incubator_signed", "unit.companies", st.IncubatorSigned),
		count("figure.plan_applicants", "unit.companies", st.PlanApplicants),
		count("figure.patent_applications", "unit.patents", st.PatentApplications),
		count("figure.patent_grants", "unit.patents", st.PatentGrants),
		count("figure.patents_valid", "unit.patents", st.PatentsValid),
		{x.str(t.T("brief.work.fig.programme")), x.str(o.b.Programme), x.str("")},
	}
	for i, r := range rows {
		if err := x.row(name, firstRow+i, r...); err != nil {
			return err
		}
	}
	return nil
}

// partners lists the year's partner institutions with the number of companies each works with.
func (o workBriefXLSX) partners() error {
	x, t := o.x, o.t
	name := t.T("brief.work.sheet.partners")
	if err := x.sheet(name, []string{t.T("brief.col.rank"), t.T("brief.work.col.name"),
		t.T("brief.work.col.companies")}, []float64{6, 40, 16}); err != nil {
		return err
	}
	for i, p := range o.b.Partners {
		if err := x.row(name, firstRow+i, x.num(i+1), x.str(p.Name), x.num(p.Count)); err != nil {
			return err
		}
	}
	return nil
}

// projects lists the parks' projects.
func (o workBriefXLSX) projects() error {
	x, t := o.x, o.t
	name := t.T("brief.work.sheet.projects")
	headers := []string{t.T("brief.work.col.park"), t.T("brief.work.col.title"), t.T("brief.work.col.lead"),
		t.T("brief.work.col.area"), t.T("brief.work.col.investment")}
	if err := x.sheet(name, headers, []float64{28, 40, 34, 14, 16}); err != nil {
		return err
	}
	r := firstRow
	for _, p := range o.b.Parks {
		for _, pr := range p.Projects {
			area := cell{float64(pr.Area) / 100, x.amount}
			if err := x.row(name, r, x.str(p.Park.Name), x.str(pr.Title), x.str(pr.Lead), area,
				x.wan(pr.Investment)); err != nil {
				return err
			}
			r++
		}
	}
	return nil
}

// amountColumns are the record columns holding amounts in 万元, written as numbers.
var amountColumns = map[string]bool{"figure.col.output": true, "figure.col.added_value": true}

// records writes one sheet per figure listing the records behind it.
func (o workBriefXLSX) records() error {
	x, t := o.x, o.t
	for _, fr := range o.b.Records {
		full := t.T("figure." + fr.Name)
		name := exchange.SheetName(full)
		x.fullNames[name] = full
		headers := make([]string, len(fr.Table.Columns))
		for i, c := range fr.Table.Columns {
			headers[i] = t.T(c)
		}
		widths := exchange.ColumnWidths(exchange.Table{Headers: headers, Rows: fr.Table.Rows})
		// The kinds are printed in words ("new product"), longer than the values measured.
		for _, row := range fr.Table.Rows[:min(len(fr.Table.Rows), widthRows)] {
			for j, v := range row {
				if s, ok := o.recordCell(fr.Table.Columns[j], v).value.(string); ok && j < len(widths) {
					widths[j] = max(widths[j], columnWidth(s))
				}
			}
		}
		if err := x.streamSheet(name, "", headers, widths, func(add func(...cell) error) error {
			cells := make([]cell, len(fr.Table.Columns))
			for _, row := range fr.Table.Rows {
				for j, v := range row {
					cells[j] = o.recordCell(fr.Table.Columns[j], v)
				}
				if err := add(cells[:len(row)]...); err != nil {
					return err
				}
			}
			if !fr.Table.Partial() {
				return nil
			}
			if err := add(); err != nil {
				return err
			}
			// Unbordered, so that the note reads on across the empty cells to its right.
			return add(cell{t.T("brief.records.partial",
				map[string]any{"N": len(fr.Table.Rows), "Total": fr.Table.Total}), 0})
		}); err != nil {
			return err
		}
	}
	return nil
}

func (o workBriefXLSX) recordCell(col, v string) cell {
	if amountColumns[col] {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return cell{f, o.x.amount}
		}
	}
	if col == "figure.col.kind" && o.t.Has("value."+v) {
		return o.x.str(o.t.T("value." + v))
	}
	return o.x.str(v)
}
