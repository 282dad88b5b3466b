package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"weak"
)

// The 政策服务 list pages from SQL like every list. A verdict is not a column of the records but what CheckPolicy
// makes of them, so the store writes each company's verdict for a policy and year into a table, with what the
// list shows and sorts by, and the list's search, filter, sort and pages are queries on that table.
//
// The table lives in a temporary SQLite database of the store's own (not in the records' file): the verdicts
// are derived, so they take no place in a backup, the change history or undo, and a store opened read-only
// keeps them as well. A set of verdicts is kept with the data version it was checked at (the last change the
// history recorded, and the migrations applied): when any record has changed since, the companies the changes
// touched are checked again (all of them after a large change such as an import).

// VerdictCandidates is the list filter keeping the 高企培育库's verdicts: 符合, 可能 and 接近.
const VerdictCandidates Verdict = "candidates"

// Sort keys of the policy list.
const (
	PolicySortVerdict = "verdict" // best verdict first; within one, the highest score first
	PolicySortName    = "name"    // pinyin order, as every list of names
	PolicySortUSCC    = "uscc"
	PolicySortScore   = "score"
)

// PolicyListFilter selects and orders a page of the 政策服务 list of a policy and year. Zero fields other than
// Policy and Year select everything.
type PolicyListFilter struct {
	Policy  Policy
	Year    int
	Query   string  // part of the company's name or USCC
	Verdict Verdict // one verdict, or VerdictCandidates; "": every verdict
	Sort    string  // one of the PolicySort… keys; "": PolicySortVerdict
	Desc    bool
	Offset  int
	Limit   int // 0: no limit
}

// PolicyListRow is one company's line in the 政策服务 list: its verdict, its score range, the rules it does not
// meet and the fields its records lack. The check-up reads the rule lines again for the one company opened.
type PolicyListRow struct {
	CompanyID int64
	USCC      string
	Name      string
	Verdict   Verdict
	Scored    bool // the policy's score was reached (the company has one)
	Direct    bool // recognised directly (科小: a 高企 certificate, an award…), whatever the score
	ScoreMin  int
	ScoreMax  int
	Short     []string // IDs of the rules not met (接近 or 不符合), in the rule set's order
	Missing   []string // fields the records lack
}

// PolicyListRowOf is what the list keeps of a check.
func PolicyListRowOf(pc *PolicyCheck) PolicyListRow {
	r := PolicyListRow{CompanyID: pc.CompanyID, USCC: pc.USCC, Name: pc.Name, Verdict: pc.Verdict, Missing: pc.Missing}
	for _, l := range pc.Lines {
		if l.Score != nil {
			r.Scored, r.ScoreMin, r.ScoreMax = true, l.Score.Min, l.Score.Max
		}
		if strings.HasPrefix(l.Reason, "direct_") {
			r.Direct = true
		}
		if l.Verdict == VerdictNear || l.Verdict == VerdictFails {
			r.Short = append(r.Short, l.Rule)
		}
	}
	return r
}

// ListedVerdicts are the verdicts in the order the list offers and sorts them: best first.
var ListedVerdicts = []Verdict{VerdictMeets, VerdictPossible, VerdictNear, VerdictMissing, VerdictFails}

func verdictListRank(v Verdict) int {
	for i, w := range ListedVerdicts {
		if w == v {
			return i
		}
	}
	return len(ListedVerdicts)
}

// policyTables is the schema of the verdicts database: the sets kept, each with the rules and the data version
// it was checked with. Each set's verdicts are a table of their own (verdictTable), made anew when every company
// is checked again, its indexes built after its rows: kept up to date row by row, four indexes of 100,000 rows
// took as long as the checks themselves.
const policyTables = `
CREATE TABLE IF NOT EXISTS verdict_set (
    policy       TEXT NOT NULL,
    year         INTEGER NOT NULL,
    rules        TEXT NOT NULL,
    data_version TEXT NOT NULL,
    PRIMARY KEY (policy, year)
);`

// verdictTable names the table of a policy's verdicts of a year. The policy is one RuleSetFor knows (every
// caller has its rule set), so the name is made of a known word and a number.
func verdictTable(p Policy, year int) string {
	return "verdict_" + string(p) + "_" + strconv.Itoa(year)
}

