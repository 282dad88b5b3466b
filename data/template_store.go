package data

import (
	"context"
	"strconv"
)

// TemplateData is what the bureau already has of one company, ready to be written into a fill-in template: the
// rows of each exchange sheet with each field's canonical value (as an ImportRow holds it), so that a template
// sent back unchanged reads back to exactly these values.
type TemplateData struct {
	Company *Company // nil for a blank template
	Year    int      // the report year the template asks for; 0: every year
	Parks   []string // the park names, the choices of the "park" field
	// Rows maps an ExchangeSheet kind to its rows, each a field key → canonical value map holding every field of
	// the sheet (Info fields included). A blank template has no rows.
	Rows map[string][]map[string]string
}

// TemplateData reads one company's records for its template: the company itself, its annual outputs (every year
// when year is 0, else year and the year before, the figures a company reports and the ones it is compared
// with), oldest first, and all its patents, other IP rights, cooperations and their outcomes. An empty uscc gives a blank template: the parks
// and no rows.
func (s *Store) TemplateData(ctx context.Context, uscc string, year int) (TemplateData, error) {
	d := TemplateData{Year: year, Rows: map[string][]map[string]string{}}
	if year != 0 {
		if err := ValidateYear(year); err != nil {
			return d, templateField(err, "year")
		}
	}
	parks, err := s.Parks(ctx)
	if err != nil {
		return d, err
	}
	for _, p := range parks {
		d.Parks = append(d.Parks, p.Name)
	}
	if uscc == "" {
		return d, nil
	}
	code, err := ValidateUSCC(uscc)
	if err != nil {
		return d, templateField(err, "uscc")
	}
	c, err := s.CompanyByUSCC(ctx, code)
	if ErrorCode(err) == NotFound {
		return d, &Error{Code: NotFound, Field: "uscc", Key: "err.template.company", Args: map[string]any{"USCC": code},
			Message: "no company has the credit code " + code}
	}
	if err != nil {
		return d, err
	}
	d.Company = &c
	if err := s.templateRows(ctx, &d, c); err != nil {
		return TemplateData{}, err
	}
	return d, nil
}

// templateRows fills the rows of every sheet from the company's records.
func (s *Store) templateRows(ctx context.Context, d *TemplateData, c Company) error {
	add := func(kind string, v map[string]string) error {
		row, err := templateRow(kind, v)
		if err != nil {
			return err
		}
		d.Rows[kind] = append(d.Rows[kind], row)
		return nil
	}
	if err := add("companies", templateCompany(c)); err != nil {
		return err
	}
	outputs, err := s.Outputs(ctx, c.ID)
	if err != nil {
		return err
	}
	// Oldest first, so the company adds the new year at the bottom.
	for i := len(outputs) - 1; i >= 0; i-- {
		o := outputs[i]
		if d.Year != 0 && o.Year != d.Year && o.Year != d.Year-1 {
			continue
		}
		if err := add("outputs", templateOutput(c, o)); err != nil {
			return err
		}
	}
	declared, err := s.DeclaredFiguresOf(ctx, c.ID)
	if err != nil {
		return err
	}
	for i := len(declared) - 1; i >= 0; i-- { // oldest first; every year, whatever the report year
		if err := add("declared", templateDeclared(c, declared[i])); err != nil {
			return err
		}
	}
	patents, err := s.Patents(ctx, PatentFilter{CompanyID: c.ID, Sort: PatentSortFiled})
	if err != nil {
		return err
	}
	for _, p := range patents {
		if err := add("patents", templatePatent(c, p)); err != nil {
			return err
		}
	}
	rights, err := s.IPRights(ctx, c.ID)
	if err != nil {
		return err
	}
	for i := len(rights) - 1; i >= 0; i-- { // oldest first, as the other sheets
		if err := add("ip_rights", templateIPRight(c, rights[i])); err != nil {
			return err
		}
	}
	facts, err := s.CompanyFacts(ctx, c.ID)
	if err != nil {
		return err
	}
	for i := len(facts) - 1; i >= 0; i-- { // oldest first
		if err := add("facts", templateFact(c, facts[i])); err != nil {
			return err
		}
	}
	coops, err := s.Cooperations(ctx, CooperationFilter{CompanyID: c.ID, Sort: CoopSortStarted})
	if err != nil {
		return err
	}
	for _, k := range coops {
		if err := add("cooperations", templateCooperation(c, k)); err != nil {
			return err
		}
	}
	outcomes, err := s.CoopOutcomes(ctx, CoopOutcomeFilter{CompanyID: c.ID, Sort: OutcomeSortYear})
	if err != nil {
		return err
	}
	started := map[int64]string{}
	for _, k := range coops {
		started[k.ID] = FormatDate(k.Started)
	}
	for _, o := range outcomes {
		if err := add("outcomes", templateOutcome(c, o, started[o.CooperationID])); err != nil {
			return err
		}
	}
	return nil
}

// templateRow keeps the fields of a kind's sheet. A field of the sheet missing from values is a programming
// error: the sheet definitions gained a field the template does not know how to fill.
func templateRow(kind string, values map[string]string) (map[string]string, error) {
	sheet, ok := ExchangeSheetOf(kind)
	if !ok {
		return nil, internal(nil, "no exchange sheet "+kind)
	}
	row := make(map[string]string, len(sheet.Fields))
	for _, f := range sheet.Fields {
		v, ok := values[f.Key]
		if !ok {
			return nil, internal(nil, "the template has no value for "+kind+"."+f.Key)
		}
		row[f.Key] = v
	}
	return row, nil
}

