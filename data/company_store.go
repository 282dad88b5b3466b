package data

import (
	"context"
	"database/sql"
	"strings"

	"scitech/data/dialect"
)

// CompanySort names a column the company list can be sorted by.
type CompanySort string

// Sort columns of the company list.
const (
	SortByName    CompanySort = "name"
	SortByUSCC    CompanySort = "uscc"
	SortByField   CompanySort = "field"
	SortByPark    CompanySort = "park"
	SortByFounded CompanySort = "founded"
	SortByCert    CompanySort = "cert_expires"
)

var companySortSQL = map[CompanySort]string{
	SortByName:    "c.name" + collatePinyin,
	SortByUSCC:    "c.uscc",
	SortByField:   "c.field",
	SortByPark:    "p.name" + collatePinyin,
	SortByFounded: "c.founded",
	SortByCert:    "c.cert_expires",
}

// CompanyFilter selects and orders a page of the company list.
type CompanyFilter struct {
	CompanyConditions        // park, field, certificate, 规上 (company_filter.go)
	Query             string // part of the name or of the USCC
	Sort              CompanySort
	Desc              bool
	Offset            int
	Limit             int // 0: no limit
}

const companyColumns = `c.id, c.uscc, c.name, c.legal_rep, c.field, coalesce(c.park_id, 0), coalesce(p.name, ''),
	c.address, c.contact, c.phone, c.founded, c.above_scale, c.cert_no, c.cert_issued, c.techsme_no, c.techsme_year`

const companyFrom = ` FROM company c LEFT JOIN park p ON p.id = c.park_id`

func scanCompany(row interface{ Scan(...any) error }) (Company, error) {
	var c Company
	var founded, issued *string
	err := row.Scan(&c.ID, &c.USCC, &c.Name, &c.LegalRep, &c.Field, &c.ParkID, &c.ParkName,
		&c.Address, &c.Contact, &c.Phone, &founded, &c.AboveScale, &c.CertNo, &issued, &c.TechSMENo, &c.TechSMEYear)
	c.Founded = scanDate(founded)
	c.CertIssued = scanDate(issued)
	return c, err
}

// Company reads one company.
func (s *Store) Company(ctx context.Context, id int64) (Company, error) {
	c, err := scanCompany(s.db.QueryRowContext(ctx, `SELECT `+companyColumns+companyFrom+` WHERE c.id = ?`, id))
	if isNoRows(err) {
		return Company{}, notFound("company", id)
	}
	if err != nil {
		return Company{}, internal(err, "cannot read the company")
	}
	return c, nil
}

// CompanyByUSCC reads the company with the given code (normalised first).
func (s *Store) CompanyByUSCC(ctx context.Context, uscc string) (Company, error) {
	uscc = NormalizeUSCC(uscc)
	c, err := scanCompany(s.db.QueryRowContext(ctx, `SELECT `+companyColumns+companyFrom+` WHERE c.uscc = ?`, uscc))
	if isNoRows(err) {
		return Company{}, notFound("company", uscc)
	}
	if err != nil {
		return Company{}, internal(err, "cannot read the company")
	}
	return c, nil
}

func (f CompanyFilter) where(d dialect.Dialect) (string, []any) {
	q := strings.TrimSpace(f.Query)
	if q == "" {
		return f.CompanyConditions.and("", nil)
	}
	esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
	code := NormalizeUSCC(q)
	if !couldBeInUSCC(code) {
		// No stored code can hold it: the name alone decides, and a walk of the name index need not read the
		// table's rows.
		return f.CompanyConditions.and(` WHERE `+containsSQL(d, "c.name"), []any{"%" + esc.Replace(q) + "%"})
	}
	return f.CompanyConditions.and(` WHERE `+containsSQL(d, "c.name", "c.uscc"),
		[]any{"%" + esc.Replace(q) + "%", "%" + esc.Replace(code) + "%"})
}