// verdictSchema makes a set's table. name_order is the company's place in the pinyin order of names, read
// from the records' own index (migration 0008): ordering 100,000 names by the collation here would call it two
// million times. name_lower is the name with its Latin letters in lower case, for the search.
func verdictSchema(table string) string {
	return `DROP TABLE IF EXISTS ` + table + `;
CREATE TABLE ` + table + ` (
    company_id INTEGER PRIMARY KEY,
    uscc       TEXT NOT NULL,
    name       TEXT NOT NULL,
    name_lower TEXT NOT NULL,
    name_order INTEGER NOT NULL,
    verdict    TEXT NOT NULL,
    rank       INTEGER NOT NULL,
    scored     INTEGER NOT NULL,
    direct     INTEGER NOT NULL,
    score_min  INTEGER NOT NULL,
    score_max  INTEGER NOT NULL,
    short      TEXT NOT NULL,
    missing    TEXT NOT NULL
);`
}

// verdictIndexes are the indexes of a set's table, one per sort of the list.
func verdictIndexes(table string) string {
	return `CREATE INDEX ` + table + `_rank ON ` + table + ` (rank, score_max DESC, company_id);
CREATE INDEX ` + table + `_name ON ` + table + ` (name_order);
CREATE INDEX ` + table + `_uscc ON ` + table + ` (uscc);
CREATE INDEX ` + table + `_score ON ` + table + ` (score_min, score_max, company_id);`
}

// policyList is a store's verdicts database: one connection to SQLite's private temporary database (its
// file name empty), which SQLite keeps in the connection's cache and writes beyond that to a file of its own in
// the system's temporary folder (TMPDIR or /var/tmp, /tmp on Unix; TEMP on Windows), deleted when the
// connection closes. The verdicts of 100,000 companies are 46 MB of pages, which an in-memory database held
// for the window's whole life in twice that (SQLite's allocator gives each 4 KB page an 8 KB slot): the largest
// part of the window's memory after the dashboard (issue 7: under 250 MB). The list's counts and pages read
// from the file as quickly (well under a millisecond each at that scale). A full disk fails the check with the
// disk-full error, as any write does.
type policyList struct {
	mu sync.Mutex // one check of the verdicts at a time
	db *sql.DB
	// rechecked is how many companies the last update checked again one by one (-1: every company), for tests.
	rechecked int
}

// policyLists are the verdicts databases of the open stores. A store's is closed when the store is collected:
// the Store type is shared by every part of data and this part keeps its own state beside it.
var policyLists sync.Map // weak.Pointer[Store] → *policyList

func (s *Store) policyList() (*policyList, error) {
	key := weak.Make(s)
	if v, ok := policyLists.Load(key); ok {
		return v.(*policyList), nil
	}
	db, err := sql.Open("sqlite", verdictsDatabase())
	if err != nil {
		return nil, internal(err, "cannot open the verdicts database")
	}
	// One connection that is never closed while the store lives: the database is that connection's.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	pl := &policyList{db: db}
	if v, loaded := policyLists.LoadOrStore(key, pl); loaded {
		db.Close()
		return v.(*policyList), nil
	}
	runtime.AddCleanup(s, func(k weak.Pointer[Store]) {
		if v, ok := policyLists.LoadAndDelete(k); ok {
			v.(*policyList).db.Close()
		}
	}, key)
	return pl, nil
}

// verdictsDatabase names the verdicts database: SQLite's temporary one, or an in-memory one where no file can
// be made in the temporary folder (missing, or read-only), so that the list works there as it did before, in
// more memory, rather than failing at its first check.
func verdictsDatabase() string {
	f, err := os.CreateTemp("", "scitech-verdicts-*")
	if err != nil {
		return ":memory:"
	}
	f.Close()
	os.Remove(f.Name())
	return ""
}

