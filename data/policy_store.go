package data

import (
	"context"
	"database/sql"
	"math"
	"strconv"
	"strings"
	"sync"

	"scitech/data/dialect"
)

// The policy reader. Checking every company of a city reads four kinds of rows: the companies, their output rows
// of the three-year window, their IP counted at the year's end, and the small sets of facts and declared figures.
// One query joining them all (the benchmark's anchor) is one SQLite statement on one connection, so one core
// does all of SQLite's work, and the aggregate over the patents is made into a temporary table before the first
// row comes out. Instead each kind is read by a query of its own, ordered by company, on a connection of its own
// at the same time, and the reader merges the streams by company id: on two cores 100,000 companies are checked
// in about half the anchor's time (BenchmarkPolicyCheck100k).

// policyBatch is how many rows a stream hands over at once: small enough to keep the memory of one company's
// rows in flight, large enough that the channel is not the cost.
const policyBatch = 512

// companyRow is one stream row: the company it belongs to and the value read.
type companyRow[T any] struct {
	company int64
	v       T
}

// rowStream is one ordered query read on its own goroutine and connection, in batches.
type rowStream[T any] struct {
	ch   chan []companyRow[T]
	buf  []companyRow[T]
	err  error // set before ch is closed
	done bool  // ch was seen closed: err may be read
}

// streamRows starts reading query's rows, each turned by scan into its company and value; the rows must come
// in company order. wg is done when the goroutine has returned (after ctx is cancelled at the latest).
func streamRows[T any](ctx context.Context, s *Store, wg *sync.WaitGroup, scan func(*sql.Rows) (int64, T, error),
	query string, args ...any) *rowStream[T] {
	return streamRowsAhead(ctx, s, wg, 4, scan, query, args...)
}

// streamRowsAhead is streamRows holding up to ahead batches the merge has not taken yet.
func streamRowsAhead[T any](ctx context.Context, s *Store, wg *sync.WaitGroup, ahead int,
	scan func(*sql.Rows) (int64, T, error), query string, args ...any) *rowStream[T] {
	st := &rowStream[T]{ch: make(chan []companyRow[T], ahead)}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(st.ch)
		st.err = st.read(ctx, s, scan, query, args)
	}()
	return st
}

