package data

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"scitech/data/dialect"
)

// What an import reads of the database: the records the file's rows may match, found by their natural keys
// with one query per kind (the keys travel as one JSON array), never one query per row.

// importKeys are the natural keys a file names, and the kinds it holds.
type importKeys struct {
	USCCs        []string // every company code of any row, normalised
	AppNos       []string // every application number, normalised
	RegNos       []string // every registration number of an IP right, normalised
	Institutions []string // every institution name, trimmed
	Kinds        map[string]bool
}

// importDB is what the database holds under the keys of a file, each kind keyed by its natural key as text
// (parts joined by keySep).
type importDB struct {
	parks        map[string]int64 // park name → id
	parkNames    map[int64]string
	companies    map[string]*Company // by USCC
	institutions map[string]*Institution
	outputs      map[string]*dbOutput
	patents      map[string]*dbPatent
	coops        map[string]*dbCoop
	outcomes     map[string]*dbOutcome
	ipRights     map[string]*dbIPRight // by kind and registration number
	declared     map[string]*dbDeclared
	facts        map[string]*dbFact // by company, kind, year and number

	inJSON string // " IN (…)" over the texts of a JSON array argument, in the store's SQL
}

type dbOutput struct {
	AnnualOutput
	uscc string
}

type dbPatent struct {
	Patent
	uscc string
}

type dbFact struct {
	CompanyFact
	uscc string
}

type dbDeclared struct {
	DeclaredFigures
	uscc string
}

type dbIPRight struct {
	IPRight
	uscc string
}

type dbCoop struct {
	Cooperation
	uscc string
}

type dbOutcome struct {
	CoopOutcome
	uscc, started string
}

// keySep joins the parts of a natural key; it cannot occur in a trimmed cell.
const keySep = "\x1f"

func natKey(parts ...string) string { return strings.Join(parts, keySep) }

func outputNatKey(uscc string, year int) string { return natKey(uscc, strconv.Itoa(year)) }

// loadImportDB reads the records under keys: companies and institutions by name, the annual outputs,
// cooperations and outcomes of the named companies, and the patents by number.
func loadImportDB(ctx context.Context, d dialect.Dialect, q querier, keys importKeys) (*importDB, error) {
	db := &importDB{inJSON: d.InJSONTexts(), parks: map[string]int64{}, parkNames: map[int64]string{},
		companies:    make(map[string]*Company, len(keys.USCCs)),
		institutions: map[string]*Institution{}, outputs: map[string]*dbOutput{}, patents: map[string]*dbPatent{},
		coops: map[string]*dbCoop{}, outcomes: map[string]*dbOutcome{}, ipRights: map[string]*dbIPRight{},
		declared: map[string]*dbDeclared{}, facts: map[string]*dbFact{}}
	usccs, err := jsonList(keys.USCCs)
	if err != nil {
		return nil, err
	}
	steps := []func() error{
		func() error { return db.loadParks(ctx, q) },
		func() error { return db.loadCompanies(ctx, q, usccs, keys.Kinds["companies"]) },
	}
	if keys.Kinds["cooperations"] || keys.Kinds["outcomes"] {
		steps = append(steps, func() error { return db.loadInstitutions(ctx, q, keys.Institutions) })
		steps = append(steps, func() error { return db.loadCoops(ctx, q, usccs) })
	}
	if keys.Kinds["outputs"] || keys.Kinds["declared"] {
		// A declared row is refused for a year with an output row: the outputs are read for it too.
		steps = append(steps, func() error { return db.loadOutputs(ctx, q, usccs) })
	}
	if keys.Kinds["declared"] {
		steps = append(steps, func() error { return db.loadDeclared(ctx, q, usccs) })
	}
	if keys.Kinds["facts"] {
		steps = append(steps, func() error { return db.loadFacts(ctx, q, usccs) })
	}
	if keys.Kinds["patents"] {
		steps = append(steps, func() error { return db.loadPatents(ctx, q, keys.AppNos) })
	}
	if keys.Kinds["outcomes"] {
		steps = append(steps, func() error { return db.loadOutcomes(ctx, q, usccs) })
	}
	if keys.Kinds["ip_rights"] {
		steps = append(steps, func() error { return db.loadIPRights(ctx, q, keys.RegNos) })
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return db, nil
}

// jsonList is a list of texts as a JSON array, to be read back with the dialect's InJSONTexts.
func jsonList(list []string) (string, error) {
	if list == nil {
		list = []string{}
	}
	b, err := json.Marshal(list)
	if err != nil {
		return "", internal(err, "cannot prepare the import")
	}
	return string(b), nil
}

// sortedKeys is a set's members in order.
func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (db *importDB) loadParks(ctx context.Context, q querier) error {
	rows, err := q.QueryContext(ctx, `SELECT id, name FROM park`)
	if err != nil {
		return internal(err, "cannot list parks")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return internal(err, "cannot list parks")
		}
		db.parks[name], db.parkNames[id] = id, name
	}
	return rows.Err()
}