// policyDataVersion names the records as they are now: the last change the history recorded and the number of
// migrations applied. Every write of the store is a change group whose rows' changes the triggers record.
func (s *Store) policyDataVersion(ctx context.Context) (int64, int64, error) {
	var change, migrations int64
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(id), 0) FROM change),
		(SELECT count(*) FROM schema_migration)`).Scan(&change, &migrations)
	if err != nil {
		return 0, 0, internal(err, "cannot read the data version")
	}
	return change, migrations, nil
}

// policyRecheckCap is how many changed records the list checks company by company; after a larger change (an
// import, the sample set) it checks every company again, which is quicker than that many single checks.
const policyRecheckCap = 200

// policyTablesRead are the record tables the checks read; a change elsewhere leaves every verdict as it was.
var policyTablesRead = []string{"company", "annual_output", "declared_figures", "patent", "ip_right", "company_fact"}

// PreparePolicyList makes the kept verdicts of the policy and year those of the records as they are now:
// nothing to do when no record changed since they were checked, the companies a few changes touched checked
// again, or every company. It may take seconds (the first time for a year, or after an import): call it off the
// main goroutine. PolicyList and CountPolicyList call it too.
func (s *Store) PreparePolicyList(ctx context.Context, p Policy, year int) error {
	rs, err := RuleSetFor(p, year)
	if err != nil {
		return err
	}
	pl, err := s.policyList()
	if err != nil {
		return err
	}
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if _, err := pl.db.ExecContext(ctx, policyTables); err != nil {
		return internal(err, "cannot make the verdicts table")
	}
	change, migrations, err := s.policyDataVersion(ctx)
	if err != nil {
		return err
	}
	version := strconv.FormatInt(change, 10) + "." + strconv.FormatInt(migrations, 10)
	var keptRules, keptVersion string
	err = pl.db.QueryRowContext(ctx, `SELECT rules, data_version FROM verdict_set WHERE policy = ? AND year = ?`,
		string(p), year).Scan(&keptRules, &keptVersion)
	switch {
	case isNoRows(err):
	case err != nil:
		return internal(err, "cannot read the verdicts kept")
	case keptRules == rs.Version && keptVersion == version:
		return nil
	case keptRules == rs.Version:
		ids, ok, err := s.policyChangedCompanies(ctx, pl, p, year, keptVersion, change, migrations)
		if err != nil {
			return err
		}
		if ok {
			pl.rechecked = len(ids)
			return pl.recheck(ctx, s, rs, year, ids, version)
		}
	}
	pl.rechecked = -1
	return pl.checkAll(ctx, s, rs, year, version)
}

// policyChangedCompanies are the companies whose records changed after the kept version (change ids in
// (kept, now]), when they are few, every one of them is in the kept verdicts and none was renamed (a name's
// place in the pinyin order is kept as a number, which a rename or a new company would move for others too).
func (s *Store) policyChangedCompanies(ctx context.Context, pl *policyList, p Policy, year int, kept string,
	now, migrations int64) ([]int64, bool, error) {
	keptChange, keptMigrations, ok := strings.Cut(kept, ".")
	from, err1 := strconv.ParseInt(keptChange, 10, 64)
	m, err2 := strconv.ParseInt(keptMigrations, 10, 64)
	// Change ids are dense: now - from changes were made, and past a few per company they are an import.
	if !ok || err1 != nil || err2 != nil || m != migrations || from > now || now-from > 20*policyRecheckCap {
		return nil, false, nil
	}
	tables := "'" + strings.Join(policyTablesRead, "', '") + "'"
	// A changed row's company: the company's own id, the company the row belonged to before the change (NULL
	// for a row added), and the company it belongs to now (NULL for a row deleted).
	q := `SELECT DISTINCT company_id FROM (
		SELECT CASE WHEN ch.tbl = 'company' THEN ch.row_id ELSE ` + s.d.JSONField("ch.old", "company_id", "INTEGER") + ` END AS company_id
		FROM change ch WHERE ch.id > ? AND ch.id <= ? AND ch.tbl IN (` + tables + `)`
	args := []any{from, now}
	for _, t := range policyTablesRead[1:] {
		q += ` UNION ALL SELECT r.company_id FROM change ch JOIN ` + t + ` r ON r.id = ch.row_id
		WHERE ch.id > ? AND ch.id <= ? AND ch.tbl = '` + t + `'`
		args = append(args, from, now)
	}
	q += `) changed WHERE company_id IS NOT NULL LIMIT ?`
	ids, err := queryColumn[int64](ctx, s.db, "cannot read the changes", q, append(args, policyRecheckCap+1)...)
	if err != nil || len(ids) > policyRecheckCap {
		return nil, false, err
	}
	for _, id := range ids {
		var keptName string
		err := pl.db.QueryRowContext(ctx, `SELECT name FROM `+verdictTable(p, year)+` WHERE company_id = ?`, id).Scan(&keptName)
		if isNoRows(err) {
			return nil, false, nil // a new company (or one deleted that never was kept): its place in the order
		}
		if err != nil {
			return nil, false, internal(err, "cannot read the verdicts kept")
		}
		var name string
		err = s.db.QueryRowContext(ctx, `SELECT name FROM company WHERE id = ?`, id).Scan(&name)
		if err != nil && !isNoRows(err) {
			return nil, false, internal(err, "cannot read the company")
		}
		if err == nil && name != keptName {
			return nil, false, nil
		}
	}
	return ids, true, nil
}

// verdictColumns are the verdict table's columns in the order verdictValues gives them.
const verdictColumns = `company_id, uscc, name, name_lower, name_order, verdict, rank, scored, direct, score_min,
	score_max, short, missing`

// verdictColumnCount is how many columns verdictValues gives.
const verdictColumnCount = 13

func verdictValues(r *PolicyListRow, nameOrder int) []any {
	return []any{r.CompanyID, r.USCC, r.Name, asciiLower(r.Name), nameOrder, string(r.Verdict),
		verdictListRank(r.Verdict), r.Scored, r.Direct, r.ScoreMin, r.ScoreMax, strings.Join(r.Short, ","),
		strings.Join(r.Missing, ",")}
}

// verdictInsertRows is how many rows one INSERT writes: one statement per row would cost more than the checks.
const verdictInsertRows = 64

// checkAll checks every company again and keeps the verdicts in place of the last.
func (pl *policyList) checkAll(ctx context.Context, s *Store, rs *PolicyRuleSet, year int, version string) error {
	order, err := queryColumn[int64](ctx, s.db, "cannot list companies",
		`SELECT id FROM company ORDER BY name COLLATE `+Pinyin+`, id`)
	if err != nil {
		return err
	}
	place := make(map[int64]int, len(order))
	for i, id := range order {
		place[id] = i
	}
	// The transaction is not bound to ctx: database/sql would close a connection whose transaction's context
	// ends, and this database is that connection. A cancelled check stops the callback below instead.
	tx, err := pl.db.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		return internal(err, "cannot write the verdicts")
	}
	defer tx.Rollback()
	table := verdictTable(rs.Policy, year)
	if _, err := tx.ExecContext(ctx, verdictSchema(table)); err != nil {
		return internal(err, "cannot write the verdicts")
	}
	var vals []any
	flush := func() error {
		if len(vals) == 0 {
			return nil
		}
		n := len(vals) / verdictColumnCount
		row := `(` + strings.TrimSuffix(strings.Repeat(`?, `, verdictColumnCount), ", ") + `), `
		q := `INSERT INTO ` + table + ` (` + verdictColumns + `) VALUES ` + strings.TrimSuffix(strings.Repeat(row, n), ", ")
		_, err := tx.ExecContext(ctx, q, vals...)
		vals = vals[:0]
		if err != nil {
			return internal(err, "cannot write the verdicts")
		}
		return nil
	}
	err = s.PolicyChecks(ctx, rs.Policy, year, "", func(pc *PolicyCheck) error {
		r := PolicyListRowOf(pc)
		at, ok := place[r.CompanyID]
		if !ok {
			at = len(order) + int(r.CompanyID) // added since the order was read: after the others
		}
		vals = append(vals, verdictValues(&r, at)...)
		if len(vals) == verdictColumnCount*verdictInsertRows {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, verdictIndexes(table)); err != nil {
		return internal(err, "cannot write the verdicts")
	}
	return keepVersion(ctx, tx, rs, year, version)
}

// recheck checks the companies given again (those deleted since leave the list), keeping each one's place in
// the order of names.
func (pl *policyList) recheck(ctx context.Context, s *Store, rs *PolicyRuleSet, year int, ids []int64, version string) error {
	tx, err := pl.db.BeginTx(context.WithoutCancel(ctx), nil) // as checkAll's
	if err != nil {
		return internal(err, "cannot write the verdicts")
	}
	defer tx.Rollback()
	table := verdictTable(rs.Policy, year)
	for _, id := range ids {
		var uscc string
		err := s.db.QueryRowContext(ctx, `SELECT uscc FROM company WHERE id = ?`, id).Scan(&uscc)
		if isNoRows(err) {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE company_id = ?`, id); err != nil {
				return internal(err, "cannot write the verdicts")
			}
			continue
		}
		if err != nil {
			return internal(err, "cannot read the company")
		}
		pc, err := s.PolicyCheckOf(ctx, rs.Policy, year, uscc)
		if err != nil {
			return err
		}
		r := PolicyListRowOf(&pc)
		vals := verdictValues(&r, 0)
		vals = append(vals[:4:4], vals[5:]...) // name_order stays the kept one
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO `+table+` (`+verdictColumns+`)
			SELECT ?, ?, ?, ?, name_order, ?, ?, ?, ?, ?, ?, ?, ? FROM `+table+` WHERE company_id = ?`,
			append(vals, id)...); err != nil {
			return internal(err, "cannot write the verdicts")
		}
	}
	return keepVersion(ctx, tx, rs, year, version)
}

func keepVersion(ctx context.Context, tx *sql.Tx, rs *PolicyRuleSet, year int, version string) error {
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO verdict_set (policy, year, rules, data_version)
		VALUES (?, ?, ?, ?)`, string(rs.Policy), year, rs.Version, version); err != nil {
		return internal(err, "cannot write the verdicts")
	}
	if err := tx.Commit(); err != nil {
		return internal(err, "cannot write the verdicts")
	}
	return nil
}

