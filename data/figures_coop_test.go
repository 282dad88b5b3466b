package data

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The institutions co-operating in a year are listed from the institutions, each looked up once, instead of
// from every active co-operation joined to its company and made DISTINCT: the rows, their order and the
// records they open are those the DISTINCT query gave, on a district whose institutions have several
// co-operations at once, only ended ones, or one that starts after the year.
func TestCoopInstitutionsRecordsAsTheDistinctQueryGave(t *testing.T) {
	ctx := context.Background()
	s := sampleStore(t)
	companies, err := queryColumn[int64](ctx, s.db, "cannot list companies", `SELECT id FROM company ORDER BY id LIMIT 3`)
	require.NoError(t, err)
	require.Len(t, companies, 3)
	day := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC) }
	coops := map[string][][2]time.Time{ // an institution's co-operations, one a company: started, ended (zero: going on)
		"甲研究院":  {{day(2022, 3), {}}, {day(2024, 5), {}}, {day(2020, 1), day(2023, 6)}},
		"乙大学":   {{day(2019, 1), day(2021, 12)}},
		"丙研究所":  {{day(2027, 1), {}}},
		"Alpha": {{day(2023, 1), day(2025, 1)}, {day(2025, 2), {}}},
	}
	for name, spans := range coops {
		in := Institution{Name: name, Kind: "institute", City: "大连"}
		require.NoError(t, s.CreateInstitution(ctx, &in))
		for i, span := range spans {
			c := Cooperation{CompanyID: companies[i], InstitutionID: in.ID, Started: span[0], Ended: span[1]}
			require.NoError(t, s.CreateCooperation(ctx, &c))
		}
	}
	for year := 2019; year <= 2027; year++ {
		old, err := s.queryTable(ctx, []string{"name", "city", "id"},
			`SELECT DISTINCT i.name, i.city, i.id`+coopActive+` ORDER BY i.name`, activeIn(year)...)
		require.NoError(t, err)
		got, err := s.FigureRecords(ctx, "coop_institutions", year, 0)
		require.NoError(t, err)
		require.Len(t, got.Rows, len(old.Rows), "%d", year)
		for i, row := range old.Rows {
			assert.Equal(t, row[:2], got.Rows[i], "%d: row %d", year, i)
			assert.Equal(t, row[2], itoa64(got.Refs[i].ID), "%d: row %d", year, i)
		}
	}
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