// loadCompanies reads the companies by code: whole when the file has company rows, which are merged with them
// and compared field by field; else only what the rows of other sheets need of their company (its id and
// name), a fifth of the reading when 100,000 output rows name 20,000 companies. Each is read into a company of
// its own, which the map keeps, rather than into a list grown and copied as it comes.
func (db *importDB) loadCompanies(ctx context.Context, q querier, usccs string, whole bool) error {
	query := `SELECT ` + companyColumns + companyFrom + ` WHERE c.uscc` + db.inJSON
	if !whole {
		query = `SELECT c.id, c.uscc, c.name FROM company c WHERE c.uscc` + db.inJSON
	}
	rows, err := q.QueryContext(ctx, query, usccs)
	if err != nil {
		return internal(err, "cannot read companies")
	}
	defer rows.Close()
	for rows.Next() {
		c := new(Company)
		if whole {
			*c, err = scanCompany(rows)
		} else {
			err = rows.Scan(&c.ID, &c.USCC, &c.Name)
		}
		if err != nil {
			return internal(err, "cannot read companies")
		}
		db.companies[c.USCC] = c
	}
	if err := rows.Err(); err != nil {
		return internal(err, "cannot read companies")
	}
	return nil
}

func (db *importDB) loadInstitutions(ctx context.Context, q querier, names []string) error {
	js, err := jsonList(names)
	if err != nil {
		return err
	}
	list, err := coopRows(ctx, q, `SELECT id, name, kind, city FROM institution WHERE name`+db.inJSON, []any{js},
		func(r interface{ Scan(...any) error }) (Institution, error) {
			var in Institution
			err := r.Scan(&in.ID, &in.Name, &in.Kind, &in.City)
			return in, err
		}, "cannot read institutions")
	for i := range list {
		db.institutions[list[i].Name] = &list[i]
	}
	return err
}

func (db *importDB) loadOutputs(ctx context.Context, q querier, usccs string) error {
	list, err := coopRows(ctx, q, `SELECT o.id, o.company_id, o.year, o.output, o.added_value, o.revenue, o.rd_expense,
		o.employees, o.rd_staff, c.uscc, o.`+strings.ReplaceAll(policyFigureColumns, ", ", ", o.")+`
		FROM annual_output o JOIN company c ON c.id = o.company_id WHERE c.uscc`+db.inJSON,
		[]any{usccs}, func(r interface{ Scan(...any) error }) (dbOutput, error) {
			var o dbOutput
			var figs policyFigureScan
			err := r.Scan(append([]any{&o.ID, &o.CompanyID, &o.Year, &o.Output, &o.AddedValue, &o.Revenue, &o.RDExpense,
				&o.Employees, &o.RDStaff, &o.uscc}, figs.dest()...)...)
			figs.into(&o.AnnualOutput)
			return o, err
		}, "cannot read annual outputs")
	for i := range list {
		db.outputs[outputNatKey(list[i].uscc, list[i].Year)] = &list[i]
	}
	return err
}

