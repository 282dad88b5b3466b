package data

import (
	"strings"
	"time"
)

// How each sheet's row becomes its record: the natural key first, then the database's record under that key
// (or a new one), then each field the sheet has, then the record's own Validate.

func (p *importPlanner) company(r *rowCtx) *importItem {
	uscc := r.uscc()
	skip := map[string]string{}
	if uscc == "" {
		skip["uscc"] = "" // already reported
	} else if _, dup := p.fileCo[uscc]; !dup {
		name, _ := r.value("name")
		p.fileCo[uscc] = strings.TrimSpace(name)
	}
	old, exists := p.db.companies[uscc]
	c := Company{USCC: uscc}
	if exists {
		c = *old
	}
	r.required(!exists)
	r.text("name", &c.Name)
	r.text("legal_rep", &c.LegalRep)
	r.text("field", &c.Field)
	if v, ok := r.value("park"); ok {
		c.ParkID = 0
		if v = strings.TrimSpace(v); v != "" {
			if id, known := p.db.parks[v]; known {
				c.ParkID = id
			} else {
				r.fail("park", &Error{Code: Invalid, Key: "err.park.unknown", Message: "the park does not exist"})
			}
		}
	}
	r.text("address", &c.Address)
	r.text("contact", &c.Contact)
	r.text("phone", &c.Phone)
	r.date("founded", &c.Founded)
	r.boolean("above_scale", &c.AboveScale)
	r.text("cert_no", &c.CertNo)
	r.date("cert_issued", &c.CertIssued)
	r.text("techsme_no", &c.TechSMENo)
	r.year("techsme_year", &c.TechSMEYear)
	c.Normalize()
	c.ParkName = p.db.parkNames[c.ParkID] // shown by name
	r.failAll(c.Validate(), skip)
	if uscc == "" {
		return nil
	}
	item := &importItem{kind: "companies", key: uscc, company: &c, uscc: uscc}
	if exists {
		item.old = *old
	}
	return item
}

// unregistered is the problem of a row naming a company the bureau does not know.
func (p *importPlanner) checkCompany(r *rowCtx, uscc string) {
	if uscc == "" {
		return
	}
	if !p.companyKnown(uscc) {
		r.fail("uscc", invalid("err.apply.company.unregistered", "the company is not registered; add it on the company sheet", nil))
		return
	}
	p.checkCompanyName(r, uscc)
}

// checkCompanyName warns when the name a sheet shows beside a company's code (not imported) is not the name
// the code is registered to: a code typed wrong may well be another company's valid code.
func (p *importPlanner) checkCompanyName(r *rowCtx, uscc string) {
	field := "company"
	if r.row.Kind == "outputs" || r.row.Kind == "declared" {
		field = "name"
	}
	shown, ok := r.value(field)
	registered := p.companyName(uscc)
	if !ok || shown == "" || registered == "" || sameName(shown, registered) {
		return
	}
	// One error per field and registered name, shared by the rows it explains: a file of 100,000 rows
	// under a company's former name would otherwise hold 100,000 copies of the same words.
	p.warnMu.Lock()
	e, ok := p.warns[field+keySep+registered]
	if !ok {
		args := map[string]any{"Registered": registered}
		e = &Error{Code: Invalid, Field: field, Key: "apply.warn.name", Args: args,
			Message: fill("the code is registered to {{.Registered}}; check the code", args)}
		p.warns[field+keySep+registered] = e
	}
	p.warnMu.Unlock()
	r.warnings = append(r.warnings, ImportIssue{File: r.row.File, Sheet: r.row.Sheet, Row: r.row.Row, Cell: r.row.Cell(field),
		Field: field, Value: ShownValue(shown), Err: e})
}

// sameName compares company names as people type them: full-width and half-width brackets alike, spaces
// ignored.
func sameName(a, b string) bool {
	return a == b || nameNorm.Replace(a) == nameNorm.Replace(b)
}

var nameNorm = strings.NewReplacer("（", "(", "）", ")", " ", "", "\u3000", "", "\t", "")

// skipCompany leaves out of a record's errors that of its company link, which the planner checks by code.
var skipCompany = map[string]string{"company": ""}

