package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadScaledDistrictIsValidAndCountsAgree loads a small synthetic district and checks it the slow way:
// every code passes the forms' validators, every link holds, every workflow has its history, and the figures
// of Stats equal a plain count over the rows read back one by one.
func TestLoadScaledDistrictIsValidAndCountsAgree(t *testing.T) {
	sqliteOnly(t) // LoadScaled's rebuild of a file's indexes and triggers (sqlite_master)
	t.Parallel()
	const n = 2000 // the district TestValidPatentCountAgreesAtScale reads, built once
	ctx := context.Background()
	s := scaledStore(t, n)
	assert.Error(t, s.LoadScaled(ctx, n), "only into an empty database")

	count := func(q string) int {
		var c int
		require.NoError(t, s.db.QueryRowContext(ctx, q).Scan(&c), q)
		return c
	}
	assert.Equal(t, n, count(`SELECT count(*) FROM company`))
	assert.Equal(t, n*ScaleYears, count(`SELECT count(*) FROM annual_output`))
	assert.Equal(t, n*10, count(`SELECT count(*) FROM patent`))
	assert.Equal(t, n/2, count(`SELECT count(*) FROM incubator_application`))
	assert.Zero(t, count(`SELECT count(*) FROM incubator_application a WHERE NOT EXISTS (SELECT 1 FROM incubator_application_history h
		WHERE h.application_id = a.id AND h.to_status = a.status AND h.day = a.status_date)`), "every application's status has its history step")
	assert.Zero(t, count(`SELECT count(*) FROM plan_application a WHERE NOT EXISTS (SELECT 1 FROM plan_application_history h
		WHERE h.application_id = a.id AND h.to_status = a.status)`), "every plan application's status has its history step")
	assert.Zero(t, count(`SELECT count(*) FROM pragma_foreign_key_check`))

	// The load drops the indexes and triggers of the tables it fills and builds them again: the schema is that
	// of a fresh database, the search's name pairs are exactly those the triggers keep, and every record
	// loaded is a change of the load's one change group, so that it can be undone like any other change.
	schema := func(s *Store) []string {
		rows, err := s.db.QueryContext(ctx, `SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY 1`)
		require.NoError(t, err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var o string
			require.NoError(t, rows.Scan(&o))
			out = append(out, o)
		}
		return out
	}
	assert.Equal(t, schema(openTestStore(t)), schema(s))
	grams := `SELECT DISTINCT lower(substr(c.name || char(1), s.n, 2)), c.id FROM company c JOIN gram_seq s ON s.n <= length(c.name)`
	assert.Equal(t, count(`SELECT count(*) FROM (`+grams+`)`), count(`SELECT count(*) FROM company_gram`))
	assert.Zero(t, count(`SELECT count(*) FROM (`+grams+` EXCEPT SELECT gram, company_id FROM company_gram)`))
	for _, tbl := range scaleTables {
		assert.Equal(t, count(`SELECT count(*) FROM `+tbl), count(`SELECT count(*) FROM change WHERE tbl = '`+tbl+`'`), tbl)
	}
	assert.Equal(t, 1, count(`SELECT count(DISTINCT group_id) FROM change`))
	_, err := s.db.ExecContext(ctx, `UPDATE company SET name = '旅顺测试改名有限公司' WHERE id = 1`)
	require.NoError(t, err)
	assert.Equal(t, 1, count(`SELECT count(*) FROM company_gram WHERE gram = '改名' AND company_id = 1`),
		"the search's triggers work again")

	year := ScaleLastYear
	end := YearEnd(year)
	companies, err := s.db.QueryContext(ctx, `SELECT uscc, cert_no, cert_issued FROM company`)
	require.NoError(t, err)
	hightech := 0
	for companies.Next() {
		var c Company
		var issued *string
		require.NoError(t, companies.Scan(&c.USCC, &c.CertNo, &issued))
		_, err := ValidateUSCC(c.USCC)
		require.NoError(t, err, c.USCC)
		c.CertIssued = scanDate(issued)
		if c.CertValidOn(end) {
			hightech++
		}
	}
	require.NoError(t, companies.Err())

	var output, added Yuan
	rows, err := s.db.QueryContext(ctx, `SELECT output, added_value FROM annual_output WHERE year = ?`, year)
	require.NoError(t, err)
	for rows.Next() {
		var o, a Yuan
		require.NoError(t, rows.Scan(&o, &a))
		require.LessOrEqual(t, a, o)
		output, added = output+o, added+a
	}
	require.NoError(t, rows.Err())

	filed, granted, valid := 0, 0, 0
	patents, err := s.db.QueryContext(ctx, `SELECT `+patentColumns+patentFrom)
	require.NoError(t, err)
	for patents.Next() {
		p, err := scanPatent(patents)
		require.NoError(t, err)
		require.NoError(t, p.Validate(), p.AppNo)
		if p.Filed.Year() == year {
			filed++
		}
		if !p.Granted.IsZero() && p.Granted.Year() == year {
			granted++
		}
		if ok, _ := p.ValidOn(end); ok {
			valid++
		}
	}
	require.NoError(t, patents.Err())

	st, err := s.Stats(ctx, year)
	require.NoError(t, err)
	assert.Equal(t, output, st.Output)
	assert.Equal(t, added, st.AddedValue)
	assert.Equal(t, n, st.ReportingCompanies)
	assert.Equal(t, hightech, st.HighTechEnterprises)
	assert.Equal(t, filed, st.PatentApplications)
	assert.Equal(t, granted, st.PatentGrants)
	assert.Equal(t, valid, st.PatentsValid)
	assert.Positive(t, st.PatentsValid)
	assert.Positive(t, st.CoopCompanies)
	assert.Positive(t, st.IncubatorSigned)
}

