package reports

import (
	"context"
	"time"

	"scitech/data"
)

// CoopSource is what the cooperation brief reads from the database; *data.Store implements it.
type CoopSource interface {
	Stats(ctx context.Context, year int) (data.Stats, error)
	FigureRecords(ctx context.Context, name string, year, limit int) (data.Table, error)
	CoopsByInstitution(ctx context.Context, year int) ([]data.InstitutionCoops, error)
	CoopProgrammes(ctx context.Context, year int) ([]data.NamedCount, error)
	CountCooperations(ctx context.Context, f data.CooperationFilter) (int, error)
	CountCoopOutcomes(ctx context.Context, f data.CoopOutcomeFilter) (int, error)
	BriefSettings(ctx context.Context) (data.BriefSettings, error)
}

// CoopOutcomeRow counts the cooperation outcomes of one kind (project, new product).
type CoopOutcomeRow struct {
	Kind       string // one of data.OutcomeKinds
	InYear     int    // of the report year
	Cumulative int    // of the report year or before, as coop_outcomes counts them
}

// CoopBrief is the university–company cooperation brief of one year (产学研合作情况): the cooperations by
// institution, the bases, and the projects and new products.
type CoopBrief struct {
	Stats         data.Stats
	Cooperations  int // active in the year
	ByInstitution []data.InstitutionCoops
	Programmes    []data.NamedCount
	Outcomes      []CoopOutcomeRow
	Records       []FigureRecords // the records behind coop_companies, coop_institutions, coop_bases, coop_outcomes

	BriefHeader // last, where its fields were before: DataHash depends on the place (see BriefHeader)

	edited *BriefText // the text the user set; not data (see WorkBrief.edited)
}

// coopFigures are the figures the cooperation brief reports, by their names in data.FigureNames.
var coopFigures = []string{"coop_companies", "coop_institutions", "coop_bases", "coop_outcomes"}

// LoadCoopBrief gathers the cooperation brief of a year.
func LoadCoopBrief(ctx context.Context, src CoopSource, year int, lang string, date time.Time) (CoopBrief, error) {
	b := CoopBrief{BriefHeader: BriefHeader{Date: date, Lang: lang}}
	var err error
	if b.Stats, err = src.Stats(ctx, year); err != nil {
		return b, err
	}
	if b.Cooperations, err = src.CountCooperations(ctx, data.CooperationFilter{Year: year}); err != nil {
		return b, err
	}
	if b.ByInstitution, err = src.CoopsByInstitution(ctx, year); err != nil {
		return b, err
	}
	if b.Programmes, err = src.CoopProgrammes(ctx, year); err != nil {
		return b, err
	}
	for _, kind := range data.OutcomeKinds {
		r := CoopOutcomeRow{Kind: kind}
		if r.InYear, err = src.CountCoopOutcomes(ctx, data.CoopOutcomeFilter{Kind: kind, Year: year}); err != nil {
			return b, err
		}
		if r.Cumulative, err = src.CountCoopOutcomes(ctx, data.CoopOutcomeFilter{Kind: kind, UpToYear: year}); err != nil {
			return b, err
		}
		b.Outcomes = append(b.Outcomes, r)
	}
	for _, name := range coopFigures {
		t, err := src.FigureRecords(ctx, name, year, RecordsListed)
		if err != nil {
			return b, err
		}
		b.Records = append(b.Records, FigureRecords{Name: name, Table: t})
	}
	b.Settings, err = src.BriefSettings(ctx)
	return b, err
}

// Bases are the records behind coop_bases: name, company, institution, established.
func (b CoopBrief) Bases() data.Table {
	for _, r := range b.Records {
		if r.Name == "coop_bases" {
			return r.Table
		}
	}
	return data.Table{}
}