// linked is an output as Validate sees it with its company linked: the planner checks the company by its code
// and links it when writing; an unlinked one would cost every new row an error made only to be left out.
func linked(o AnnualOutput) AnnualOutput {
	if o.CompanyID <= 0 {
		o.CompanyID = 1
	}
	return o
}

func (p *importPlanner) output(r *rowCtx) *importItem {
	uscc := r.uscc()
	p.checkCompany(r, uscc)
	var year int
	keyOK := r.year("year", &year) && uscc != "" && year != 0
	if year != 0 {
		if err := ValidateYear(year); err != nil {
			r.fail("year", err)
			keyOK = false
		}
		r.futureYear("year", year, p.now)
	}
	key := outputNatKey(uscc, year)
	old, exists := p.db.outputs[key]
	o := AnnualOutput{Year: year}
	if exists && keyOK {
		o = old.AnnualOutput
	}
	r.required(!exists)
	r.wan("output", &o.Output)
	r.wan("added_value", &o.AddedValue)
	r.wan("revenue", &o.Revenue)
	r.wan("rd_expense", &o.RDExpense)
	r.count("employees", &o.Employees)
	r.count("rd_staff", &o.RDStaff)
	for field, dst := range map[string]**Yuan{"total_income": &o.TotalIncome, "hightech_income": &o.HighTechIncome,
		"rd_domestic": &o.RDDomestic, "total_costs": &o.TotalCosts, "total_assets": &o.TotalAssets} {
		r.optWan(field, dst)
	}
	r.optSignedWan("net_assets", &o.NetAssets) // negative for a company in debt, as the form allows
	r.optCount("st_staff", &o.STStaff)
	r.optCount("conversions", &o.Conversions)
	r.failAll(linked(o).Validate(), skipCompany)
	if !keyOK {
		return nil
	}
	item := &importItem{kind: "outputs", key: key, output: &o, uscc: uscc}
	if exists {
		item.old = old.AnnualOutput
	}
	return item
}

func (p *importPlanner) patent(r *rowCtx) *importItem {
	v, _ := r.value("app_no")
	no, err := ValidatePatentAppNo(v)
	if err != nil {
		r.fail("app_no", err)
	}
	old, exists := p.db.patents[no.Number]
	exists = exists && err == nil
	pt := Patent{AppNo: no.Number}
	uscc := ""
	if exists {
		pt, uscc = old.Patent, old.uscc
	}
	r.required(!exists)
	if _, ok := r.value("uscc"); ok {
		uscc = r.uscc()
		p.checkCompany(r, uscc)
	}
	r.text("title", &pt.Title)
	r.date("filed", &pt.Filed)
	r.date("granted", &pt.Granted)
	r.text("legal_status", &pt.LegalStatus)
	r.date("status_date", &pt.StatusDate)
	if r.year("used_in", &pt.UsedIn) && pt.UsedIn != 0 {
		r.futureYear("used_in", pt.UsedIn, p.now)
	}
	pt.Normalize()
	r.failAll(pt.Validate(), map[string]string{"company": "", "kind": "app_no"})
	if err != nil || uscc == "" {
		return nil
	}
	item := &importItem{kind: "patents", key: pt.AppNo, patent: &pt, uscc: uscc}
	if exists {
		item.old = old.Patent
	}
	return item
}

