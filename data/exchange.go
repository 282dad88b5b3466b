package data

import "strconv"

// The Excel exchange with companies: which sheets a company reports, their fields, and the rows read from a
// workbook on their way into the database. The template writer, the reader and the import all work from these
// definitions, and their field keys are the export's column keys, so an exported list imports back.

// Field value types of the exchange.
const (
	ExText  = "text"  // trimmed text
	ExDate  = "date"  // YYYY-MM-DD
	ExWan   = "wan"   // an amount typed in 万元 (or with a 元 suffix), canonical form: whole yuan as digits
	ExInt   = "int"   // a whole number ≥ 0
	ExYear  = "year"  // a four-digit year
	ExBool  = "bool"  // 是/否, yes/no, 1/0
	ExCode  = "code"  // one of Codes, typed as its label or its code
	ExUSCC  = "uscc"  // a unified social credit code, canonical form upper case
	ExAppNo = "appno" // a patent application number, canonical form normalised
	// ExSignedWan is an amount that may be negative (the net assets of a company in debt), otherwise as ExWan;
	// canonical form: whole yuan as digits, "-" before them when negative.
	ExSignedWan = "swan"
)

// ExchangeField is one column of an exchange sheet.
type ExchangeField struct {
	Key        string   // field key; also the export column key ("col."+Key) and the error's Field
	Type       string   // one of the Ex… types
	Required   bool     // a row without it is refused
	Codes      []string // the allowed codes of an ExCode field (nil: taken from the database, e.g. park names)
	CodeLabels string   // translation prefix of the codes' labels ("field.", "patent.status.")
	Synonyms   []string // other headers accepted besides the zh and en labels, e.g. 单位名称, 公司名称
	Info       bool     // shown for the reader's sake (a company's name beside its code); not imported
}

// ExchangeSheet is one kind of record a company reports, a sheet of the template.
type ExchangeSheet struct {
	Kind     string   // "companies", "outputs", "patents", "ip_rights", "cooperations", "outcomes" (the export kinds)
	Synonyms []string // sheet names accepted besides the zh and en titles ("export.kind."+Kind)
	Key      []string // the fields that identify a record: a row with the same key updates it
	Fields   []ExchangeField
}

var (
	fUSCC        = ExchangeField{Key: "uscc", Type: ExUSCC, Required: true, Synonyms: []string{"信用代码", "社会信用代码", "统一代码", "USCC", "credit code"}}
	fCompanyInfo = ExchangeField{Key: "company", Type: ExText, Info: true, Synonyms: []string{"企业名称", "单位名称", "公司名称", "企业", "company name"}}
)