func templateCompany(c Company) map[string]string {
	return map[string]string{"uscc": c.USCC, "name": c.Name, "legal_rep": c.LegalRep, "field": c.Field,
		"park": c.ParkName, "address": c.Address, "contact": c.Contact, "phone": c.Phone,
		"founded": FormatDate(c.Founded), "above_scale": templateBool(c.AboveScale), "cert_no": c.CertNo,
		"cert_issued": FormatDate(c.CertIssued), "cert_expires": FormatDate(c.CertExpires()),
		"techsme_no": c.TechSMENo, "techsme_year": templateYear(c.TechSMEYear)}
}

func templateOutput(c Company, o AnnualOutput) map[string]string {
	return map[string]string{"uscc": c.USCC, "name": c.Name, "year": strconv.Itoa(o.Year),
		"output": templateYuan(o.Output), "added_value": templateYuan(o.AddedValue), "revenue": templateYuan(o.Revenue),
		"rd_expense": templateYuan(o.RDExpense), "employees": strconv.Itoa(o.Employees), "rd_staff": strconv.Itoa(o.RDStaff),
		"total_income": templateOptYuan(o.TotalIncome), "hightech_income": templateOptYuan(o.HighTechIncome),
		"rd_domestic": templateOptYuan(o.RDDomestic), "total_costs": templateOptYuan(o.TotalCosts),
		"net_assets": templateOptYuan(o.NetAssets), "total_assets": templateOptYuan(o.TotalAssets),
		"st_staff": templateOptInt(o.STStaff), "conversions": templateOptInt(o.Conversions)}
}

// templateOptYuan leaves a figure not recorded empty for the company to fill in.
func templateOptYuan(y *Yuan) string {
	if y == nil {
		return ""
	}
	return templateYuan(*y)
}

func templateOptInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func templatePatent(c Company, p Patent) map[string]string {
	return map[string]string{"app_no": p.AppNo, "patent_kind": p.Kind, "title": p.Title, "uscc": c.USCC,
		"company": c.Name, "filed": FormatDate(p.Filed), "granted": FormatDate(p.Granted),
		"legal_status": p.LegalStatus, "status_date": FormatDate(p.StatusDate), "used_in": templateYear(p.UsedIn)}
}

func templateFact(c Company, f CompanyFact) map[string]string {
	amount := ""
	if f.Amount != 0 {
		amount = templateYuan(f.Amount)
	}
	rank := ""
	if f.Rank != 0 {
		rank = strconv.Itoa(f.Rank)
	}
	return map[string]string{"uscc": c.USCC, "company": c.Name, "fact_kind": f.Kind, "year": strconv.Itoa(f.Year),
		"fact_date": FormatDate(f.Date), "level": f.Level, "rank": rank, "amount": amount, "number": f.Number, "note": f.Note}
}

func templateDeclared(c Company, d DeclaredFigures) map[string]string {
	return map[string]string{"uscc": c.USCC, "name": c.Name, "year": strconv.Itoa(d.Year),
		"revenue": templateOptYuan(d.Revenue), "rd_expense": templateOptYuan(d.RDExpense), "employees": templateOptInt(d.Employees),
		"total_income": templateOptYuan(d.TotalIncome), "hightech_income": templateOptYuan(d.HighTechIncome),
		"rd_domestic": templateOptYuan(d.RDDomestic), "total_costs": templateOptYuan(d.TotalCosts),
		"net_assets": templateOptYuan(d.NetAssets), "total_assets": templateOptYuan(d.TotalAssets),
		"st_staff": templateOptInt(d.STStaff), "conversions": templateOptInt(d.Conversions), "source": d.Source}
}

func templateIPRight(c Company, r IPRight) map[string]string {
	return map[string]string{"uscc": c.USCC, "company": c.Name, "ip_kind": r.Kind, "reg_no": r.RegNo, "title": r.Title,
		"ip_granted": FormatDate(r.Granted), "used_in": templateYear(r.UsedIn)}
}

func templateCooperation(c Company, k Cooperation) map[string]string {
	return map[string]string{"uscc": c.USCC, "company": c.Name, "institution": k.InstitutionName,
		"programme": k.Programme, "started": FormatDate(k.Started), "ended": FormatDate(k.Ended)}
}

func templateOutcome(c Company, o CoopOutcome, started string) map[string]string {
	return map[string]string{"uscc": c.USCC, "company": c.Name, "institution": o.InstitutionName,
		"started": started, "outcome_kind": o.Kind, "title": o.Title, "year": strconv.Itoa(o.Year)}
}

func templateBool(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// templateYear is a year that may be unset (0), which the sheet shows as an empty cell.
func templateYear(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

func templateYuan(y Yuan) string { return strconv.FormatInt(int64(y), 10) }

// templateField names the field of a validation error that does not name one.
func templateField(err error, field string) error {
	e, ok := err.(*Error)
	if !ok || e.Field != "" {
		return err
	}
	c := *e
	c.Field = field
	return &c
}