// declared plans a year's declared figures (issue 18), known by company and year. A year the company has an
// output row of, in the database or in the file, is refused for a new row as the form refuses it: the rules
// read the output row. An existing declared row may still be corrected (the output row wins in the rules).
func (p *importPlanner) declared(r *rowCtx) *importItem {
	uscc := r.uscc()
	p.checkCompany(r, uscc)
	var year int
	keyOK := r.year("year", &year) && uscc != "" && year != 0
	if year != 0 {
		if err := ValidateYear(year); err != nil {
			r.fail("year", err)
			keyOK = false
		}
		r.futureYear("year", year, p.now)
	}
	key := outputNatKey(uscc, year)
	old, exists := p.db.declared[key]
	exists = exists && keyOK
	d := DeclaredFigures{Year: year}
	if exists {
		d = old.DeclaredFigures
	}
	r.required(!exists)
	for field, dst := range map[string]**Yuan{"revenue": &d.Revenue, "rd_expense": &d.RDExpense, "total_income": &d.TotalIncome,
		"hightech_income": &d.HighTechIncome, "rd_domestic": &d.RDDomestic, "total_costs": &d.TotalCosts,
		"total_assets": &d.TotalAssets} {
		r.optWan(field, dst)
	}
	r.optSignedWan("net_assets", &d.NetAssets)
	for field, dst := range map[string]**int{"employees": &d.Employees, "st_staff": &d.STStaff, "conversions": &d.Conversions} {
		r.optCount(field, dst)
	}
	r.text("source", &d.Source)
	if keyOK && !exists {
		_, inDB := p.db.outputs[key]
		if inDB || p.outs[key] != nil {
			r.fail("year", invalid("err.declared.has_output", "the company has annual output for {{.Year}}: the rules read that row",
				map[string]any{"Year": year}))
		}
	}
	r.failAll(d.Validate(), map[string]string{"company": ""})
	if !keyOK {
		return nil
	}
	item := &importItem{kind: "declared", key: key, declared: &d, uscc: uscc}
	if exists {
		item.old = old.DeclaredFigures
	}
	return item
}

// fact plans a company fact (issue 18 item 3), known by company, kind, year and number.
func (p *importPlanner) fact(r *rowCtx) *importItem {
	uscc := r.uscc()
	p.checkCompany(r, uscc)
	var kind, number string
	var year int
	r.text("fact_kind", &kind)
	r.text("number", &number)
	yearOK := r.year("year", &year)
	if year != 0 {
		r.futureYear("year", year, p.now)
	}
	keyOK := uscc != "" && kind != "" && yearOK && year != 0
	key := factNatKey(uscc, kind, year, number)
	old, exists := p.db.facts[key]
	exists = exists && keyOK
	f := CompanyFact{Kind: kind, Year: year, Number: number}
	if exists {
		f = old.CompanyFact
	}
	r.required(!exists)
	r.date("fact_date", &f.Date)
	r.text("level", &f.Level)
	r.count("rank", &f.Rank)
	r.wan("amount", &f.Amount)
	r.text("note", &f.Note)
	r.failAll(f.Validate(), map[string]string{"company": "", "kind": "fact_kind", "date": "fact_date"})
	if !keyOK {
		return nil
	}
	item := &importItem{kind: "facts", key: key, fact: &f, uscc: uscc}
	if exists {
		item.old = old.CompanyFact
	}
	return item
}

// ipRight plans an IP right (issue 18 item 2), known by its kind and registration number. Like a patent it
// may name another company than the database's: the right is moved.
func (p *importPlanner) ipRight(r *rowCtx) *importItem {
	var kind, regNo string
	r.text("ip_kind", &kind)
	r.text("reg_no", &regNo)
	ip := IPRight{Kind: kind, RegNo: regNo}
	ip.normalize()
	key := ipRightNatKey(ip.Kind, ip.RegNo)
	keyOK := ip.Kind != "" && ip.RegNo != ""
	old, exists := p.db.ipRights[key]
	exists = exists && keyOK
	uscc := ""
	if exists {
		ip, uscc = old.IPRight, old.uscc
	}
	r.required(!exists)
	if _, ok := r.value("uscc"); ok {
		uscc = r.uscc()
		p.checkCompany(r, uscc)
	}
	r.text("title", &ip.Title)
	r.date("ip_granted", &ip.Granted)
	if r.year("used_in", &ip.UsedIn) && ip.UsedIn != 0 {
		r.futureYear("used_in", ip.UsedIn, p.now)
	}
	ip.normalize()
	// The company is resolved when the right is written; the planner checks its code above.
	r.failAll(ip.Validate(), map[string]string{"company": "", "kind": "ip_kind", "granted": "ip_granted"})
	if !keyOK || uscc == "" {
		return nil
	}
	item := &importItem{kind: "ip_rights", key: key, ipRight: &ip, uscc: uscc}
	if exists {
		item.old = old.IPRight
	}
	return item
}