// Companies lists a page of companies matching the filter.
func (s *Store) Companies(ctx context.Context, f CompanyFilter) ([]Company, error) {
	from, args, none, err := s.companySource(ctx, f)
	if err != nil || none {
		return nil, err
	}
	order, ok := companySortSQL[f.Sort]
	if !ok {
		order = companySortSQL[SortByName]
	}
	dir := " ASC"
	if f.Desc {
		dir = " DESC"
	}
	if f.Sort == SortByPark && f.Limit > 0 && !strings.HasPrefix(from, s.companyCandidatesFrom()) {
		return s.companiesByPark(ctx, f, dir)
	}
	q := `SELECT ` + companyColumns + from + ` ORDER BY ` + order + orderDir(order, f.Desc) + `, c.id` + dir
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, f.Offset)
	}
	return s.companyRows(ctx, q, args...)
}

func (s *Store) companyRows(ctx context.Context, q string, args ...any) ([]Company, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err, "cannot list companies")
	}
	defer rows.Close()
	var out []Company
	for rows.Next() {
		c, err := scanCompany(rows)
		if err != nil {
			return nil, internal(err, "cannot list companies")
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot list companies")
	}
	return out, nil
}

// companiesByPark lists a page sorted by park name without sorting anything: the companies outside any park
// (whose park name is NULL, first in ascending order) and then each park's, the parks taken in the order of
// the park names' index (a few rows), each group read by id from an index (company_park: park_id, then id)
// with the page's LIMIT and OFFSET. A group wholly before the page's offset is counted (from the same index
// when there is no condition) and skipped, never read. The first group is read without the list of the parks
// (descending: the last park by name, found in the query), so that a page it fills costs one query. One SQL
// for both databases: a single join of park and company ordered by park name and id made the server sort each
// park's companies whole (it cannot tell that the join gives them by id), 27-117 ms a page at 33,000
// companies a park against SQLite's 0.3 ms.
func (s *Store) companiesByPark(ctx context.Context, f CompanyFilter, dir string) ([]Company, error) {
	where, args := f.where(s.d)
	cond := ""
	if where != "" {
		cond = ` AND ` + strings.TrimPrefix(where, ` WHERE `)
	}
	desc := dir == " DESC"
	groups := []parkGroup{{cond: `c.park_id IS NULL`}}
	if desc {
		groups[0].cond = `c.park_id = (SELECT id FROM park ORDER BY name` + collatePinyin + ` DESC LIMIT 1)`
	}
	listed := false // groups holds every group
	if f.ParkID > 0 {
		groups, listed = []parkGroup{{`c.park_id = ?`, []any{f.ParkID}}}, true
	}
	var out []Company
	offset := f.Offset
	for i := 0; i < len(groups) && len(out) < f.Limit; i++ {
		g := groups[i]
		gArgs := append(append([]any{}, g.args...), args...)
		skip := false
		if offset > 0 {
			var n int
			err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM company c WHERE `+g.cond+cond, gArgs...).Scan(&n)
			if err != nil {
				return nil, internal(err, "cannot list companies")
			}
			if skip = n <= offset; skip {
				offset -= n
			}
		}
		if !skip {
			page, err := s.companyRows(ctx, `SELECT `+companyColumns+companyFrom+` WHERE `+g.cond+cond+
				` ORDER BY c.id`+dir+` LIMIT ? OFFSET ?`, append(gArgs, f.Limit-len(out), offset)...)
			if err != nil {
				return nil, err
			}
			out, offset = append(out, page...), 0
		}
		if !listed && len(out) < f.Limit {
			all, err := s.parkGroups(ctx, desc)
			if err != nil {
				return nil, err
			}
			if len(all) > 1 || !desc { // else there is no park, and all is the companies outside any
				all = all[1:]
			}
			groups, listed = append(groups, all...), true
		}
	}
	return out, nil
}

// parkGroup is a part of the company list sorted by park: a condition on company c and its arguments.
type parkGroup struct {
	cond string
	args []any
}

// parkGroups are the parts of the company list sorted by park, in the list's order: the companies outside any
// park, then each park's by name (pinyin), or the other way round when desc.
func (s *Store) parkGroups(ctx context.Context, desc bool) ([]parkGroup, error) {
	order := ` ORDER BY name` + collatePinyin + ` ASC`
	if desc {
		order = ` ORDER BY name` + collatePinyin + ` DESC`
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM park`+order)
	if err != nil {
		return nil, internal(err, "cannot list companies")
	}
	defer rows.Close()
	groups := []parkGroup{{cond: `c.park_id IS NULL`}}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, internal(err, "cannot list companies")
		}
		groups = append(groups, parkGroup{`c.park_id = ?`, []any{id}})
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot list companies")
	}
	if desc {
		groups = append(groups[1:], groups[0])
	}
	return groups, nil
}

