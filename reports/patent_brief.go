package reports

import (
	"context"
	"time"

	"scitech/data"
)

// PatentSource is what the patent brief reads from the database; *data.Store implements it.
type PatentSource interface {
	Stats(ctx context.Context, year int) (data.Stats, error)
	CountPatents(ctx context.Context, f data.PatentFilter) (int, error)
	PatentsValidByCompany(ctx context.Context, on time.Time, limit int) ([]data.NamedCount, error)
	FigureRecords(ctx context.Context, name string, year, limit int) (data.Table, error)
	BriefSettings(ctx context.Context) (data.BriefSettings, error)
}

// PatentYears is how many years the patent brief's table by year covers, the report year last.
const PatentYears = 5

// patentFigures are the figures the patent brief reports, by their names in data.FigureNames.
var patentFigures = []string{"patent_applications", "patent_grants", "patents_valid"}

// PatentKindRow holds the patent figures of one kind (invention, utility model, design) in the report year.
type PatentKindRow struct {
	Kind         string // data.PatentInvention, data.PatentUtility or data.PatentDesign
	Applications int    // filed in the year
	Grants       int    // granted in the year
	Valid        int    // valid on the year's last day
}

// PatentBrief is the patent brief of one year (专利情况): the year's applications, authorizations and valid
// patents against the year before, by kind, over five years, and the companies holding the most valid patents.
type PatentBrief struct {
	Stats  data.Stats      // the report year's figures
	ByKind []PatentKindRow // in the order of data.PatentKinds
	ByYear []data.Stats    // the last PatentYears years, oldest first; the last is Stats
	Top    []data.NamedCount
	// Records are the patents behind the year's three figures, for the workbook.
	Records []FigureRecords

	BriefHeader // last, where its fields were before: DataHash depends on the place (see BriefHeader)

	edited *BriefText // the text the user set; not data (see WorkBrief.edited)
}

// Prev is the figures of the year before the report year, when the brief covers it.
func (b PatentBrief) Prev() (data.Stats, bool) {
	if len(b.ByYear) < 2 {
		return data.Stats{}, false
	}
	return b.ByYear[len(b.ByYear)-2], true
}

// LoadPatentBrief gathers the patent brief of a year. The three figures come from Stats, for each of the
// five years; the split by kind counts the same patents through the patent list's filter. A year in which no
// patent was filed or granted is refused: valid patents alone are carried over from earlier years, and would
// make a brief of a year nobody has recorded yet.
func LoadPatentBrief(ctx context.Context, src PatentSource, year int, lang string, date time.Time) (PatentBrief, error) {
	b := PatentBrief{BriefHeader: BriefHeader{Date: date, Lang: lang}}
	var err error
	if b.Stats, err = src.Stats(ctx, year); err != nil {
		return b, err
	}
	if b.Stats.PatentApplications == 0 && b.Stats.PatentGrants == 0 {
		return b, &data.Error{Code: data.Invalid, Field: "year", Key: "brief.patents.no_data",
			Args: map[string]any{"Year": year}, Message: "no patent was filed or granted in the year"}
	}
	for y := year - PatentYears + 1; y < year; y++ {
		if data.ValidateYear(y) != nil {
			continue
		}
		st, err := src.Stats(ctx, y)
		if err != nil {
			return b, err
		}
		b.ByYear = append(b.ByYear, st)
	}
	b.ByYear = append(b.ByYear, b.Stats)
	end := data.YearEnd(year)
	for _, kind := range data.PatentKinds {
		r := PatentKindRow{Kind: kind}
		for _, c := range []struct {
			n *int
			f data.PatentFilter
		}{
			{&r.Applications, data.PatentFilter{Kind: kind, FiledYear: year}},
			{&r.Grants, data.PatentFilter{Kind: kind, GrantedYear: year}},
			{&r.Valid, data.PatentFilter{Kind: kind, Validity: data.OnlyValid, ValidOn: end}},
		} {
			if *c.n, err = src.CountPatents(ctx, c.f); err != nil {
				return b, err
			}
		}
		b.ByKind = append(b.ByKind, r)
	}
	if b.Top, err = src.PatentsValidByCompany(ctx, end, TopCount); err != nil {
		return b, err
	}
	for _, name := range patentFigures {
		t, err := src.FigureRecords(ctx, name, year, RecordsListed)
		if err != nil {
			return b, err
		}
		b.Records = append(b.Records, FigureRecords{Name: name, Table: t})
	}
	b.Settings, err = src.BriefSettings(ctx)
	return b, err
}