// ExchangeSheets are the sheets of the template, in order.
var ExchangeSheets = []ExchangeSheet{
	{Kind: "companies", Synonyms: []string{"企业信息", "企业基本信息", "基本信息", "单位信息"}, Key: []string{"uscc"},
		Fields: []ExchangeField{fUSCC,
			{Key: "name", Type: ExText, Required: true, Synonyms: []string{"企业名称", "单位名称", "公司名称", "company name"}},
			{Key: "legal_rep", Type: ExText, Synonyms: []string{"法人代表", "法人", "legal representative"}},
			{Key: "field", Type: ExCode, Required: true, Codes: HighTechFields, CodeLabels: "field.", Synonyms: []string{"技术领域", "领域"}},
			{Key: "park", Type: ExCode, Synonyms: []string{"园区"}},
			{Key: "address", Type: ExText, Synonyms: []string{"通讯地址", "注册地址"}},
			{Key: "contact", Type: ExText, Synonyms: []string{"联系人姓名"}},
			{Key: "phone", Type: ExText, Synonyms: []string{"电话", "手机", "联系方式"}},
			{Key: "founded", Type: ExDate, Synonyms: []string{"注册日期", "成立时间"}},
			{Key: "above_scale", Type: ExBool, Synonyms: []string{"是否规上", "规上企业", "规模以上"}},
			{Key: "cert_no", Type: ExText, Synonyms: []string{"高企证书编号", "证书编号"}},
			{Key: "cert_issued", Type: ExDate, Synonyms: []string{"高企发证日期", "发证时间"}},
			{Key: "cert_expires", Type: ExDate, Info: true},
			{Key: "techsme_no", Type: ExText, Synonyms: []string{"入库编号", "科技型中小企业编号"}},
			{Key: "techsme_year", Type: ExYear, Synonyms: []string{"入库年份"}},
		}},
	{Kind: "outputs", Synonyms: []string{"产值", "年度产值", "高新技术产品产值"}, Key: []string{"uscc", "year"},
		Fields: []ExchangeField{fUSCC, {Key: "name", Type: ExText, Info: true, Synonyms: []string{"企业名称", "单位名称", "公司名称"}},
			{Key: "year", Type: ExYear, Required: true, Synonyms: []string{"年份", "统计年度"}},
			{Key: "output", Type: ExWan, Required: true, Synonyms: []string{"高新技术产品产值", "产值", "产值（万元）", "output"}},
			{Key: "added_value", Type: ExWan, Required: true, Synonyms: []string{"增加值", "高新技术产品增加值", "added value"}},
			{Key: "revenue", Type: ExWan, Synonyms: []string{"营业收入", "主营业务收入", "revenue"}},
			{Key: "rd_expense", Type: ExWan, Synonyms: []string{"研发费用", "研发投入", "R&D"}},
			{Key: "employees", Type: ExInt, Synonyms: []string{"从业人员", "职工人数", "员工人数"}},
			{Key: "rd_staff", Type: ExInt, Synonyms: []string{"研发人员", "研发人数"}},
			// The figures the 高企 and 科小 rules read (issue 18); an empty cell is "not recorded".
			{Key: "total_income", Type: ExWan, Synonyms: []string{"总收入", "收入总额", "total income"}},
			{Key: "hightech_income", Type: ExWan, Synonyms: []string{"高新技术产品（服务）收入", "高新技术产品收入", "高品收入"}},
			{Key: "rd_domestic", Type: ExWan, Synonyms: []string{"境内研发费用", "境内研究开发费用"}},
			{Key: "total_costs", Type: ExWan, Synonyms: []string{"成本费用总额", "成本费用"}},
			{Key: "net_assets", Type: ExSignedWan, Synonyms: []string{"净资产", "所有者权益"}},
			{Key: "total_assets", Type: ExWan, Synonyms: []string{"资产总额", "总资产"}},
			{Key: "st_staff", Type: ExInt, Synonyms: []string{"科技人员", "科技人员数"}},
			{Key: "conversions", Type: ExInt, Synonyms: []string{"科技成果转化数", "成果转化数", "成果转化项数"}},
		}},
	// "知识产权" names the IP rights sheet now (issue 18); a patents sheet under that name is still read as
	// patents by its headers (the reader lets the headers overrule a sheet name they contradict).
	// A year's figures as a company declared them in an application, for a year without an output row (issue
	// 18, the lead's decision): read by the policy rules only. The fields are the output sheet's, all optional.
	{Kind: "declared", Synonyms: []string{"申报数据", "往年申报数据", "高企申报数据", "申报年度数据", "declared"}, Key: []string{"uscc", "year"},
		Fields: []ExchangeField{fUSCC, {Key: "name", Type: ExText, Info: true, Synonyms: []string{"企业名称", "单位名称", "公司名称"}},
			{Key: "year", Type: ExYear, Required: true, Synonyms: []string{"年份", "年度", "申报年度"}},
			{Key: "revenue", Type: ExWan, Synonyms: []string{"销售收入", "营业收入", "主营业务收入", "revenue"}},
			{Key: "rd_expense", Type: ExWan, Synonyms: []string{"研究开发费用", "研发费用", "研发投入", "R&D"}},
			{Key: "employees", Type: ExInt, Synonyms: []string{"职工总数", "从业人员", "职工人数", "员工人数"}},
			{Key: "total_income", Type: ExWan, Synonyms: []string{"总收入", "收入总额", "total income"}},
			{Key: "hightech_income", Type: ExWan, Synonyms: []string{"高新技术产品（服务）收入", "高新技术产品收入", "高品收入"}},
			{Key: "rd_domestic", Type: ExWan, Synonyms: []string{"境内研发费用", "境内研究开发费用"}},
			{Key: "total_costs", Type: ExWan, Synonyms: []string{"成本费用总额", "成本费用"}},
			{Key: "net_assets", Type: ExSignedWan, Synonyms: []string{"净资产", "所有者权益"}},
			{Key: "total_assets", Type: ExWan, Synonyms: []string{"资产总额", "总资产"}},
			{Key: "st_staff", Type: ExInt, Synonyms: []string{"科技人员", "科技人员数"}},
			{Key: "conversions", Type: ExInt, Synonyms: []string{"科技成果转化数", "成果转化数", "成果转化项数"}},
			{Key: "source", Type: ExText, Synonyms: []string{"来源", "数据来源", "申报材料", "source"}},
		}},
	{Kind: "patents", Synonyms: []string{"专利", "专利情况"}, Key: []string{"app_no"},
		Fields: []ExchangeField{
			{Key: "app_no", Type: ExAppNo, Required: true, Synonyms: []string{"专利申请号", "专利号", "申请号/专利号", "application number"}},
			{Key: "patent_kind", Type: ExCode, Info: true, Codes: PatentKinds, CodeLabels: "patent.kind.", Synonyms: []string{"专利类型", "类型"}},
			{Key: "title", Type: ExText, Required: true, Synonyms: []string{"专利名称", "名称", "title"}},
			fUSCC, fCompanyInfo,
			{Key: "filed", Type: ExDate, Required: true, Synonyms: []string{"申请日期", "申请日"}},
			{Key: "granted", Type: ExDate, Synonyms: []string{"授权日期", "授权日", "授权公告日"}},
			{Key: "legal_status", Type: ExCode, Required: true, Codes: PatentStatuses, CodeLabels: "patent.status.", Synonyms: []string{"法律状态", "状态"}},
			{Key: "status_date", Type: ExDate, Synonyms: []string{"状态日期"}},
			// A utility model or design counted in an earlier 高企 recognition (issue 18): not counted again.
			{Key: "used_in", Type: ExYear, Synonyms: []string{"已用于认定年份", "已用于认定年度", "用于认定年度"}},
		}},
	// IP rights besides patents (issue 18 item 2): software copyrights and the class I rights of the 工作指引.
	// The database knows a right by its kind and registration number.
	{Kind: "ip_rights", Synonyms: []string{"其他知识产权", "知识产权（专利以外）", "软件著作权", "软件著作权登记", "IP", "other IP"},
		Key: []string{"ip_kind", "reg_no"},
		Fields: []ExchangeField{fUSCC, fCompanyInfo,
			{Key: "ip_kind", Type: ExCode, Required: true, Codes: IPRightKinds, CodeLabels: "policy.ip.", Synonyms: []string{"知识产权类别", "知识产权类型", "类别", "类型", "kind"}},
			{Key: "reg_no", Type: ExText, Required: true, Synonyms: []string{"登记号", "证书号", "登记号/证书号", "证书编号", "品种权号", "registration number"}},
			{Key: "title", Type: ExText, Required: true, Synonyms: []string{"软件名称", "作品名称", "名称", "title"}},
			{Key: "ip_granted", Type: ExDate, Required: true, Synonyms: []string{"登记日期", "授权日期", "发证日期", "取得日期"}},
			{Key: "used_in", Type: ExYear, Synonyms: []string{"已用于认定年份", "已用于认定年度", "用于认定年度"}},
		}},
	// The dated facts the policy rules ask about (issue 18 item 3): incidents and listings, standards, awards,
	// R&D institutions, financing, annual reports filed and earlier 高企 certificates. A fact is known by its
	// company, kind, year and number: two facts of one kind in one year are told apart by their numbers.
	{Kind: "facts", Synonyms: []string{"企业情况", "企业事项", "企业资质与信用", "company facts"}, Key: []string{"uscc", "fact_kind", "year", "number"},
		Fields: []ExchangeField{fUSCC, fCompanyInfo,
			{Key: "fact_kind", Type: ExCode, Required: true, Codes: FactKinds, CodeLabels: "policy.fact.", Synonyms: []string{"事项类别", "情况类别", "类别", "kind"}},
			{Key: "year", Type: ExYear, Required: true, Synonyms: []string{"年份", "年度"}},
			{Key: "fact_date", Type: ExDate, Synonyms: []string{"日期", "发生日期", "发证日期", "报送日期", "date"}},
			{Key: "level", Type: ExCode, Codes: FactLevels, CodeLabels: "policy.level.", Synonyms: []string{"级别", "等级"}},
			{Key: "rank", Type: ExInt, Synonyms: []string{"排名", "完成单位排名", "起草排名"}},
			{Key: "amount", Type: ExWan, Synonyms: []string{"金额", "融资金额", "融资额"}},
			{Key: "number", Type: ExText, Synonyms: []string{"编号", "证书编号", "文号", "标准号"}},
			{Key: "note", Type: ExText, Synonyms: []string{"说明", "备注", "内容", "note"}},
		}},
	{Kind: "cooperations", Synonyms: []string{"产学研合作", "合作情况", "校企合作"}, Key: []string{"uscc", "institution", "started"},
		Fields: []ExchangeField{fUSCC, fCompanyInfo,
			{Key: "institution", Type: ExText, Required: true, Synonyms: []string{"合作高校", "合作院所", "高校院所名称", "合作单位"}},
			{Key: "programme", Type: ExText, Synonyms: []string{"合作计划", "合作方式", "所属行动或计划"}},
			{Key: "started", Type: ExDate, Required: true, Synonyms: []string{"开始时间", "合作开始日期"}},
			{Key: "ended", Type: ExDate, Synonyms: []string{"结束时间", "合作结束日期"}},
		}},
	{Kind: "outcomes", Synonyms: []string{"合作成果", "成果", "项目和新产品"}, Key: []string{"uscc", "institution", "started", "title"},
		Fields: []ExchangeField{fUSCC, fCompanyInfo,
			{Key: "institution", Type: ExText, Required: true, Synonyms: []string{"合作高校", "合作院所", "合作单位"}},
			{Key: "started", Type: ExDate, Required: true, Synonyms: []string{"合作开始日期", "开始时间"}},
			{Key: "outcome_kind", Type: ExCode, Required: true, Codes: OutcomeKinds, CodeLabels: "outcome.kind.", Synonyms: []string{"成果类别", "类别"}},
			{Key: "title", Type: ExText, Required: true, Synonyms: []string{"成果名称", "项目名称", "产品名称"}},
			{Key: "year", Type: ExYear, Required: true, Synonyms: []string{"年份", "完成年度"}},
		}},
}

