package app

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"scitech/data"
	"scitech/reports"
)

// historyWords says what the audit log holds in a clerk's words: records by their names, never by their ids
// or the program's keys. The log keeps a record's links as ids (a company's park, a patent's company); the
// names are read once for the entries a page of the history shows (learn) and kept for the texts of its cells.
type historyWords struct {
	*env
	store historyStore

	mu    sync.Mutex // a list's export reads its rows on a goroutine of its own
	names map[data.RecordRef][]string
}

func newHistoryWords(e *env, st historyStore) *historyWords {
	return &historyWords{env: e, store: st, names: map[data.RecordRef][]string{}}
}

// learn reads the names of the records entries point at, and of those that are known only by what they point
// at, which it does not know yet. A name that cannot be read leaves the text without it (and is logged).
func (w *historyWords) learn(entries []data.HistoryEntry) {
	var refs []data.RecordRef
	w.mu.Lock()
	want := func(r data.RecordRef) {
		if _, known := w.names[r]; !known && r.ID != 0 {
			refs = append(refs, r)
		}
	}
	for _, h := range entries {
		if h.Label == "" || historyNamedByOthers[h.Entity] {
			want(data.RecordRef{Entity: h.Entity, ID: h.EntityID})
		}
		for _, c := range h.Changes {
			if target := historyRefTarget(h.Entity, historyColumn(c.Field)); target != "" {
				for _, v := range []string{c.Old, c.New} {
					if id, err := strconv.ParseInt(v, 10, 64); err == nil {
						want(data.RecordRef{Entity: target, ID: id})
					}
				}
			}
		}
	}
	w.mu.Unlock()
	if len(refs) == 0 {
		return
	}
	names, err := w.store.RecordNames(bg(), refs)
	if err != nil {
		fyne.LogError("naming the records of the history", err)
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, r := range refs {
		w.names[r] = names[r] // nil too: a record without a name is not asked for again
	}
}

// name is a record's name in the window's language; "" when it has none.
func (w *historyWords) name(r data.RecordRef) string {
	w.mu.Lock()
	parts := w.names[r]
	w.mu.Unlock()
	switch {
	case len(parts) == 2: // a cooperation: its company and its institution
		return w.T("coop.title", map[string]any{"Company": parts[0], "Institution": parts[1]})
	case len(parts) == 1:
		return parts[0]
	}
	return ""
}

// historyNamedByOthers are the kinds of record the history's label does not name well alone: an output row's
// label is its year (a declared row's too), a workflow step's its new status; a cooperation has none.
var historyNamedByOthers = map[string]bool{"annual_output": true, "declared_figures": true, "cooperation": true,
	"incubator_application_history": true, "plan_application_history": true}

// historyRefs are the kinds of record a link column points at.
var historyRefs = map[string]string{"company_id": "company", "park_id": "park", "institution_id": "institution",
	"cooperation_id": "cooperation", "incubator_id": "incubator"}

// historyRefTarget is the kind of record a column of entity points at; "" for a column that is no link. A
// workflow step's application_id points at its own kind of application.
func historyRefTarget(entity, column string) string {
	if column == "application_id" {
		return strings.TrimSuffix(entity, "_history")
	}
	return historyRefs[column]
}

// historyColumn is the column a field of the log names: changes from before the history kept rows, and issued
// briefs, name Go fields ("IssueNo", "CompanyID"), which become the columns they are stored in ("issue_no",
// "company_id").
func historyColumn(field string) string {
	var b strings.Builder
	runes := []rune(field)
	for i, r := range runes {
		if unicode.IsUpper(r) {
			// A capital starts a word unless it continues an acronym ("ID", "PDF", "XLSX").
			if i > 0 && (unicode.IsLower(runes[i-1]) || i+1 < len(runes) && unicode.IsLower(runes[i+1]) && unicode.IsUpper(runes[i-1])) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func historyTime(e data.HistoryEntry) string { return e.At.Local().Format("2006-01-02 15:04") }

// action is the action, marked when it undid another change or was undone since.
func (w *historyWords) action(h data.HistoryEntry) string {
	text := w.T("history.action." + h.Action)
	if h.Entity == "sample" && h.Action == "create" {
		text = w.T("history.action.load") // the whole sample set, one entry
	}
	if h.UndoOf != 0 {
		text = w.T("history.undo_of", map[string]any{"Action": text})
	}
	if h.UndoneBy != 0 {
		text += w.T("history.undone")
	}
	return text
}

func (e *env) historyEntityName(entity string) string {
	if key := "history.entity." + entity; e.tr.Has(key) {
		return e.T(key)
	}
	return entity
}

// record is the kind of record and its name: an output row or a declared row by its company and year, a
// cooperation by its parties, a workflow step by its application, anything else by the name or title it has.
func (w *historyWords) record(h data.HistoryEntry) string {
	kind := w.historyEntityName(h.Entity)
	own := data.RecordRef{Entity: h.Entity, ID: h.EntityID}
	name := h.Label
	switch h.Entity {
	case "annual_output", "declared_figures":
		if company := w.name(own); company != "" {
			name = w.T("history.record.output", map[string]any{"Company": company, "Year": h.Label})
		}
	case "cooperation":
		name = w.name(own)
	case "incubator_application_history", "plan_application_history":
		name = w.stepApplication(h)
	default:
		if name == "" {
			name = w.name(own)
		}
	}
	if name == "" {
		return kind
	}
	return kind + " " + name
}

// stepApplication names the application a workflow step belongs to, from the step's link to it.
func (w *historyWords) stepApplication(h data.HistoryEntry) string {
	for _, c := range h.Changes {
		if historyColumn(c.Field) == "application_id" {
			v := c.New
			if v == "" {
				v = c.Old
			}
			if id, err := strconv.ParseInt(v, 10, 64); err == nil {
				return w.name(data.RecordRef{Entity: strings.TrimSuffix(h.Entity, "_history"), ID: id})
			}
		}
	}
	return ""
}

// changes lists what the change did, field by field, on one line.
func (w *historyWords) changes(h data.HistoryEntry) string {
	return strings.Join(w.fieldTexts(h), w.T("history.sep.fields"))
}

// detail is the selected change in full, a field a line.
func (w *historyWords) detail(h data.HistoryEntry) string {
	head := historyTime(h) + "  " + h.Operator + "  " + w.action(h) + "  " + w.record(h)
	lines := w.fieldTexts(h)
	if len(lines) == 0 {
		lines = []string{w.T("history.no_fields")}
	}
	return head + "\n" + strings.Join(lines, "\n")
}

func (w *historyWords) fieldTexts(h data.HistoryEntry) []string {
	var out []string
	colon := w.T("history.sep.label")
	for _, c := range h.Changes {
		col := historyColumn(c.Field)
		if h.Entity == "setting" {
			col = c.Field // a setting's key, which has dots of its own
			if k, _, desk := strings.Cut(col, "@"); desk && strings.HasPrefix(k, "brief.font.") {
				col = k // on a server a desk's own font (brief.font.ROLE@HOST/USER) reads as the font it sets
			}
		}
		if historyFields[h.Entity+"."+col].hidden {
			continue
		}
		label := w.fieldLabel(h.Entity, col)
		c.Old, c.New = w.value(h.Entity, col, c.Old), w.value(h.Entity, col, c.New)
		switch {
		case c.Old == "" && c.New == "":
		case c.Old == "":
			out = append(out, label+colon+c.New)
		case c.New == "" && h.Action == "delete":
			out = append(out, label+colon+c.Old)
		default:
			newText := c.New
			if newText == "" {
				newText = w.T("history.empty")
			}
			out = append(out, label+colon+c.Old+" → "+newText)
		}
	}
	return out
}

// historyField is what the history knows of a column (entity.column; a setting by its key) besides its name.
type historyField struct {
	label      string      // translation key of its label where the record kind decides it (else the forms' label)
	codes      string      // translation prefix of the codes it holds
	unit       historyUnit // what its number counts
	noneIfZero bool        // 0 means nothing was entered (no year of entry into the SME register)
	hidden     bool        // of no use to a clerk: an issued brief's fingerprint and sizes, its time and person (the entry's own)
}

// historyUnit is what a column's number counts, as the history shows it; the zero value shows it as stored.
type historyUnit int

const (
	yuanUnit        historyUnit = iota + 1 // yuan, shown in 万元 as everywhere else
	muUnit                                 // an area in 亩 (data.Mu)
	squareMetreUnit                        // an area in square metres
)

// historyFields are the columns the history words beyond their name and stored value, by entity.column.
var historyFields = map[string]historyField{
	"company.park_id":      {label: "company.park"},
	"company.name":         {label: "company.name"},
	"company.above_scale":  {label: "company.above_scale"},
	"company.cert_expires": {label: "company.cert_expires"},
	"company.field":        {codes: "field."},
	"company.techsme_year": {noneIfZero: true},

	"park.name": {label: "history.entity.park"},
	"park.kind": {label: "history.field.park_kind", codes: "park.kind."},

	"institution.name": {label: "fieldlabel.inst_name"},
	"institution.city": {label: "fieldlabel.inst_city"},
	"institution.kind": {label: "fieldlabel.inst_kind", codes: "inst.kind."},

	"coop_base.name": {label: "fieldlabel.base_name"},

	"coop_outcome.title": {label: "fieldlabel.outcome_title"},
	"coop_outcome.kind":  {label: "fieldlabel.outcome_kind", codes: "outcome.kind."},

	"annual_output.output":      {unit: yuanUnit},
	"annual_output.added_value": {unit: yuanUnit},
	"annual_output.revenue":     {unit: yuanUnit},
	"annual_output.rd_expense":  {unit: yuanUnit},
	// The policy figures (issue 18) of an output row and of a declared row, by the rules' names for them; a
	// declared row's revenue is its sales revenue (销售收入), as the rules read it.
	"annual_output.total_income":    {label: "policy.field.annual_output.total_income", unit: yuanUnit},
	"annual_output.hightech_income": {label: "policy.field.annual_output.hightech_income", unit: yuanUnit},
	"annual_output.rd_domestic":     {label: "policy.field.annual_output.rd_domestic", unit: yuanUnit},
	"annual_output.total_costs":     {label: "policy.field.annual_output.total_costs", unit: yuanUnit},
	"annual_output.net_assets":      {label: "policy.field.annual_output.net_assets", unit: yuanUnit},
	"annual_output.total_assets":    {label: "policy.field.annual_output.total_assets", unit: yuanUnit},
	"annual_output.st_staff":        {label: "policy.field.annual_output.st_staff"},
	"annual_output.conversions":     {label: "policy.field.annual_output.conversions"},

	"declared_figures.revenue":         {label: "policy.field.annual_output.revenue", unit: yuanUnit},
	"declared_figures.rd_expense":      {label: "policy.field.annual_output.rd_expense", unit: yuanUnit},
	"declared_figures.employees":       {label: "policy.field.annual_output.employees"},
	"declared_figures.total_income":    {label: "policy.field.annual_output.total_income", unit: yuanUnit},
	"declared_figures.hightech_income": {label: "policy.field.annual_output.hightech_income", unit: yuanUnit},
	"declared_figures.rd_domestic":     {label: "policy.field.annual_output.rd_domestic", unit: yuanUnit},
	"declared_figures.total_costs":     {label: "policy.field.annual_output.total_costs", unit: yuanUnit},
	"declared_figures.net_assets":      {label: "policy.field.annual_output.net_assets", unit: yuanUnit},
	"declared_figures.total_assets":    {label: "policy.field.annual_output.total_assets", unit: yuanUnit},
	"declared_figures.st_staff":        {label: "policy.field.annual_output.st_staff"},
	"declared_figures.conversions":     {label: "policy.field.annual_output.conversions"},
	"declared_figures.source":          {label: "fieldlabel.source"},

	"incubator.name":    {label: "fieldlabel.incubator_name"},
	"incubator.address": {label: "fieldlabel.incubator_address"},
	"incubator.level":   {label: "fieldlabel.incubator_level", codes: "incubator.level."},

	"incubator_application.field":               {codes: "field."},
	"incubator_application.applicant_kind":      {codes: "iapp.kind."},
	"incubator_application.status":              {codes: "iapp.status."},
	"incubator_application_history.from_status": {codes: "iapp.status."},
	"incubator_application_history.to_status":   {codes: "iapp.status."},

	"plan_application.level":               {label: "fieldlabel.plan_level", codes: "plan.level."},
	"plan_application.plan":                {label: "fieldlabel.plan_name"},
	"plan_application.title":               {label: "fieldlabel.plan_title"},
	"plan_application.requested":           {label: "fieldlabel.requested_funds", unit: yuanUnit},
	"plan_application.granted":             {label: "fieldlabel.granted_funds", unit: yuanUnit},
	"plan_application.status":              {codes: "plan.status."},
	"plan_application_history.from_status": {codes: "plan.status."},
	"plan_application_history.to_status":   {codes: "plan.status."},

	"patent.kind":         {codes: "patent.kind."},
	"patent.legal_status": {codes: "patent.status."},

	"park_project.status":     {label: "fieldlabel.project_status", codes: "project.status."},
	"park_project.area_cmu":   {label: "fieldlabel.area", unit: muUnit, noneIfZero: true},
	"park_project.investment": {unit: yuanUnit},

	"setting.brief.issuing_unit":    {label: "settings.issuing_unit"},
	"setting.brief.name":            {label: "settings.brief_name"},
	"setting.brief.issue_no":        {label: "settings.issue_no"},
	"setting.brief.font.title":      {label: "fieldlabel.brief_font_title"},
	"setting.brief.font.body":       {label: "fieldlabel.brief_font_body"},
	"setting.brief.font.heading":    {label: "fieldlabel.brief_font_heading"},
	"setting.brief.font.subheading": {label: "fieldlabel.brief_font_subheading"},
	"setting.brief.draft_mark":      {label: "settings.draft_mark", codes: "history.draft_mark."}, // states, not the choices' verbs

	"brief_register.title":       {label: "history.field.brief_title"},
	"brief_register.kind":        {label: "history.field.brief_kind"},
	"brief_register.issued_date": {label: "history.field.brief_date"},
	"brief_register.date":        {label: "history.field.brief_date"},
	"brief_register.lang":        {label: "history.field.brief_lang", codes: "lang."},
	"brief_register.year":        {label: "history.field.brief_year"},
	"brief_register.issue_no":    {label: "settings.issue_no"},
	"brief_register.replaces_no": {label: "register.replaces"}, // the issue a correction replaces
	"brief_register.replaces":    {hidden: true},               // that record, named by replaces_no
	"brief_register.data_hash":   {hidden: true},
	"brief_register.pdf_bytes":   {hidden: true},
	"brief_register.xlsx_bytes":  {hidden: true},
	"brief_register.issued_at":   {hidden: true},
	"brief_register.operator":    {hidden: true},

	"sample.companies": {label: "history.field.sample_companies"},
	"sample.records":   {label: "history.field.sample_records"},
}

// value is a stored value in the user's words: codes translated, amounts in 万元, areas with their unit, links
// by the name of the record they point at, yes and no for flags, dates without a time of day.
func (w *historyWords) value(entity, col, v string) string {
	key := entity + "." + col
	f := historyFields[key]
	switch {
	case v == "" || v == "0" && f.noneIfZero:
		return ""
	case f.codes != "" && w.tr.Has(f.codes+v):
		return w.T(f.codes + v)
	case f.unit == yuanUnit:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return w.T("history.wan", map[string]any{"Amount": data.Yuan(n).Wan()})
		}
	case f.unit == muUnit:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return w.T("history.mu", map[string]any{"Area": data.Mu(n).Input()})
		}
	case f.unit == squareMetreUnit:
		return w.T("history.m2", map[string]any{"Area": v})
	case key == "brief_register.kind":
		if k := reports.BriefKindNamed(v); k != nil {
			return w.T(k.Label)
		}
	case key == "brief_register.issue_no" || key == "brief_register.replaces_no":
		return w.T("register.no", map[string]any{"No": v})
	case historyRefTarget(entity, col) != "":
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			if name := w.name(data.RecordRef{Entity: historyRefTarget(entity, col), ID: id}); name != "" {
				return name
			}
		}
		return w.T("history.ref.gone")
	case key == "company.above_scale" && v == "1":
		return w.T("history.yes")
	case key == "company.above_scale":
		return w.T("history.no")
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil && t.Equal(t.Truncate(24*time.Hour)) {
		return data.FormatDate(t) // a date the program wrote as a time at midnight
	}
	return v
}

// fieldLabel is a field's label as the forms show it, else the history's own name for the column.
func (w *historyWords) fieldLabel(entity, col string) string {
	if key := historyFields[entity+"."+col].label; key != "" && w.tr.Has(key) {
		if strings.HasPrefix(key, "policy.field.") {
			// The rules' names for figures are written to stand inside a sentence (lower case in English);
			// here one starts the line, as the other labels do.
			r, n := utf8.DecodeRuneInString(w.T(key))
			return string(unicode.ToUpper(r)) + w.T(key)[n:]
		}
		return w.T(key)
	}
	if key := "history.field." + col; w.tr.Has(key) {
		return w.T(key)
	}
	return w.env.fieldLabel(col)
}
