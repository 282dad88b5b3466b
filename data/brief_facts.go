package data

import "context"

// NamedCount is a name the work brief mentions and how many records stand behind it.
type NamedCount struct {
	Name  string
	Count int
}

// CoopPartners lists the institutions of the cooperations active in a year (those coop_institutions counts),
// with how many companies each cooperates with: the most partners first, then in the order the institutions
// were registered. The work brief names the first of them.
func (s *Store) CoopPartners(ctx context.Context, year int) ([]NamedCount, error) {
	if err := ValidateYear(year); err != nil {
		return nil, err
	}
	return s.namedCounts(ctx, `SELECT i.name, count(DISTINCT c.company_id)`+coopActiveByInstitution+
		` GROUP BY i.id ORDER BY 2 DESC, i.id`, activeIn(year)...)
}

// coopActiveByInstitution is coopActive without its join to company, for the counts that read no company's
// column: a cooperation's company_id is a NOT NULL foreign key, so the join keeps every row, and looking up
// each cooperation's company was three quarters of such a count's time at 100,000 companies.
const coopActiveByInstitution = ` FROM cooperation c JOIN institution i ON i.id = c.institution_id
	WHERE c.started <= ? AND (c.ended IS NULL OR c.ended >= ?)`

// CoopProgrammes lists the programmes of the cooperations active in a year with how many cooperations run
// under each: the most common first and, among equals, the one that started earliest.
func (s *Store) CoopProgrammes(ctx context.Context, year int) ([]NamedCount, error) {
	if err := ValidateYear(year); err != nil {
		return nil, err
	}
	return s.namedCounts(ctx, `SELECT c.programme, count(*)`+coopActiveCount+
		` AND c.programme <> '' GROUP BY c.programme ORDER BY 2 DESC, min(c.started), c.programme`, activeIn(year)...)
}

// TeamIncubators lists the incubators the start-up teams of a year were introduced into (teams_introduced)
// with how many teams each signed: the most teams first and, among equals, the one whose first team in the
// order of the figure's records (day, then applicant) came first. A day is always ten characters, so the text
// of day and applicant orders by day, then applicant.
func (s *Store) TeamIncubators(ctx context.Context, year int) ([]NamedCount, error) {
	if err := ValidateYear(year); err != nil {
		return nil, err
	}
	return s.namedCounts(ctx, `SELECT n.name, count(DISTINCT a.id)`+teamsIntroduced+
		` GROUP BY n.id ORDER BY 2 DESC, min(h.day || ' ' || a.applicant), n.name`, inYear(year)...)
}

func (s *Store) namedCounts(ctx context.Context, q string, args ...any) ([]NamedCount, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err, "cannot list the brief's names")
	}
	defer rows.Close()
	var out []NamedCount
	for rows.Next() {
		var n NamedCount
		if err := rows.Scan(&n.Name, &n.Count); err != nil {
			return nil, internal(err, "cannot list the brief's names")
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot list the brief's names")
	}
	return out, nil
}