func (db *importDB) loadPatents(ctx context.Context, q querier, appNos []string) error {
	js, err := jsonList(appNos)
	if err != nil {
		return err
	}
	list, err := coopRows(ctx, q, `SELECT `+patentReadColumns+`, c.uscc`+patentFrom+` WHERE t.app_no`+db.inJSON, []any{js},
		func(r interface{ Scan(...any) error }) (dbPatent, error) {
			var p dbPatent
			var filed, granted, statusDate *string
			err := r.Scan(&p.ID, &p.CompanyID, &p.CompanyName, &p.AppNo, &p.Kind, &p.Title, &filed, &granted,
				&p.LegalStatus, &statusDate, &p.UsedIn, &p.uscc)
			p.Filed, p.Granted, p.StatusDate = scanDate(filed), scanDate(granted), scanDate(statusDate)
			return p, err
		}, "cannot read patents")
	for i := range list {
		db.patents[list[i].AppNo] = &list[i]
	}
	return err
}

// loadIPRights reads the IP rights by registration number, whichever company holds them: a right a file
// gives to another company is moved, as a patent is.
func (db *importDB) loadIPRights(ctx context.Context, q querier, regNos []string) error {
	js, err := jsonList(regNos)
	if err != nil {
		return err
	}
	kinds, err := jsonList(IPRightKinds)
	if err != nil {
		return err
	}
	// Every kind named, so that the search uses the (kind, reg_no) index rather than reading the table through.
	list, err := coopRows(ctx, q, `SELECT r.id, r.company_id, r.kind, r.reg_no, r.title, r.granted, r.used_in, c.uscc
		FROM ip_right r JOIN company c ON c.id = r.company_id WHERE r.kind`+db.inJSON+` AND r.reg_no`+db.inJSON, []any{kinds, js},
		func(r interface{ Scan(...any) error }) (dbIPRight, error) {
			var ip dbIPRight
			var granted *string
			err := r.Scan(&ip.ID, &ip.CompanyID, &ip.Kind, &ip.RegNo, &ip.Title, &granted, &ip.UsedIn, &ip.uscc)
			ip.Granted = scanDate(granted)
			return ip, err
		}, "cannot read IP rights")
	for i := range list {
		db.ipRights[ipRightNatKey(list[i].Kind, list[i].RegNo)] = &list[i]
	}
	return err
}

func (db *importDB) loadDeclared(ctx context.Context, q querier, usccs string) error {
	list, err := coopRows(ctx, q, `SELECT `+declaredColumns+`, c.uscc FROM declared_figures d JOIN company c ON c.id = d.company_id
		WHERE c.uscc`+db.inJSON, []any{usccs}, func(r interface{ Scan(...any) error }) (dbDeclared, error) {
		var d dbDeclared
		var uscc string
		fd, err := scanDeclared(scanTail{r, &uscc})
		d.DeclaredFigures, d.uscc = fd, uscc
		return d, err
	}, "cannot read declared figures")
	for i := range list {
		db.declared[outputNatKey(list[i].uscc, list[i].Year)] = &list[i]
	}
	return err
}

// loadFacts keeps, of two facts under one key (the table does not make them unique), the older one.
func (db *importDB) loadFacts(ctx context.Context, q querier, usccs string) error {
	list, err := coopRows(ctx, q, `SELECT f.id, f.company_id, f.kind, f.year, f.date, f.level, f.rank, f.amount, f.number,
		f.note, c.uscc FROM company_fact f JOIN company c ON c.id = f.company_id WHERE c.uscc`+db.inJSON+` ORDER BY f.id`,
		[]any{usccs}, func(r interface{ Scan(...any) error }) (dbFact, error) {
			var f dbFact
			var uscc string
			cf, err := scanFact(scanTail{r, &uscc})
			f.CompanyFact, f.uscc = cf, uscc
			return f, err
		}, "cannot read company facts")
	for i := range list {
		k := factNatKey(list[i].uscc, list[i].Kind, list[i].Year, list[i].Number)
		if _, dup := db.facts[k]; !dup {
			db.facts[k] = &list[i]
		}
	}
	return err
}

func factNatKey(uscc, kind string, year int, number string) string {
	return natKey(uscc, kind, strconv.Itoa(year), number)
}

