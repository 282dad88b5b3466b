package data

import (
	"context"
	"time"
)

// PatentsValidByCompany lists the companies with the most patents valid on a day (the patents patents_valid
// counts), with how many each holds: the most first, then by name. At most limit companies; 0 means all.
func (s *Store) PatentsValidByCompany(ctx context.Context, on time.Time, limit int) ([]NamedCount, error) {
	cond, args := s.patentValidSQL("t", on)
	q := `SELECT c.name, count(*)` + patentFrom + ` WHERE ` + cond + ` GROUP BY c.id ORDER BY 2 DESC, c.name`
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	return s.namedCounts(ctx, q, args...)
}

// IncubatorStatusesOn counts the incubator applications by the status each was in at the end of a day, from
// their history: an application counts under the last status it entered on or before that day, and not at
// all if it had not been submitted by then. Statuses no application was in are left out.
func (s *Store) IncubatorStatusesOn(ctx context.Context, on time.Time) ([]NamedCount, error) {
	return s.namedCounts(ctx, `SELECT h.to_status, count(*) FROM incubator_application_history h
		WHERE h.id = (SELECT max(l.id) FROM incubator_application_history l
			WHERE l.application_id = h.application_id AND l.day <= ?)
		GROUP BY h.to_status ORDER BY h.to_status`, FormatDate(dateOnly(on)))
}

// IncubatorMovesIn counts the incubator applications that entered each status during a year (an application
// moved twice into the same status counts once).
func (s *Store) IncubatorMovesIn(ctx context.Context, year int) ([]NamedCount, error) {
	if err := ValidateYear(year); err != nil {
		return nil, err
	}
	return s.namedCounts(ctx, `SELECT to_status, count(DISTINCT application_id) FROM incubator_application_history
		WHERE day BETWEEN ? AND ? GROUP BY to_status ORDER BY to_status`, yearStart(year), FormatDate(YearEnd(year)))
}

// InstitutionCoops is an institution with the companies it cooperates with and the cooperations, in a year.
type InstitutionCoops struct {
	Name         string
	Companies    int
	Cooperations int
}

// CoopsByInstitution lists the institutions of the cooperations active in a year (those coop_institutions
// counts) with their companies and cooperations: the most companies first, then the most cooperations, then
// in the order the institutions were registered.
func (s *Store) CoopsByInstitution(ctx context.Context, year int) ([]InstitutionCoops, error) {
	if err := ValidateYear(year); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT i.name, count(DISTINCT c.company_id), count(*)`+coopActiveByInstitution+
		` GROUP BY i.id ORDER BY 2 DESC, 3 DESC, i.id`, activeIn(year)...)
	if err != nil {
		return nil, internal(err, "cannot count the cooperations by institution")
	}
	defer rows.Close()
	var out []InstitutionCoops
	for rows.Next() {
		var n InstitutionCoops
		if err := rows.Scan(&n.Name, &n.Companies, &n.Cooperations); err != nil {
			return nil, internal(err, "cannot count the cooperations by institution")
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot count the cooperations by institution")
	}
	return out, nil
}