// A synthetic district passes the program's own check on the day it is built, whatever that day is: its
// patents are dated relative to the day (none granted, lapsed or refused after it), and one whose term has
// ended by then is recorded as expired, as the register would hold it (issue 14, item 12).
func TestLoadScaledPassesCheckOnTheDayItIsBuilt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, today := range []time.Time{day(2026, 12, 7), day(2031, 3, 1), day(2025, 6, 30), day(2040, 2, 29)} {
		t.Run(FormatDate(today), func(t *testing.T) {
			t.Parallel() // each day builds its own database
			s := openTestStore(t)
			s.now = func() time.Time { return today.Add(15 * time.Hour) }
			require.NoError(t, s.LoadScaled(ctx, 400))
			problems, err := s.Check(ctx)
			require.NoError(t, err)
			if len(problems) > 0 {
				t.Errorf("check found %d problems, the first: %s", len(problems), problems[0].Message)
			}
			var future, filed int
			require.NoError(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM patent WHERE filed > ?1 OR granted > ?1
				OR status_date > ?1`, FormatDate(today)).Scan(&future))
			assert.Zero(t, future, "no patent is filed, granted or changed after the day the district is built")
			require.NoError(t, s.db.QueryRowContext(ctx, `SELECT count(*) FROM patent WHERE filed > ?`,
				FormatDate(today.AddDate(-1, 0, 0))).Scan(&filed))
			assert.Positive(t, filed, "patents were filed in the year before the day")
		})
	}
}

// The sample set, loaded on a later day, also passes the check that day — its patents whose term has ended
// by then are recorded as expired — and keeps the figures the bureau published for 2025.
func TestLoadSamplePassesCheckOnTheDayItIsLoaded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, today := range []time.Time{day(2026, 12, 7), day(2027, 6, 1), day(2036, 1, 15)} {
		t.Run(FormatDate(today), func(t *testing.T) {
			t.Parallel() // each day builds its own database
			s := openTestStore(t)
			s.now = func() time.Time { return today }
			require.NoError(t, s.LoadSample(ctx))
			problems, err := s.Check(ctx)
			require.NoError(t, err)
			if len(problems) > 0 {
				t.Errorf("check found %d problems, the first: %s", len(problems), problems[0].Message)
			}
			st, err := s.Stats(ctx, 2025)
			require.NoError(t, err)
			assert.Equal(t, []int{63, 31, 206}, []int{st.PatentApplications, st.PatentGrants, st.PatentsValid})
			assert.Equal(t, Yuan(4_745_000_000), st.Output)
		})
	}
}