// scanTail scans a row whose last columns are more than a scanner of the leading ones reads: tail receives them.
type scanTail struct {
	row  interface{ Scan(...any) error }
	tail *string
}

func (s scanTail) Scan(dest ...any) error { return s.row.Scan(append(dest, s.tail)...) }

func ipRightNatKey(kind, regNo string) string { return natKey(kind, regNo) }

func (db *importDB) loadCoops(ctx context.Context, q querier, usccs string) error {
	list, err := coopRows(ctx, q, `SELECT co.id, co.company_id, c.name, co.institution_id, i.name, co.programme,
		co.started, co.ended, c.uscc`+cooperationFrom+` WHERE c.uscc`+db.inJSON+` ORDER BY co.id`, []any{usccs},
		func(r interface{ Scan(...any) error }) (dbCoop, error) {
			var c dbCoop
			var started, ended *string
			err := r.Scan(&c.ID, &c.CompanyID, &c.CompanyName, &c.InstitutionID, &c.InstitutionName, &c.Programme,
				&started, &ended, &c.uscc)
			c.Started, c.Ended = scanDate(started), scanDate(ended)
			return c, err
		}, "cannot read cooperations")
	for i := range list {
		c := &list[i]
		db.coops[natKey(c.uscc, c.InstitutionName, FormatDate(c.Started))] = c
	}
	return err
}

// loadOutcomes keeps, of two outcomes with the same title under one cooperation, the older one.
func (db *importDB) loadOutcomes(ctx context.Context, q querier, usccs string) error {
	list, err := coopRows(ctx, q, `SELECT `+outcomeColumns+`, c.uscc, co.started`+outcomeFrom+` WHERE c.uscc`+db.inJSON+
		` ORDER BY o.id`, []any{usccs}, func(r interface{ Scan(...any) error }) (dbOutcome, error) {
		var o dbOutcome
		err := r.Scan(&o.ID, &o.CooperationID, &o.Kind, &o.Title, &o.Year, &o.CompanyID, &o.CompanyName,
			&o.InstitutionID, &o.InstitutionName, &o.uscc, &o.started)
		return o, err
	}, "cannot read outcomes")
	for i := range list {
		o := &list[i]
		k := natKey(o.uscc, o.InstitutionName, o.started, o.Title)
		if _, dup := db.outcomes[k]; !dup {
			db.outcomes[k] = o
		}
	}
	return err
}

// current shows the record of a kind under a natural key as the database holds it now.
func (db *importDB) current(kind, key string) ([]shownField, bool) {
	return db.currentInto(nil, kind, key)
}

// currentInto is current showing the record into buf (import_show.go).
func (db *importDB) currentInto(buf []shownField, kind, key string) ([]shownField, bool) {
	switch kind {
	case "companies":
		if c, ok := db.companies[key]; ok {
			return showCompany(buf, c), true
		}
	case "institutions":
		if in, ok := db.institutions[key]; ok {
			return showInstitution(buf, in), true
		}
	case "outputs":
		if o, ok := db.outputs[key]; ok {
			return showOutput(buf, o.uscc, &o.AnnualOutput), true
		}
	case "patents":
		if p, ok := db.patents[key]; ok {
			return showPatent(buf, p.uscc, &p.Patent), true
		}
	case "cooperations":
		if c, ok := db.coops[key]; ok {
			return showCoop(buf, c.uscc, &c.Cooperation), true
		}
	case "outcomes":
		if o, ok := db.outcomes[key]; ok {
			return showOutcome(buf, o.uscc, o.started, &o.CoopOutcome), true
		}
	case "facts":
		if f, ok := db.facts[key]; ok {
			return showFact(buf, f.uscc, &f.CompanyFact), true
		}
	case "declared":
		if d, ok := db.declared[key]; ok {
			return showDeclared(buf, d.uscc, &d.DeclaredFigures), true
		}
	case "ip_rights":
		if r, ok := db.ipRights[key]; ok {
			return showIPRight(buf, r.uscc, &r.IPRight), true
		}
	}
	return nil, false
}
