package data

import "strconv"

// How an import shows a record's fields: one text per exchange field, the same for the record in the file
// and the record in the database, so that equal texts mean nothing changed. Each show function fills buf
// (from its start) and returns it: the planner shows two records a row, 100,000 rows a file, and compares
// them at once, so it shows them into the same two buffers each time.

type shownField struct {
	field, value, codes string
}

func showWan(y Yuan) string {
	if y%100 != 0 {
		return y.WanInput() // an amount with yuan in it would look unchanged with two decimals
	}
	return y.Wan()
}

func showInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func showBool(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// ImportBoolCodes is the translation prefix of a yes/no field's values "1" and "0" in a FieldChange.
const ImportBoolCodes = "apply.bool."

func showCompany(buf []shownField, c *Company) []shownField {
	return append(buf[:0], []shownField{
		{"uscc", c.USCC, ""}, {"name", c.Name, ""}, {"legal_rep", c.LegalRep, ""}, {"field", c.Field, "field."},
		{"park", c.ParkName, ""}, {"address", c.Address, ""}, {"contact", c.Contact, ""},
		{"phone", c.Phone, ""}, {"founded", FormatDate(c.Founded), ""}, {"above_scale", showBool(c.AboveScale), ImportBoolCodes},
		{"cert_no", c.CertNo, ""}, {"cert_issued", FormatDate(c.CertIssued), ""}, {"techsme_no", c.TechSMENo, ""},
		{"techsme_year", showInt(c.TechSMEYear), ""},
	}...)
}

func showOutput(buf []shownField, uscc string, o *AnnualOutput) []shownField {
	return append(buf[:0], []shownField{
		{"uscc", uscc, ""}, {"year", strconv.Itoa(o.Year), ""}, {"output", showWan(o.Output), ""},
		{"added_value", showWan(o.AddedValue), ""}, {"revenue", showWan(o.Revenue), ""},
		{"rd_expense", showWan(o.RDExpense), ""}, {"employees", strconv.Itoa(o.Employees), ""},
		{"rd_staff", strconv.Itoa(o.RDStaff), ""},
		{"total_income", showOptWan(o.TotalIncome), ""}, {"hightech_income", showOptWan(o.HighTechIncome), ""},
		{"rd_domestic", showOptWan(o.RDDomestic), ""}, {"total_costs", showOptWan(o.TotalCosts), ""},
		{"net_assets", showOptWan(o.NetAssets), ""}, {"total_assets", showOptWan(o.TotalAssets), ""},
		{"st_staff", showOptInt(o.STStaff), ""}, {"conversions", showOptInt(o.Conversions), ""},
	}...)
}

// showOptWan shows an amount that may be not recorded (empty), where showWan would show 0 as 0.00.
func showOptWan(y *Yuan) string {
	if y == nil {
		return ""
	}
	return showWan(*y)
}

// showOptInt shows a count that may be not recorded; a recorded 0 shows as 0.
func showOptInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func showPatent(buf []shownField, uscc string, p *Patent) []shownField {
	return append(buf[:0], []shownField{
		{"app_no", p.AppNo, ""}, {"title", p.Title, ""}, {"uscc", uscc, ""}, {"filed", FormatDate(p.Filed), ""},
		{"granted", FormatDate(p.Granted), ""}, {"legal_status", p.LegalStatus, "patent.status."},
		{"status_date", FormatDate(p.StatusDate), ""}, {"used_in", showInt(p.UsedIn), ""},
	}...)
}

func showFact(buf []shownField, uscc string, f *CompanyFact) []shownField {
	return append(buf[:0], []shownField{
		{"uscc", uscc, ""}, {"fact_kind", f.Kind, "policy.fact."}, {"year", strconv.Itoa(f.Year), ""},
		{"fact_date", FormatDate(f.Date), ""}, {"level", f.Level, "policy.level."}, {"rank", showInt(f.Rank), ""},
		{"amount", showOptAmount(f.Amount), ""}, {"number", f.Number, ""}, {"note", f.Note, ""},
	}...)
}

// showOptAmount shows an amount kept as 0 when there is none (a fact's) as an empty cell.
func showOptAmount(y Yuan) string {
	if y == 0 {
		return ""
	}
	return showWan(y)
}

func showDeclared(buf []shownField, uscc string, d *DeclaredFigures) []shownField {
	return append(buf[:0], []shownField{
		{"uscc", uscc, ""}, {"year", strconv.Itoa(d.Year), ""}, {"revenue", showOptWan(d.Revenue), ""},
		{"rd_expense", showOptWan(d.RDExpense), ""}, {"employees", showOptInt(d.Employees), ""},
		{"total_income", showOptWan(d.TotalIncome), ""}, {"hightech_income", showOptWan(d.HighTechIncome), ""},
		{"rd_domestic", showOptWan(d.RDDomestic), ""}, {"total_costs", showOptWan(d.TotalCosts), ""},
		{"net_assets", showOptWan(d.NetAssets), ""}, {"total_assets", showOptWan(d.TotalAssets), ""},
		{"st_staff", showOptInt(d.STStaff), ""}, {"conversions", showOptInt(d.Conversions), ""}, {"source", d.Source, ""},
	}...)
}

func showIPRight(buf []shownField, uscc string, r *IPRight) []shownField {
	return append(buf[:0], []shownField{
		{"uscc", uscc, ""}, {"ip_kind", r.Kind, "policy.ip."}, {"reg_no", r.RegNo, ""}, {"title", r.Title, ""},
		{"ip_granted", FormatDate(r.Granted), ""}, {"used_in", showInt(r.UsedIn), ""},
	}...)
}

func showCoop(buf []shownField, uscc string, c *Cooperation) []shownField {
	return append(buf[:0], []shownField{
		{"uscc", uscc, ""}, {"institution", c.InstitutionName, ""}, {"programme", c.Programme, ""},
		{"started", FormatDate(c.Started), ""}, {"ended", FormatDate(c.Ended), ""},
	}...)
}

func showOutcome(buf []shownField, uscc, started string, o *CoopOutcome) []shownField {
	return append(buf[:0], []shownField{
		{"uscc", uscc, ""}, {"institution", o.InstitutionName, ""}, {"started", started, ""},
		{"outcome_kind", o.Kind, "outcome.kind."}, {"title", o.Title, ""}, {"year", strconv.Itoa(o.Year), ""},
	}...)
}

func showInstitution(buf []shownField, in *Institution) []shownField {
	return append(buf[:0], []shownField{{"institution", in.Name, ""}, {"inst_kind", in.Kind, "inst.kind."}, {"city", in.City, ""}}...)
}

// diffShown lists the fields whose text differs; with old nil, every field that has a value.
func diffShown(old, cur []shownField) []FieldChange {
	var out []FieldChange
	for i, f := range cur {
		prev := ""
		if old != nil {
			prev = old[i].value
		}
		if prev != f.value {
			out = append(out, FieldChange{Field: f.field, Old: prev, New: f.value, Codes: f.codes})
		}
	}
	return out
}

func sameShown(a, b []shownField) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].value != b[i].value {
			return false
		}
	}
	return true
}

// sumShown is a 64-bit FNV-1a hash of the fields' texts, never 0 for a record: what a plan keeps of each
// record it matched, to tell whether the record has changed by the time the plan is applied.
func sumShown(fields []shownField) uint64 {
	if fields == nil {
		return 0
	}
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, f := range fields {
		for i := 0; i < len(f.value); i++ {
			h = (h ^ uint64(f.value[i])) * prime
		}
		h = (h ^ 0xff) * prime // 0xff never occurs in UTF-8: it ends a field
	}
	if h == 0 {
		return 1
	}
	return h
}
