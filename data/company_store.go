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

// companiesByPark lists a page sorted by park name without sorting the table: the companies outside any park
// (whose park name is NULL, first in ascending order) by id, and the parks' companies walked park by park in
// the order of the park names' index, each park's by id (index company_park). CROSS JOIN keeps SQLite on the
// parks first; the join's condition is in WHERE, since PostgreSQL takes no ON after CROSS JOIN.
func (s *Store) companiesByPark(ctx context.Context, f CompanyFilter, dir string) ([]Company, error) {
	where, args := f.where(s.d)
	cond := ""
	if where != "" {
		cond = ` AND ` + strings.TrimPrefix(where, ` WHERE `)
	}
	outside := companyFrom + ` WHERE c.park_id IS NULL` + cond
	inParks := ` FROM park p CROSS JOIN company c WHERE c.park_id = p.id` + cond
	parts := []struct{ from, order string }{{outside, `c.id` + dir}, {inParks, `p.name` + collatePinyin + dir + `, c.id` + dir}}
	if dir == " DESC" {
		parts[0], parts[1] = parts[1], parts[0]
	}
	var out []Company
	offset := f.Offset
	for i, part := range parts {
		limit := f.Limit - len(out)
		if limit <= 0 {
			break
		}
		page, err := s.companyRows(ctx, `SELECT `+companyColumns+part.from+` ORDER BY `+part.order+` LIMIT ? OFFSET ?`,
			append(append([]any{}, args...), limit, offset)...)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if i == 0 {
			if len(page) > 0 {
				offset = 0
			} else if offset > 0 {
				var n int
				if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+part.from, args...).Scan(&n); err != nil {
					return nil, internal(err, "cannot list companies")
				}
				offset -= n
			}
		}
	}
	return out, nil
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
