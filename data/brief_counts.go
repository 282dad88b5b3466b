package data

import (
	"context"
	"time"
)

// PatentsValidByCompany lists the companies with the most patents valid on a day (the patents patents_valid
// counts), with how many each holds: the most first, then by name. At most limit companies; 0 means all.
func (s *Store) PatentsValidByCompany(ctx context.Context, on time.Time, limit int) ([]NamedCount, error) {
	cond, args := PatentValidSQL("t", on)
	q := `SELECT c.name, count(*)` + patentFrom + ` WHERE ` + cond + ` GROUP BY c.id ORDER BY 2 DESC, c.name`
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	return s.namedCounts(ctx, q, args...)
}
