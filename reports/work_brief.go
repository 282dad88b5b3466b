package reports

import (
	"context"
	"strconv"
	"strings"
	"time"

	"scitech/assets"
	"scitech/data"
)

// WorkSource is what the work brief reads from the database; *data.Store implements it.
type WorkSource interface {
	Stats(ctx context.Context, year int) (data.Stats, error)
	FigureRecords(ctx context.Context, name string, year, limit int) (data.Table, error)
	CoopPartners(ctx context.Context, year int) ([]data.NamedCount, error)
	CoopProgrammes(ctx context.Context, year int) ([]data.NamedCount, error)
	TeamIncubators(ctx context.Context, year int) ([]data.NamedCount, error)
	Parks(ctx context.Context) ([]data.Park, error)
	ParkProjects(ctx context.Context, f data.ParkProjectFilter) ([]data.ParkProject, error)
	BriefSettings(ctx context.Context) (data.BriefSettings, error)
	OutputByYear(ctx context.Context, last, n int) ([]data.YearOutput, error)
}

// WorkPark is a park of the work brief with its projects.
type WorkPark struct {
	Park     data.Park
	Projects []data.ParkProject
}

// WorkBrief is the district's S&T work brief of one year (科技工作简报): the year's figures in words, in the
// order of the article the district published — output, cooperation, incubators, patents, the parks — and,
// in the workbook, the records behind each figure.
type WorkBrief struct {
	Stats      data.Stats
	Partners   []data.NamedCount // the year's partner institutions, the most companies first
	Programme  string            // the programme most of the year's cooperations run under; "" if none
	Incubators []string          // the incubators the year's start-up teams were introduced into, most teams first
	Parks      []WorkPark
	Records    []FigureRecords // the records behind each figure, in the order of data.FigureNames
	// Years is the district's output and added value of the last TrendYears years with data, oldest first,
	// for the workbook's chart.
	Years []data.YearOutput

	BriefHeader // last, where its fields were before: DataHash depends on the place (see BriefHeader)

	// edited is the text the user set (Brief.SetText); nil prints the text the data gives. It is not data:
	// encoding/json skips an unexported field, so DataHash does too.
	edited *BriefText
}

// FigureRecords are the records behind one figure.
type FigureRecords struct {
	Name  string // the figure's name, as data.FigureNames gives it
	Table data.Table
}

// RecordsListed is how many records behind each figure a brief's workbook lists. A district has hundreds of
// each, so its workbooks list them all; at a city's scale the valid patents alone are hundreds of thousands
// (beyond what a reader scrolls, and beyond the 1,048,576 rows a sheet can hold), so a sheet then lists the
// first ones and says how many there are; the lists of the program export them all.
const RecordsListed = 10000

// PartnersNamed is how many partner institutions the work brief names.
const PartnersNamed = 3

// LoadWorkBrief gathers what the work brief of a year says. A year without any output row is refused, as
// for the output brief: the brief opens with the year's output, and cumulative figures alone (bases, valid
// patents, signed companies) would make a brief of a year nobody has reported yet.
func LoadWorkBrief(ctx context.Context, src WorkSource, year int, lang string, date time.Time) (WorkBrief, error) {
	b := WorkBrief{BriefHeader: BriefHeader{Date: date, Lang: lang}}
	var err error
	if b.Stats, err = src.Stats(ctx, year); err != nil {
		return b, err
	}
	if b.Stats.ReportingCompanies == 0 {
		return b, &data.Error{Code: data.Invalid, Field: "year", Key: "reports.no_data",
			Args: map[string]any{"Year": year}, Message: "there is no output data for the year"}
	}
	if b.Partners, err = src.CoopPartners(ctx, year); err != nil {
		return b, err
	}
	progs, err := src.CoopProgrammes(ctx, year)
	if err != nil {
		return b, err
	}
	if len(progs) > 0 {
		b.Programme = progs[0].Name
	}
	for _, name := range data.FigureNames() {
		if name == "added_value_yuan" {
			continue // the same output rows as output_yuan
		}
		t, err := src.FigureRecords(ctx, name, year, RecordsListed)
		if err != nil {
			return b, err
		}
		b.Records = append(b.Records, FigureRecords{Name: name, Table: t})
	}
	teams, err := src.TeamIncubators(ctx, year)
	if err != nil {
		return b, err
	}
	b.Incubators = namesOf(teams)
	if b.Parks, err = loadWorkParks(ctx, src); err != nil {
		return b, err
	}
	if b.Years, err = src.OutputByYear(ctx, year, TrendYears); err != nil {
		return b, err
	}
	b.Settings, err = src.BriefSettings(ctx)
	return b, err
}

func loadWorkParks(ctx context.Context, src WorkSource) ([]WorkPark, error) {
	parks, err := src.Parks(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]WorkPark, 0, len(parks))
	for _, p := range parks {
		projects, err := src.ParkProjects(ctx, data.ParkProjectFilter{ParkID: p.ID})
		if err != nil {
			return nil, err
		}
		out = append(out, WorkPark{Park: p, Projects: projects})
	}
	return out, nil
}

// namesOf gives the names of a list of named counts, in its order.
func namesOf(ns []data.NamedCount) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Name
	}
	return out
}

// listNames joins names the way the brief's language lists them: 甲、乙、丙 / A, B and C.
func listNames(t *assets.Translator, names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	sep, and := "、", "、"
	if t.Lang != "zh" {
		sep, and = ", ", " and "
	}
	return strings.Join(names[:len(names)-1], sep) + and + names[len(names)-1]
}

// countWord writes a small count in words for the parks' label (两园一廊, two gardens and one gallery).
func countWord(t *assets.Translator, n int) string {
	if n >= 1 && n <= 9 {
		return t.T("brief.work.count." + string(rune('0'+n)))
	}
	return strconv.Itoa(n)
}