// ExchangeSheetOf returns the sheet definition of a kind.
func ExchangeSheetOf(kind string) (ExchangeSheet, bool) {
	for _, s := range ExchangeSheets {
		if s.Kind == kind {
			return s, true
		}
	}
	return ExchangeSheet{}, false
}

// ImportLayout is the columns of one sheet as read, shared by all its rows: the field each column holds and
// the column's letter. A row keeps only its values, in this order, which holds a large file in a fraction of
// the memory a map per row would take.
type ImportLayout struct {
	Fields  []string // field keys, in column order; at most MaxImportColumns
	Letters []string // the column of each field ("C")
}

// MaxImportColumns is the most fields a layout can have: a row's presence mask has one bit a field.
const MaxImportColumns = 64

// NewImportLayout returns the layout of the fields given, in columns A, B, C… (for rows built by hand).
func NewImportLayout(fields ...string) *ImportLayout {
	l := &ImportLayout{Fields: fields, Letters: make([]string, len(fields))}
	for i := range fields {
		l.Letters[i] = columnLetter(i)
	}
	return l
}

// index is the position of a field in the layout, -1 when the sheet has no such column.
func (l *ImportLayout) index(field string) int {
	if l == nil {
		return -1
	}
	for i, f := range l.Fields {
		if f == field {
			return i
		}
	}
	return -1
}