// CountCompanies counts the companies matching the filter.
func (s *Store) CountCompanies(ctx context.Context, f CompanyFilter) (int, error) {
	from, args, none, err := s.companySource(ctx, f)
	if err != nil || none {
		return 0, err
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+from, args...).Scan(&n); err != nil {
		return 0, internal(err, "cannot count companies")
	}
	return n, nil
}

// CreateCompany validates and inserts a company, setting its ID.
func (s *Store) CreateCompany(ctx context.Context, c *Company) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error { return s.createCompany(ctx, tx, c) })
}

func (s *Store) createCompany(ctx context.Context, tx *sql.Tx, c *Company) error {
	if err := s.insertCompany(ctx, tx, c); err != nil {
		return err
	}
	return s.audit(ctx, tx, "company", c.ID, "create", nil, c)
}

// insertCompany inserts a company without its audit row, for a load that writes one for everything it adds.
// A code already taken is found before the write, naming its company, rather than after the write fails: on
// a server a failed statement ends the transaction, whose reads are refused from then on.
func (s *Store) insertCompany(ctx context.Context, tx *sql.Tx, c *Company) error {
	if err := usccHolder(ctx, tx, c.USCC, 0); err != nil {
		return err
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO company (uscc, name, legal_rep, field, park_id, address, contact, phone,
		founded, above_scale, cert_no, cert_issued, cert_expires, techsme_no, techsme_year)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, companyValues(c)...).Scan(&c.ID)
	if err != nil {
		return uscTaken(err, c.USCC)
	}
	return s.fillParkName(ctx, tx, c)
}

func companyValues(c *Company) []any {
	var park any
	if c.ParkID > 0 {
		park = c.ParkID
	}
	return []any{c.USCC, c.Name, c.LegalRep, c.Field, park, c.Address, c.Contact, c.Phone,
		nullDate(c.Founded), c.AboveScale, c.CertNo, nullDate(c.CertIssued), nullDate(c.CertExpires()), c.TechSMENo, c.TechSMEYear}
}

// CheckUSCCFree tells whether a company other than the one with id except (0 for a new company) is registered
// with the code (normalised first): nil when none is, else a Conflict on the field uscc that names the company
// (key err.uscc.taken_by), for a form to show while the clerk types the code, before Save refuses it.
func (s *Store) CheckUSCCFree(ctx context.Context, uscc string, except int64) error {
	return usccHolder(ctx, s.db, NormalizeUSCC(uscc), except)
}

// usccHolder is CheckUSCCFree for a normalised code, through q (the store or a transaction).
func usccHolder(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, uscc string, except int64) error {
	var name string
	err := q.QueryRowContext(ctx, `SELECT name FROM company WHERE uscc = ? AND id <> ?`, uscc, except).Scan(&name)
	switch {
	case isNoRows(err):
		return nil
	case err != nil:
		return internal(err, "cannot read the company")
	}
	return &Error{Code: Conflict, Field: "uscc", Key: "err.uscc.taken_by",
		Args:    map[string]any{"USCC": uscc, "Company": name},
		Message: fill("{{.USCC}} is already registered to {{.Company}}", map[string]any{"USCC": uscc, "Company": name})}
}