// coopKeyOf reads the key of a cooperation (company, institution, start), shared by the cooperation and
// outcome sheets; ok is false when a part is missing or wrong.
func (p *importPlanner) coopKeyOf(r *rowCtx) (uscc, inst string, started time.Time, ok bool) {
	uscc = r.uscc()
	r.text("institution", &inst)
	if inst != "" {
		if err := ValidateName(inst); err != nil {
			r.fail("institution", err)
			inst = ""
		}
	}
	r.date("started", &started)
	return uscc, inst, started, uscc != "" && inst != "" && !started.IsZero()
}

func (p *importPlanner) cooperation(r *rowCtx) *importItem {
	uscc, inst, started, keyOK := p.coopKeyOf(r)
	p.checkCompany(r, uscc)
	key := natKey(uscc, inst, FormatDate(started))
	if keyOK {
		p.fileCp[key] = true
	}
	old, exists := p.db.coops[key]
	exists = exists && keyOK
	c := Cooperation{Started: started, InstitutionName: inst}
	if exists {
		c = old.Cooperation
	}
	r.required(!exists)
	r.text("programme", &c.Programme)
	r.date("ended", &c.Ended)
	c.Normalize()
	r.failAll(c.Validate(), map[string]string{"company": "", "institution": ""})
	if !keyOK {
		return nil
	}
	if _, known := p.db.institutions[inst]; !known && !p.insts[inst] && len(r.issues) == 0 {
		p.newInstitution(r, inst)
	}
	c.CompanyName = p.companyName(uscc)
	item := &importItem{kind: "cooperations", key: key, coop: &c, uscc: uscc, instName: inst}
	if exists {
		item.old = old.Cooperation
	}
	return item
}

// newInstitution plans an institution a cooperation names and the database lacks, of the kind its name
// suggests.
func (p *importPlanner) newInstitution(r *rowCtx, name string) {
	in := &Institution{Name: name, Kind: GuessInstitutionKind(name)}
	p.insts[name] = true
	p.seen["institutions"+keySep+name] = seenAt(r.row, sumShown(showInstitution(nil, in)))
	p.plan.checks = append(p.plan.checks, importCheck{kind: "institutions", key: name})
	p.plan.New = append(p.plan.New, ImportChange{Kind: "institutions", Key: name, Label: name, File: r.row.File,
		Sheet: r.row.Sheet, Row: r.row.Row,
		item: &importItem{kind: "institutions", key: name, inst: in}})
}

// GuessInstitutionKind tells from its name whether an institution is a university, an institute or other:
// 研究所/研究院/研究中心/科学院/Institute/Academy → institute, else 大学/学院/University/College → university.
func GuessInstitutionKind(name string) string {
	lower := strings.ToLower(name)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(lower, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("研究所", "研究院", "研究中心", "科学院", "institute", "academy"):
		return "institute"
	case has("大学", "学院", "university", "college"):
		return "university"
	}
	return "other"
}

func (p *importPlanner) outcome(r *rowCtx) *importItem {
	uscc, inst, started, keyOK := p.coopKeyOf(r)
	var title string
	r.text("title", &title)
	keyOK = keyOK && title != ""
	coopKey := natKey(uscc, inst, FormatDate(started))
	if keyOK {
		if _, ok := p.db.coops[coopKey]; !ok && !p.fileCp[coopKey] {
			r.fail("started", invalid("err.apply.coop.unknown",
				"no cooperation of this company with {{.Institution}} started on {{.Started}}; add it on the cooperation sheet",
				map[string]any{"Institution": inst, "Started": FormatDate(started)}))
		}
	}
	key := natKey(coopKey, title)
	old, exists := p.db.outcomes[key]
	exists = exists && keyOK
	o := CoopOutcome{Title: title, InstitutionName: inst}
	if exists {
		o = old.CoopOutcome
	}
	r.required(!exists)
	r.text("outcome_kind", &o.Kind)
	r.year("year", &o.Year)
	if o.Year != 0 {
		r.futureYear("year", o.Year, p.now)
	}
	o.Normalize()
	r.failAll(o.Validate(), map[string]string{"cooperation": "", "outcome_title": "title"})
	if !keyOK {
		return nil
	}
	o.CompanyName = p.companyName(uscc)
	item := &importItem{kind: "outcomes", key: key, outcome: &o, uscc: uscc, instName: inst, coopKey: coopKey}
	if exists {
		item.old = old.CoopOutcome
	}
	return item
}