// where is the filter's WHERE clause on the verdict table, with its arguments.
func (f PolicyListFilter) where() (string, []any) {
	where := ` WHERE 1`
	var args []any
	switch f.Verdict {
	case "":
	case VerdictCandidates:
		where += ` AND rank <= ?`
		args = append(args, verdictListRank(VerdictNear))
	default:
		where += ` AND rank = ?`
		args = append(args, verdictListRank(f.Verdict))
	}
	// A part of the name in any case of its Latin letters (as the other lists' LIKE), or of the code as typed in
	// any form; instr rather than LIKE: a search of 100,000 names is a scan, and instr has no pattern to match.
	if q := strings.TrimSpace(f.Query); q != "" {
		if code := NormalizeUSCC(q); code != "" {
			where += ` AND (instr(name_lower, ?) > 0 OR instr(uscc, ?) > 0)`
			args = append(args, asciiLower(q), code)
		} else { // "-": instr finds an empty code everywhere
			where += ` AND instr(name_lower, ?) > 0`
			args = append(args, asciiLower(q))
		}
	}
	return where, args
}

var policyListOrder = map[string]string{
	PolicySortVerdict: `rank%[1]s, score_max%[2]s, company_id%[1]s`, // within a verdict the closest first
	PolicySortName:    `name_order%[1]s`,
	PolicySortUSCC:    `uscc%[1]s`,
	PolicySortScore:   `score_min%[1]s, score_max%[1]s, company_id%[1]s`,
}

