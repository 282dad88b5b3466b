// Package reports writes the bureau's briefs: PDF pages laid out to GB/T 9704 with gofpdf, and XLSX workbooks
// with excelize holding the same tables and the records behind them. It formats figures computed by package
// data and never computes them again.
package reports

import (
	"strconv"

	"scitech/assets"
	"scitech/data"
)

// OutputBrief is the high-tech product output brief of one year (高新技术产品产值情况).
type OutputBrief struct {
	Summary     data.OutputSummary
	BriefHeader // here, where its fields were before: DataHash depends on the place (see BriefHeader)
	// PrevReporting is the number of companies that reported output the year before (Stats of Y−1).
	PrevReporting int
	// Years is the district's output and added value of the last TrendYears years with data, oldest first;
	// the chart of the brief draws them. Empty leaves the chart out.
	Years []data.YearOutput

	edited *BriefText // the text the user set; not data (see WorkBrief.edited)
}

// TrendYears is how many years the output chart spans.
const TrendYears = 5

// TopCount is how many companies the brief lists by output.
const TopCount = 10

// ShareTenths is part as a share of total in tenths of a percent, rounded half up, computed on whole yuan;
// ok is false when the total is not positive.
func ShareTenths(part, total data.Yuan) (tenths int64, ok bool) {
	if total <= 0 {
		return 0, false
	}
	num := int64(part) * 1000
	q, r := num/int64(total), num%int64(total)
	if 2*r >= int64(total) {
		q++
	}
	return q, true
}

// SharePct is part as a share of total in percent with one decimal ("31.6"), or "" when the total is zero.
func SharePct(part, total data.Yuan) string {
	t, ok := ShareTenths(part, total)
	if !ok {
		return ""
	}
	return strconv.FormatInt(t/10, 10) + "." + strconv.FormatInt(t%10, 10)
}

// dash stands in a table for a figure that cannot be computed, such as growth without a base.
const dash = "—"

func orDash(s string) string {
	if s == "" {
		return dash
	}
	return s
}

// fieldLabel is the name of a high-tech field in the brief's language.
func fieldLabel(t *assets.Translator, code string) string { return t.T("field." + code) }

// parkLabel is the name of a park, or the label of the companies outside any park.
func parkLabel(t *assets.Translator, name string) string {
	if name == "" {
		return t.T("park.none")
	}
	return name
}

// largestGroup returns the group with the largest output; ok is false when no group has any output.
func largestGroup(groups []data.OutputGroup) (g data.OutputGroup, ok bool) {
	for _, c := range groups {
		if c.Output > g.Output {
			g, ok = c, true
		}
	}
	return g, ok
}
