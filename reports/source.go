package reports

import (
	"context"
	"time"

	"scitech/data"
)

// OutputSource is what the output brief reads from the database; *data.Store implements it.
type OutputSource interface {
	OutputSummary(ctx context.Context, year int) (data.OutputSummary, error)
	Stats(ctx context.Context, year int) (data.Stats, error)
	OutputByYear(ctx context.Context, last, n int) ([]data.YearOutput, error)
	BriefSettings(ctx context.Context) (data.BriefSettings, error)
}

// LoadOutputBrief gathers the figures and the header settings of the output brief of a year.
// A year without any output row is refused: a brief of zeros is never what the user meant.
func LoadOutputBrief(ctx context.Context, src OutputSource, year int, lang string, date time.Time) (OutputBrief, error) {
	sum, err := src.OutputSummary(ctx, year)
	if err != nil {
		return OutputBrief{}, err
	}
	if len(sum.Rows) == 0 {
		return OutputBrief{}, &data.Error{Code: data.Invalid, Field: "year", Key: "reports.no_data",
			Args: map[string]any{"Year": year}, Message: "there is no output data for the year"}
	}
	settings, err := src.BriefSettings(ctx)
	if err != nil {
		return OutputBrief{}, err
	}
	b := OutputBrief{Summary: sum, BriefHeader: BriefHeader{Settings: settings, Date: date, Lang: lang}}
	if year-1 >= data.MinYear {
		prev, err := src.Stats(ctx, year-1)
		if err != nil {
			return OutputBrief{}, err
		}
		b.PrevReporting = prev.ReportingCompanies
	}
	if b.Years, err = src.OutputByYear(ctx, year, TrendYears); err != nil {
		return OutputBrief{}, err
	}
	return b, nil
}