// PolicyList is a page of the 政策服务 list (every row when Limit is 0), checked first if the records changed.
func (s *Store) PolicyList(ctx context.Context, f PolicyListFilter) ([]PolicyListRow, error) {
	if err := s.PreparePolicyList(ctx, f.Policy, f.Year); err != nil {
		return nil, err
	}
	pl, err := s.policyList()
	if err != nil {
		return nil, err
	}
	order, ok := policyListOrder[f.Sort]
	if !ok {
		order = policyListOrder[PolicySortVerdict]
	}
	asc, desc := "", " DESC"
	if f.Desc {
		asc, desc = desc, asc
	}
	where, args := f.where()
	q := `SELECT company_id, uscc, name, verdict, scored, direct, score_min, score_max, short, missing FROM ` +
		verdictTable(f.Policy, f.Year) + where + ` ORDER BY ` + fmt.Sprintf(order, asc, desc)
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	rows, err := pl.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err, "cannot list the verdicts")
	}
	defer rows.Close()
	var out []PolicyListRow
	for rows.Next() {
		var r PolicyListRow
		var verdict, short, missing string
		if err := rows.Scan(&r.CompanyID, &r.USCC, &r.Name, &verdict, &r.Scored, &r.Direct, &r.ScoreMin, &r.ScoreMax,
			&short, &missing); err != nil {
			return nil, internal(err, "cannot list the verdicts")
		}
		r.Verdict, r.Short, r.Missing = Verdict(verdict), splitList(short), splitList(missing)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot list the verdicts")
	}
	return out, nil
}

// CountPolicyList counts the companies of the list the filter selects, checked first if the records changed.
func (s *Store) CountPolicyList(ctx context.Context, f PolicyListFilter) (int, error) {
	if err := s.PreparePolicyList(ctx, f.Policy, f.Year); err != nil {
		return 0, err
	}
	pl, err := s.policyList()
	if err != nil {
		return 0, err
	}
	where, args := f.where()
	var n int
	if err := pl.db.QueryRowContext(ctx, `SELECT count(*) FROM `+verdictTable(f.Policy, f.Year)+where, args...).Scan(&n); err != nil {
		return 0, internal(err, "cannot count the verdicts")
	}
	return n, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}
