package reports

import (
	"context"
	"slices"
	"time"

	"scitech/data"
)

// IncubatorSource is what the incubator brief reads from the database; *data.Store implements it.
type IncubatorSource interface {
	Stats(ctx context.Context, year int) (data.Stats, error)
	FigureRecords(ctx context.Context, name string, year, limit int) (data.Table, error)
	Incubators(ctx context.Context, f data.IncubatorFilter) ([]data.IncubatorRow, error)
	IncubatorStatusesOn(ctx context.Context, on time.Time) ([]data.NamedCount, error)
	IncubatorMovesIn(ctx context.Context, year int) ([]data.NamedCount, error)
	TeamIncubators(ctx context.Context, year int) ([]data.NamedCount, error)
	BriefSettings(ctx context.Context) (data.BriefSettings, error)
}

// IncubatorStatusRow is the number of incubator applications in one status at the year's end and the number
// that entered it during the year.
type IncubatorStatusRow struct {
	Status  string // one of data.IncubatorWorkflow.Statuses
	AtEnd   int
	Entered int
}

// IncubatorBrief is the incubator brief of one year (孵化器建设情况): the district's incubators, the
// applications to them by status, the start-up teams introduced, the companies signed and graduated.
type IncubatorBrief struct {
	Stats      data.Stats
	Incubators []data.IncubatorRow // the highest level first, then by name
	ByStatus   []IncubatorStatusRow
	TeamsInto  []string        // the incubators the year's teams were introduced into, most teams first
	Records    []FigureRecords // the applications behind teams_introduced and incubator_signed

	BriefHeader // last, where its fields were before: DataHash depends on the place (see BriefHeader)

	edited *BriefText // the text the user set; not data (see WorkBrief.edited)
}

// Status is the row of a status.
func (b IncubatorBrief) Status(status string) IncubatorStatusRow {
	for _, r := range b.ByStatus {
		if r.Status == status {
			return r
		}
	}
	return IncubatorStatusRow{Status: status}
}

// TotalArea is the floor area of all incubators in m².
func (b IncubatorBrief) TotalArea() int {
	n := 0
	for _, i := range b.Incubators {
		n += i.AreaM2
	}
	return n
}

// LoadIncubatorBrief gathers the incubator brief of a year. A district without any incubator is refused.
func LoadIncubatorBrief(ctx context.Context, src IncubatorSource, year int, lang string, date time.Time) (IncubatorBrief, error) {
	b := IncubatorBrief{BriefHeader: BriefHeader{Date: date, Lang: lang}}
	var err error
	if b.Stats, err = src.Stats(ctx, year); err != nil {
		return b, err
	}
	if b.Incubators, err = src.Incubators(ctx, data.IncubatorFilter{}); err != nil {
		return b, err
	}
	if len(b.Incubators) == 0 {
		return b, &data.Error{Code: data.Invalid, Key: "brief.incubators.no_data",
			Message: "there is no incubator"}
	}
	slices.SortStableFunc(b.Incubators, func(x, y data.IncubatorRow) int {
		return slices.Index(data.IncubatorLevels, x.Level) - slices.Index(data.IncubatorLevels, y.Level)
	})
	end, err := src.IncubatorStatusesOn(ctx, data.YearEnd(year))
	if err != nil {
		return b, err
	}
	moves, err := src.IncubatorMovesIn(ctx, year)
	if err != nil {
		return b, err
	}
	for _, st := range data.IncubatorWorkflow.Statuses {
		b.ByStatus = append(b.ByStatus, IncubatorStatusRow{Status: st, AtEnd: countOf(end, st), Entered: countOf(moves, st)})
	}
	for _, name := range []string{"teams_introduced", "incubator_signed"} {
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
	b.TeamsInto = namesOf(teams)
	b.Settings, err = src.BriefSettings(ctx)
	return b, err
}

func countOf(list []data.NamedCount, name string) int {
	for _, n := range list {
		if n.Name == name {
			return n.Count
		}
	}
	return 0
}