func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// ImportRow is one row of a workbook, read and normalised: each field's value in canonical form (dates
// YYYY-MM-DD, amounts as whole yuan in digits, codes as stored, codes and numbers upper-case and trimmed), and
// where each value came from, so that a problem found later can still be shown on its cell.
type ImportRow struct {
	File   string
	Sheet  string
	Kind   string // the ExchangeSheet kind
	Row    int    // 1-based row number in the sheet
	Layout *ImportLayout
	Vals   []string // by the layout's columns; nil once PlanImportTaking has planned the row
	Read   uint64   // bit i set: Vals[i] was read; clear for a cell the reader refused (and reported)
}

// NewImportRow builds a row of the layout with the values given (field → value, in canonical form); a field of
// the layout that values lacks is a cell the reader refused.
func NewImportRow(file, sheet, kind string, row int, layout *ImportLayout, values map[string]string) ImportRow {
	r := ImportRow{File: file, Sheet: sheet, Kind: kind, Row: row, Layout: layout, Vals: make([]string, len(layout.Fields))}
	for i, f := range layout.Fields {
		if v, ok := values[f]; ok {
			r.Vals[i], r.Read = v, r.Read|1<<i
		}
	}
	return r
}

// Value is a field's canonical value; ok is false when the sheet has no such column or the reader refused the
// cell.
func (r *ImportRow) Value(field string) (v string, ok bool) {
	i := r.Layout.index(field)
	if i < 0 || r.Read&(1<<i) == 0 || i >= len(r.Vals) {
		return "", false
	}
	return r.Vals[i], true
}