func (st *rowStream[T]) read(ctx context.Context, s *Store, scan func(*sql.Rows) (int64, T, error), query string, args []any) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	done, err := s.streamRead(ctx, conn)
	if err != nil {
		return err
	}
	defer done()
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	batch := make([]companyRow[T], 0, policyBatch)
	send := func() bool {
		select {
		case st.ch <- batch:
			batch = make([]companyRow[T], 0, policyBatch)
			return true
		case <-ctx.Done():
			return false
		}
	}
	for rows.Next() {
		id, v, err := scan(rows)
		if err != nil {
			return err
		}
		batch = append(batch, companyRow[T]{id, v})
		if len(batch) == policyBatch && !send() {
			return ctx.Err()
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 && !send() {
		return ctx.Err()
	}
	return nil
}

// streamReader is a dialect that readies a connection for one of a check's streams: SQLite's gives it a small
// page cache, where its LongRead would map the file (four streams mapped at once kept up to 130 MB of it
// resident in the window). A dialect without it needs nothing: a server reads its own pages.
type streamReader interface {
	StreamRead(ctx context.Context, c *sql.Conn) (done func(), err error)
}

func (s *Store) streamRead(ctx context.Context, c *sql.Conn) (done func(), err error) {
	if sr, ok := s.d.(streamReader); ok {
		return sr.StreamRead(ctx, c)
	}
	return func() {}, nil
}

// head is the next row without taking it; ok is false at the end of the stream.
func (st *rowStream[T]) head() (companyRow[T], bool) {
	for len(st.buf) == 0 {
		b, ok := <-st.ch
		if !ok {
			st.done = true
			return companyRow[T]{}, false
		}
		st.buf = b
	}
	return st.buf[0], true
}

// take calls f with each row of company id, skipping rows of companies before it (none: every query reads
// rows of existing companies, in the same order).
func (st *rowStream[T]) take(id int64, f func(T)) {
	for {
		r, ok := st.head()
		if !ok || r.company > id {
			return
		}
		st.buf = st.buf[1:]
		if r.company == id {
			f(r.v)
		}
	}
}

// failed is the stream's error once it has ended: a stream that failed ends early, and the companies after
// that must not be checked without its rows.
func (st *rowStream[T]) failed() error {
	if st.done {
		return st.err
	}
	return nil
}

// drain reads the stream to its end, so that its goroutine can return.
func (st *rowStream[T]) drain() {
	for range st.ch {
	}
}

// ipCounts are a company's valid IP at the year's end by class.
type ipCounts struct{ classI, classII int }

// policyQueries are the reader's queries for year: every company, or the one whose (normalised) USCC is given.
type policyQueries struct {
	d    dialect.Dialect
	year int
	uscc string
}

// of narrows a query on table alias a to the one company, if any: where is "WHERE" or "AND".
func (pq policyQueries) of(a, where string) string {
	if pq.uscc == "" {
		return ""
	}
	col := a + ".company_id"
	if a == "c" {
		col = "c.id"
	}
	return " " + where + " " + col + " = (SELECT id FROM company WHERE uscc = ?)"
}

func (pq policyQueries) args(args ...any) []any {
	if pq.uscc != "" {
		args = append(args, pq.uscc)
	}
	return args
}

func (pq policyQueries) companies() (string, []any) {
	return `SELECT c.id, c.uscc, c.name, c.field, c.founded, c.cert_no, c.cert_issued FROM company c` +
		pq.of("c", "WHERE") + ` ORDER BY c.id`, pq.args()
}

// outputs reads the window's output rows. The unary + keeps SQLite off the index on year: through it the rows
// come in year order and are sorted again by company (a temporary B-tree of 300,000 rows for 100,000
// companies) before the first is given, where walking the (company_id, year) index gives them in order at
// once, for half the work.
func (pq policyQueries) outputs() (string, []any) {
	return `SELECT o.company_id, o.year, o.revenue, o.rd_expense, o.employees, o.rd_staff,
		o.` + strings.ReplaceAll(policyFigureColumns, ", ", ", o.") + `
		FROM annual_output o WHERE +o.year BETWEEN ? AND ?` + pq.of("o", "AND") + ` ORDER BY o.company_id, o.year`,
		pq.args(pq.year-2, pq.year)
}

// ip counts the IP valid at the year's end: invention patents and the class I rights of ip_right are class I;
// utility models, designs and software copyrights class II, one used in a recognition of the year checked or
// before no longer counting (an item counts in one recognition only). The IP rights besides patents have no
// term here: the records keep those still held. Patents and the other rights are two sorted aggregates
// merged by company, each a walk of its company index.
//
// It reads the companies of id from lo up to hi (0: no end). The patents are most of a check's reading (ten a
// company, each judged valid by its dates), so the two halves of the companies are read at once, one a core.
func (pq policyQueries) ip(lo, hi int64) (string, []any) {
	upTo := func(col string) string {
		if hi == 0 {
			return ""
		}
		return " AND " + col + " < " + strconv.FormatInt(hi, 10)
	}
	valid, validArgs := patentValidSQL(pq.d, "t", YearEnd(pq.year))
	q := `SELECT company_id, sum(class1), sum(class2) FROM (
			SELECT t.company_id, CASE WHEN t.kind = 'invention' THEN 1 ELSE 0 END AS class1,
				CASE WHEN t.kind <> 'invention' AND (t.used_in = 0 OR t.used_in > ?) THEN 1 ELSE 0 END AS class2
			FROM patent t WHERE ` + valid + ` AND t.company_id >= ?` + upTo("t.company_id") + pq.of("t", "AND") + `
			UNION ALL
			SELECT r.company_id, CASE WHEN r.kind <> 'software_copyright' THEN 1 ELSE 0 END,
				CASE WHEN r.kind = 'software_copyright' AND (r.used_in = 0 OR r.used_in > ?) THEN 1 ELSE 0 END
			FROM ip_right r WHERE r.granted <= ? AND r.company_id >= ?` + upTo("r.company_id") + pq.of("r", "AND") + `) ip
		GROUP BY company_id ORDER BY company_id`
	args := append([]any{pq.year}, validArgs...)
	args = append(args, lo)
	args = pq.args(args...)
	args = append(args, pq.year, FormatDate(YearEnd(pq.year)), lo)
	return q, pq.args(args...)
}

// policyMaxCompanies bounds the counts read ahead: a district of more companies only waits for the merge.
const policyMaxCompanies = 200_000

// middleCompany is the id that splits the companies checked into two halves (0 for one company, or none).
func (pq policyQueries) middleCompany(ctx context.Context, db *sql.DB) (int64, error) {
	if pq.uscc != "" {
		return 0, nil
	}
	var mid sql.NullInt64
	err := db.QueryRowContext(ctx, `SELECT id FROM company ORDER BY id
		LIMIT 1 OFFSET (SELECT count(*) FROM company) / 2`).Scan(&mid)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return mid.Int64, err
}

// The scanners below each keep one set of scan targets for every row of their stream: a target per column
// per row would be an allocation per column per row, for the collector to sweep.

func policyCompanyScanner() func(*sql.Rows) (int64, Company, error) {
	var c Company
	var founded, certIssued sql.NullString
	dest := []any{&c.ID, &c.USCC, &c.Name, &c.Field, &founded, &c.CertNo, &certIssued}
	return func(rows *sql.Rows) (int64, Company, error) {
		c = Company{}
		err := rows.Scan(dest...)
		c.Founded, c.CertIssued = scanDate(&founded.String), scanDate(&certIssued.String)
		return c.ID, c, err
	}
}

func policyOutputScanner() func(*sql.Rows) (int64, AnnualOutput, error) {
	var o AnnualOutput
	var revenue, rd, employees, rdStaff sql.NullInt64
	var figs policyFigureScan
	dest := append([]any{&o.CompanyID, &o.Year, &revenue, &rd, &employees, &rdStaff}, figs.dest()...)
	return func(rows *sql.Rows) (int64, AnnualOutput, error) {
		o = AnnualOutput{}
		err := rows.Scan(dest...)
		o.Revenue, o.RDExpense, o.Employees, o.RDStaff = Yuan(revenue.Int64), Yuan(rd.Int64), int(employees.Int64), int(rdStaff.Int64)
		figs.intoBlock(&o)
		return o.CompanyID, o, err
	}
}

func ipCountsScanner() func(*sql.Rows) (int64, ipCounts, error) {
	var id int64
	var n ipCounts
	dest := []any{&id, &n.classI, &n.classII}
	return func(rows *sql.Rows) (int64, ipCounts, error) {
		err := rows.Scan(dest...)
		return id, n, err
	}
}

// intoBlock is policyFigureScan.into with the figures of a row in two allocations rather than one each: a
// city's check reads 300,000 rows of eight figures.
func (p *policyFigureScan) intoBlock(o *AnnualOutput) {
	var yuans *[6]Yuan
	var counts *[2]int
	for i, dst := range [6]**Yuan{&o.TotalIncome, &o.HighTechIncome, &o.RDDomestic, &o.TotalCosts, &o.NetAssets, &o.TotalAssets} {
		*dst = nil
		if p[i].Valid {
			if yuans == nil {
				yuans = new([6]Yuan)
			}
			yuans[i] = Yuan(p[i].Int64)
			*dst = &yuans[i]
		}
	}
	for i, dst := range [2]**int{&o.STStaff, &o.Conversions} {
		*dst = nil
		if n := p[6+i]; n.Valid {
			if counts == nil {
				counts = new([2]int)
			}
			counts[i] = int(n.Int64)
			*dst = &counts[i]
		}
	}
}

// policyInputs reads what the checks of the year need of every company (or the one whose USCC is given), calling
// each with every company's input in company order. It holds a few batches of rows at a time, so the 100,000
// companies of a city cost no more memory than a few thousand; the facts and declared figures, which only some
// companies have, are read whole first.
func (s *Store) policyInputs(ctx context.Context, year int, uscc string, each func(*PolicyInput) error) error {
	pq := policyQueries{d: s.d, year: year, uscc: uscc}
	var facts map[int64][]CompanyFact
	var declared map[int64][]DeclaredFigures
	var factsErr, declaredErr error
	var small sync.WaitGroup
	small.Add(2)
	go func() { defer small.Done(); facts, factsErr = factsUpTo(ctx, s.db, year, uscc) }()
	go func() { defer small.Done(); declared, declaredErr = DeclaredUpTo(ctx, s.db, year, uscc) }()

	mid, err := pq.middleCompany(ctx, s.db)
	if err != nil {
		small.Wait()
		return internal(err, "cannot read the companies' figures")
	}
	// The streams' own context, under a name of its own: the two readers above still read ctx.
	streams, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	q, args := pq.companies()
	companies := streamRows(streams, s, &wg, policyCompanyScanner(), q, args...)
	q, args = pq.outputs()
	outputs := streamRows(streams, s, &wg, policyOutputScanner(), q, args...)
	// The second half's counts are read ahead whole (a few megabytes for a city) while the merge takes the first.
	q, args = pq.ip(0, mid)
	ipLow := streamRows(streams, s, &wg, ipCountsScanner(), q, args...)
	highFrom := mid
	if mid == 0 {
		highFrom = math.MaxInt64 // one company, or none: the first stream reads them all
	}
	q, args = pq.ip(highFrom, 0)
	ipHigh := streamRowsAhead(streams, s, &wg, 1+policyMaxCompanies/policyBatch, ipCountsScanner(), q, args...)
	defer func() {
		cancel() // an early return stops the streams; their goroutines return before this does
		companies.drain()
		outputs.drain()
		ipLow.drain()
		ipHigh.drain()
		wg.Wait()
	}()
	failed := func() error {
		for _, err := range []error{companies.failed(), outputs.failed(), ipLow.failed(), ipHigh.failed()} {
			if err != nil {
				return internal(err, "cannot read the companies' figures")
			}
		}
		return nil
	}
	small.Wait()
	if factsErr != nil {
		return factsErr
	}
	if declaredErr != nil {
		return declaredErr
	}
	found := false
	for {
		c, ok := companies.head()
		if !ok {
			break
		}
		companies.buf = companies.buf[1:]
		found = true
		// Room for the window's three rows at once, rather than growing by appends.
		in := PolicyInput{Company: c.v, Facts: facts[c.company], Declared: declared[c.company], Outputs: make([]AnnualOutput, 0, 3)}
		outputs.take(c.company, func(o AnnualOutput) { in.Outputs = append(in.Outputs, o) })
		ipOf := ipLow
		if mid != 0 && c.company >= mid {
			ipOf = ipHigh
		}
		ipOf.take(c.company, func(n ipCounts) { in.ClassI, in.ClassII = n.classI, n.classII })
		if err := failed(); err != nil {
			return err
		}
		if err := each(&in); err != nil {
			return err
		}
	}
	if err := failed(); err != nil {
		return err
	}
	if uscc != "" && !found {
		return notFound("company", uscc)
	}
	return nil
}

// PolicyChecks checks every company (or the one whose USCC is given) against the policy's rules of the year,
// calling each with every company's check in company order. The checks run on a goroutine of their own beside
// the reader's, so that reading the rows and checking them share the cores.
func (s *Store) PolicyChecks(ctx context.Context, p Policy, year int, uscc string, each func(*PolicyCheck) error) error {
	rs, err := RuleSetFor(p, year)
	if err != nil {
		return err
	}
	if uscc != "" {
		uscc = NormalizeUSCC(uscc)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	inputs := make(chan []PolicyInput, 4)
	var readErr error
	go func() {
		defer close(inputs)
		batch := make([]PolicyInput, 0, policyBatch)
		readErr = s.policyInputs(ctx, year, uscc, func(in *PolicyInput) error {
			batch = append(batch, *in)
			if len(batch) < policyBatch {
				return nil
			}
			select {
			case inputs <- batch:
				batch = make([]PolicyInput, 0, policyBatch)
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if readErr == nil && len(batch) > 0 {
			select {
			case inputs <- batch:
			case <-ctx.Done():
			}
		}
	}()
	var eachErr error
	for batch := range inputs {
		for i := range batch {
			if eachErr != nil {
				break
			}
			pc := CheckPolicy(rs, batch[i], year)
			if eachErr = each(&pc); eachErr != nil {
				cancel() // the reader stops at its next batch; the loop drains what it already sent
			}
		}
	}
	if eachErr != nil {
		return eachErr
	}
	return readErr
}

// PolicyCheckOf checks one company, by USCC.
func (s *Store) PolicyCheckOf(ctx context.Context, p Policy, year int, uscc string) (PolicyCheck, error) {
	var out PolicyCheck
	err := s.PolicyChecks(ctx, p, year, uscc, func(pc *PolicyCheck) error { out = *pc; return nil })
	return out, err
}
