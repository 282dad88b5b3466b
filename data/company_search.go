package data

import (
	"context"
	"encoding/json"
	"strings"
)

// companySearchCap is how many companies a search may take from company_gram (or from the codes) before it
// gives up on candidates: a fragment found in more names than this is common enough that walking the sort
// order's index finds a page of matches quickly.
const companySearchCap = 3000

// companyPairCap is how many companies a character pair of the fragment may be in for the search to check the
// others in them; a fragment whose every pair is more common is searched by walking the sort order.
const companyPairCap = 20000

// asciiLower lowers ASCII letters only, as SQLite's lower() and LIKE do.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// couldBeInUSCC tells whether a normalised fragment could be part of a stored code: codes are validated on every
// write (the store and the importer), so they hold digits and capital letters only.
func couldBeInUSCC(q string) bool {
	for _, r := range q {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return q != ""
}

// companyCandidates finds every company the filter's query could match: the companies holding the rarest
// character pair of the fragment (company_gram) and those whose code contains it. ok is false when the
// fragment is too common for that to pay (see companySearchCap); the candidates are then unknown. Every
// candidate is still checked with the query's LIKE, so the results are exactly those of the plain query.
func (s *Store) companyCandidates(ctx context.Context, q string) (ids []int64, ok bool, err error) {
	set, ok, err := s.nameCandidates(ctx, q)
	if err != nil || !ok {
		return nil, false, err
	}
	if code := NormalizeUSCC(q); couldBeInUSCC(code) {
		esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
		more, err := s.capIDs(ctx, `SELECT id FROM company WHERE uscc LIKE ? ESCAPE '\' LIMIT ?`, "%"+esc.Replace(code)+"%")
		if err != nil || more == nil {
			return nil, false, err
		}
		for _, id := range more {
			set[id] = true
		}
		if len(set) > 2*companySearchCap {
			return nil, false, nil
		}
	}
	ids = make([]int64, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	return ids, true, nil
}

// nameCandidates takes the companies holding every character pair of the fragment (for a single character,
// a pair starting with it). It counts each pair's companies up to companyPairCap and starts from the rarest:
// its companies when they are few, else those of them holding the other pairs too, when those are few.
func (s *Store) nameCandidates(ctx context.Context, q string) (map[int64]bool, bool, error) {
	rs := []rune(asciiLower(q))
	if len(rs) == 1 {
		return s.charCandidates(ctx, string(rs))
	}
	var pairs []string
	seen := map[string]bool{}
	for i := 0; i+1 < len(rs); i++ {
		if g := string(rs[i : i+2]); !seen[g] {
			seen[g] = true
			pairs = append(pairs, g)
		}
	}
	rarest, fewest := 0, companyPairCap+1
	for i, g := range pairs {
		var n int
		err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM company_gram WHERE gram = ? LIMIT ?) g`,
			g, companyPairCap+1).Scan(&n)
		if err != nil {
			return nil, false, internal(err, "cannot search companies")
		}
		if n < fewest {
			rarest, fewest = i, n
		}
		if n == 0 {
			return map[int64]bool{}, true, nil
		}
	}
	if fewest > companyPairCap {
		return nil, false, nil
	}
	q2 := `SELECT g.company_id FROM company_gram g WHERE g.gram = ?`
	args := []any{pairs[rarest]}
	if fewest > companySearchCap {
		for i, g := range pairs {
			if i != rarest {
				q2 += ` AND EXISTS (SELECT 1 FROM company_gram WHERE gram = ? AND company_id = g.company_id)`
				args = append(args, g)
			}
		}
	}
	ids, err := s.capIDs(ctx, q2+` LIMIT ?`, args...)
	if err != nil || ids == nil {
		return nil, false, err
	}
	return idSet(ids), true, nil
}

// charCandidates takes the companies holding a pair that starts with the character c: a range of company_gram
// read in key order, a company once for each of its pairs there, so up to twice companySearchCap rows are read
// and made a set in Go. DISTINCT in SQL would cost a server the whole range before its LIMIT (a character in
// every name: 60-110 ms on a city, where the rows up to the limit take 1-4 ms); SQLite streams either. A
// character whose range holds more rows, or more companies than companySearchCap, is too common.
func (s *Store) charCandidates(ctx context.Context, c string) (map[int64]bool, bool, error) {
	const maxRows = 2 * companySearchCap
	rows, err := s.db.QueryContext(ctx, `SELECT company_id FROM company_gram WHERE gram >= ? AND gram <= ? LIMIT ?`,
		c, c+"\U0010FFFF", maxRows+1)
	if err != nil {
		return nil, false, internal(err, "cannot search companies")
	}
	defer rows.Close()
	set, n := map[int64]bool{}, 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, false, internal(err, "cannot search companies")
		}
		set[id], n = true, n+1
	}
	if err := rows.Err(); err != nil {
		return nil, false, internal(err, "cannot search companies")
	}
	if n > maxRows || len(set) > companySearchCap {
		return nil, false, nil
	}
	return set, true, nil
}

func idSet(ids []int64) map[int64]bool {
	set := make(map[int64]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set
}

// capIDs runs a query of ids whose last placeholder is its LIMIT, asking for one more than companySearchCap:
// nil when there are more than that, else the ids (never nil).
func (s *Store) capIDs(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, query, append(args, companySearchCap+1)...)
	if err != nil {
		return nil, internal(err, "cannot search companies")
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, internal(err, "cannot search companies")
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot search companies")
	}
	if len(ids) > companySearchCap {
		return nil, nil
	}
	return ids, nil
}

// companyCandidatesFrom reads the candidates (a JSON array of ids, the dialect's JSONIDs) first, then their
// rows: CROSS JOIN keeps SQLite on the candidates first, and the join's condition (companyCandidateJoin) goes
// after the filter's WHERE, since PostgreSQL takes no ON after CROSS JOIN.
func (s *Store) companyCandidatesFrom() string {
	from, _, _ := s.d.JSONIDs()
	return ` FROM ` + from + ` CROSS JOIN company c LEFT JOIN park p ON p.id = c.park_id`
}

func (s *Store) companyCandidateJoin() string {
	_, id, _ := s.d.JSONIDs()
	return ` AND c.id = ` + id
}

// companySource is the FROM … WHERE … of the company list for a filter: with the candidates when the query
// has few (read in the candidates' order, sorted afterwards), else the plain LIKE over the whole table.
// none is true when the query can match no company at all.
func (s *Store) companySource(ctx context.Context, f CompanyFilter) (from string, args []any, none bool, err error) {
	where, args := f.where(s.d)
	if where == "" {
		return companyFrom, nil, false, nil
	}
	if strings.TrimSpace(f.Query) == "" {
		return companyFrom + where, args, false, nil // conditions only: no fragment to take candidates by
	}
	ids, ok, err := s.companyCandidates(ctx, strings.TrimSpace(f.Query))
	if err != nil {
		return "", nil, false, err
	}
	if !ok {
		return companyFrom + where, args, false, nil
	}
	if len(ids) == 0 {
		return "", nil, true, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return "", nil, false, internal(err, "cannot search companies")
	}
	return s.companyCandidatesFrom() + where + s.companyCandidateJoin(),
		append([]any{string(list)}, args...), false, nil
}