// Cell is the reference of a field's cell ("C7"), "" when the sheet has no such column.
func (r *ImportRow) Cell(field string) string {
	i := r.Layout.index(field)
	if i < 0 {
		return ""
	}
	return r.Layout.Letters[i] + strconv.Itoa(r.Row)
}

// Refused is the first field whose cell the reader refused, "" when it read them all.
func (r *ImportRow) Refused() string {
	if r.Layout == nil {
		return ""
	}
	for i, f := range r.Layout.Fields {
		if r.Read&(1<<i) == 0 {
			return f
		}
	}
	return ""
}

// refused tells whether the reader refused the field's cell (the sheet has the column, the row no value).
func (r *ImportRow) refused(field string) bool {
	i := r.Layout.index(field)
	return i >= 0 && r.Read&(1<<i) == 0
}

// Map is the row's values by field, the refused cells left out.
func (r *ImportRow) Map() map[string]string {
	m := map[string]string{}
	if r.Layout == nil {
		return m
	}
	for i, f := range r.Layout.Fields {
		if r.Read&(1<<i) != 0 {
			m[f] = r.Vals[i]
		}
	}
	return m
}

// ImportIssue is a problem of one cell, row or sheet of a workbook.
type ImportIssue struct {
	File  string
	Sheet string
	Row   int    // 0 for a sheet-level problem
	Cell  string // "C7"; "" for a row- or sheet-level problem
	Field string // field key, "" when none
	Value string // the cell's text as typed
	Err   error  // a *Error with the reason (a translation key and its arguments)
}