func uscTaken(err error, uscc string) error {
	if isForeignKey(err) {
		return &Error{Code: Invalid, Field: "park", Key: "err.park.unknown", Message: "the park does not exist"}
	}
	return conflictOr(err, "uscc", "err.uscc.taken", "{{.USCC}} is already registered to another company",
		map[string]any{"USCC": uscc})
}

func (s *Store) fillParkName(ctx context.Context, tx *sql.Tx, c *Company) error {
	c.ParkName = ""
	if c.ParkID == 0 {
		return nil
	}
	err := tx.QueryRowContext(ctx, `SELECT name FROM park WHERE id = ?`, c.ParkID).Scan(&c.ParkName)
	if err != nil && !isNoRows(err) {
		return internal(err, "cannot read the park")
	}
	return nil
}

// UpdateCompany validates and saves a changed company.
func (s *Store) UpdateCompany(ctx context.Context, c *Company) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := scanCompany(tx.QueryRowContext(ctx, `SELECT `+companyColumns+companyFrom+` WHERE c.id = ?`, c.ID))
		if isNoRows(err) {
			return notFound("company", c.ID)
		}
		if err != nil {
			return internal(err, "cannot read the company")
		}
		if err := usccHolder(ctx, tx, c.USCC, c.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE company SET uscc = ?, name = ?, legal_rep = ?, field = ?, park_id = ?,
			address = ?, contact = ?, phone = ?, founded = ?, above_scale = ?, cert_no = ?, cert_issued = ?,
			cert_expires = ?, techsme_no = ?, techsme_year = ? WHERE id = ?`, append(companyValues(c), c.ID)...)
		if err != nil {
			return uscTaken(err, c.USCC)
		}
		if err := s.fillParkName(ctx, tx, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, "company", c.ID, "update", before, c)
	})
}

// companyDeletion is what the audit log keeps of a deleted company: the company and the output rows deleted
// with it (its other dependents have audit rows of their own).
type companyDeletion struct {
	Company Company
	Outputs []AnnualOutput
}

// CompanyLinks lists the records that point at a company: its output rows, cooperations, bases, applications
// and patents, all deleted with it.
func (s *Store) CompanyLinks(ctx context.Context, id int64) (Links, error) {
	outputs, err := outputsOf(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	var links Links
	links.add("link.outputs", len(outputs))
	for _, more := range []func(context.Context, int64) (Links, error){s.CompanyCoopLinks, s.CompanyIncubateLinks, s.CompanyPatentLinks} {
		ls, err := more(ctx, id)
		if err != nil {
			return nil, err
		}
		links = append(links, ls...)
	}
	return links, nil
}

// DeleteCompany deletes a company with everything that points at it, in one transaction: its output rows
// (kept in the company's audit row), and its cooperations, bases, applications and patents (each with an
// audit row of its own). Incubator applications keep the applicant's name and lose only the link.
func (s *Store) DeleteCompany(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		c, err := scanCompany(tx.QueryRowContext(ctx, `SELECT `+companyColumns+companyFrom+` WHERE c.id = ?`, id))
		if isNoRows(err) {
			return notFound("company", id)
		}
		if err != nil {
			return internal(err, "cannot read the company")
		}
		outputs, err := outputsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, dependents := range []func(context.Context, *sql.Tx, int64) error{s.deleteCompanyCoop, s.deleteCompanyIncubate, s.deleteCompanyPatents} {
			if err := dependents(ctx, tx, id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM company WHERE id = ?`, id); err != nil {
			return internal(err, "cannot delete the company")
		}
		return s.audit(ctx, tx, "company", id, "delete", companyDeletion{c, outputs}, nil)
	})
}
