package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"
)

// The sample district's policy figures (issue 18), added beside its output rows so that the 政策服务 lists show
// each verdict more than once for 2025, without touching a figure any brief publishes (output, added value,
// revenue, R&D, staff and the certificates stay as they were).
//
// Each company follows one of six profiles by its place in the list, so that every profile holds six companies
// of different sizes:
//
//	0  meets the single-year rules with room (S&T staff 15 %, high-tech income 70 % of total income)
//	1  S&T staff a near miss (9.5 %, just under the 10 % bar)
//	2  high-tech income a near miss (57 %, under 60 %)
//	3  no policy figures recorded: 缺数据
//	4  S&T staff well short (6 %)
//	5  as 0, with the costs that give 科小's R&D-to-costs option its points
//
// The 高企 R&D ratio reads three years and the sample keeps output rows for 2024 and 2025 only (a 2023 output row
// would add a year to every brief's output chart), so the companies with policy figures have their 2023 figures
// as declared in an application (declared_figures, which no published figure reads); see sampleDeclared2023.
func samplePolicyFigures(i int, o *AnnualOutput) {
	profile := i % 6
	if profile == 3 {
		return
	}
	rev := int64(o.Revenue)
	yuan := func(v int64) *Yuan { y := Yuan(v); return &y }
	count := func(n int) *int { return &n }
	total := rev + rev/20
	hightech := total * 70 / 100
	if profile == 2 {
		hightech = total * 57 / 100
	}
	st := o.Employees * 15 / 100
	switch profile {
	case 1: // the most staff under 10 %, which is at least 9 % for a staff of ten or more
		st = (o.Employees*10 - 1) / 100
	case 4:
		st = o.Employees * 6 / 100
	}
	net := rev * 40 / 100
	if o.Year == 2025 {
		net = rev * 46 / 100
	}
	o.TotalIncome, o.HighTechIncome = yuan(total), yuan(hightech)
	o.RDDomestic = yuan(int64(o.RDExpense) * 9 / 10)
	o.TotalCosts = yuan(rev * 85 / 100)
	if profile == 5 {
		o.TotalCosts = yuan(int64(o.RDExpense) * 4) // R&D 25 % of costs
	}
	o.NetAssets, o.TotalAssets = yuan(net), yuan(rev*120/100)
	o.STStaff, o.Conversions = count(st), count(2+i%5)
}

// sampleRDNear are the companies (by place in the list) whose declared 2023 R&D makes the three-year R&D ratio a
// near miss: 96 % of the bar their 2025 sales set. They are among the few whose 2024 and 2025 ratios leave room
// for that with a 2023 R&D of some size (2.3 %, 4.0 % and 5.1 % of their 2023 sales); for most the two later
// years alone are above it. Every other company with policy figures meets the rule with room.
var sampleRDNear = map[int]bool{6: true, 24: true, 30: true}

// sampleDeclared2023 is the 2023 row the i-th company declared, from its 2024 and 2025 output rows: sales 90 % of
// 2024's, the policy figures by the company's profile as for an output row, and the R&D that puts the three-year
// ratio where sampleRDNear says (at least the 2025 ratio, at least 110 % of the bar, or 96 % of it). nil for
// the profile without policy figures.
func sampleDeclared2023(i int, o24, o25 AnnualOutput) *DeclaredFigures {
	if i%6 == 3 {
		return nil
	}
	o := AnnualOutput{CompanyID: o25.CompanyID, Year: 2023, Revenue: o24.Revenue * 9 / 10, Employees: max(o24.Employees-i%5, 1)}
	rev3 := int64(o.Revenue + o24.Revenue + o25.Revenue)
	rd2 := int64(o24.RDExpense + o25.RDExpense)
	rs, _ := RuleSetFor(PolicyGaoqi, 2025)
	bar := rdBand(rs.Rule("gaoqi.rd_ratio").Bands, int64(o25.Revenue)) // basis points
	var rd int64
	switch {
	case sampleRDNear[i]:
		rd = rev3*bar*96/100/10000 - rd2
	default:
		rd = int64(o.Revenue) * int64(o25.RDExpense) / max(int64(o25.Revenue), 1)
		if need := (rev3*bar*110/100+9999)/10000 - rd2; rd < need {
			rd = need
		}
	}
	o.RDExpense = Yuan(max(rd, 0))
	samplePolicyFigures(i, &o)
	source := "2025年高企培育摸底填报"
	if sampleEarlierCerts[sampleCompanies[i].name] != "" {
		source = "2025年高企申报材料"
	}
	return &DeclaredFigures{CompanyID: o.CompanyID, Year: 2023, Revenue: &o.Revenue, RDExpense: &o.RDExpense,
		Employees: &o.Employees, TotalIncome: o.TotalIncome, HighTechIncome: o.HighTechIncome, RDDomestic: o.RDDomestic,
		TotalCosts: o.TotalCosts, NetAssets: o.NetAssets, TotalAssets: o.TotalAssets, STStaff: o.STStaff,
		Conversions: o.Conversions, Source: source}
}

// sampleEarlierCerts are the issue days of the 2022 certificates of companies recognised again in 2025 (their
// current certificate, on the company, is of 2025): the radar of 2025 shows these running out, and that the
// company was recognised again. The other companies whose certificate is of 2025 were recognised for the first
// time.
var sampleEarlierCerts = map[string]string{
	"大连旅顺海洋牧场科技有限公司":   "2022-07-20",
	"大连双岛湾海洋装备有限公司":    "2022-06-14",
	"大连老铁山文旅科技有限公司":    "2022-03-25",
	"大连旅顺精密轴承有限公司":     "2022-09-21",
	"大连环宇环保工程有限公司":     "2022-10-18",
	"大连旅顺检测认证技术服务有限公司": "2022-12-14",
}

// samplePolicyFacts are the sample's dated facts, by company name: incidents and a listing that bar a
// recognition, and the three direct routes to 科小 for companies without a 高企 certificate.
var samplePolicyFacts = []struct {
	company string
	fact    CompanyFact
}{
	{"大连旅顺渤海冷链物流科技有限公司", CompanyFact{Kind: "accident", Year: 2025, Date: day(2025, 4, 18), Note: "冷库氨泄漏，重大安全事故"}},
	{"大连化新材料科技有限公司", CompanyFact{Kind: "env_violation", Year: 2025, Date: day(2025, 8, 2), Note: "废水超标排放，严重环境违法"}},
	{"大连智联工业互联网有限公司", CompanyFact{Kind: "abnormal_list", Year: 2024, Date: day(2024, 7, 9), Note: "未按期公示年度报告"}},
	{"大连北方园艺种苗有限公司", CompanyFact{Kind: "award", Level: "national", Rank: 2, Year: 2023, Note: "国家科学技术进步奖二等奖，第二完成单位"}},
	{"大连旅顺医药科技有限公司", CompanyFact{Kind: "rd_institution", Level: "provincial", Year: 2021, Note: "辽宁省企业技术中心"}},
	{"大连光洋数控科技有限公司", CompanyFact{Kind: "standard", Level: "industry", Rank: 1, Year: 2022, Number: "JB/T 14321-2022", Note: "主导起草行业标准"}},
	{"大连博远机器人科技有限公司", CompanyFact{Kind: "financing", Year: 2025, Amount: 30_000_000, Date: day(2025, 3, 28), Note: "A轮股权融资"}},
}

// sampleReportsSkipped are holders that did not file some annual development reports (the year reported on):
// one misses the latest, one misses two and its status is at risk.
var sampleReportsSkipped = map[string][]int{
	"大连獐子湾水产科技有限公司": {2024},
	"大连铁山船舶配套有限公司":  {2023, 2024},
}

// sampleIPRights are software copyrights and one class I right besides the sample's patents.
var sampleIPRights = []struct {
	company string
	right   IPRight
}{
	{"大连旅顺软件信息技术有限公司", IPRight{Kind: "software_copyright", RegNo: "2024SR0356120", Title: "海洋渔业物联网监测平台软件V1.0", Granted: day(2024, 3, 12)}},
	{"大连旅顺软件信息技术有限公司", IPRight{Kind: "software_copyright", RegNo: "2024SR0798811", Title: "园区企业服务管理系统V2.0", Granted: day(2024, 6, 20)}},
	{"大连旅顺软件信息技术有限公司", IPRight{Kind: "software_copyright", RegNo: "2023SR1120453", Title: "冷链温控调度软件V1.0", Granted: day(2023, 9, 5), UsedIn: 2023}},
	{"大连星海卫星应用技术有限公司", IPRight{Kind: "ic_layout", RegNo: "BS.245500871", Title: "北斗导航基带芯片布图设计", Granted: day(2024, 11, 1)}},
	{"大连智联工业互联网有限公司", IPRight{Kind: "software_copyright", RegNo: "2025SR0102938", Title: "工业设备远程运维软件V3.1", Granted: day(2025, 1, 15)}},
}

// loadSamplePolicyFacts writes the facts, the IP rights and the annual reports of every holder filed up to 2024
// (by 20 May of the year after) but those skipped, and says how many records it added.
func (s *Store) loadSamplePolicyFacts(ctx context.Context, tx *sql.Tx) (int, error) {
	idOf := func(name string) (int64, error) {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM company WHERE name = ?`, name).Scan(&id)
		return id, err
	}
	added := 0
	insertFact := func(f CompanyFact) error {
		if err := f.Validate(); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO company_fact (company_id, kind, year, date, level, rank, amount, number,
			note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, f.CompanyID, f.Kind, f.Year, nullDate(f.Date), f.Level, f.Rank,
			f.Amount, f.Number, f.Note)
		added++
		return err
	}
	for _, sf := range samplePolicyFacts {
		f := sf.fact
		var err error
		if f.CompanyID, err = idOf(sf.company); err != nil {
			return 0, internal(err, "sample company missing")
		}
		if err := insertFact(f); err != nil {
			return 0, fmt.Errorf("sample fact of %s: %w", sf.company, err)
		}
	}
	for _, si := range sampleIPRights {
		r := si.right
		var err error
		if r.CompanyID, err = idOf(si.company); err != nil {
			return 0, internal(err, "sample company missing")
		}
		if err := r.Validate(); err != nil {
			return 0, fmt.Errorf("sample IP right of %s: %w", si.company, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO ip_right (company_id, kind, reg_no, title, granted, used_in)
			VALUES (?, ?, ?, ?, ?, ?)`, r.CompanyID, r.Kind, r.RegNo, r.Title, FormatDate(r.Granted), r.UsedIn); err != nil {
			return 0, internal(err, "cannot save the sample IP right")
		}
		added++
	}
	n, err := s.loadSampleHistory(ctx, tx, idOf)
	if err != nil {
		return 0, err
	}
	added += n
	rows, err := tx.QueryContext(ctx, `SELECT id, name, cert_issued FROM company WHERE cert_no <> '' ORDER BY id`)
	if err != nil {
		return 0, internal(err, "cannot read the sample holders")
	}
	type holder struct {
		id     int64
		name   string
		issued *string
	}
	var holders []holder
	for rows.Next() {
		var h holder
		if err := rows.Scan(&h.id, &h.name, &h.issued); err != nil {
			rows.Close()
			return 0, internal(err, "cannot read the sample holders")
		}
		holders = append(holders, h)
	}
	rows.Close()
	for _, h := range holders {
		first := scanDate(h.issued).Year()
		if earlier := sampleEarlierCerts[h.name]; earlier != "" {
			first = mustDate(earlier).Year() // the reports of the earlier certificate's years were filed too
		}
		for ry := first; ry <= 2024; ry++ {
			if slices.Contains(sampleReportsSkipped[h.name], ry) {
				continue
			}
			if err := insertFact(CompanyFact{CompanyID: h.id, Kind: "annual_report", Year: ry, Date: day(ry+1, 5, 20)}); err != nil {
				return 0, err
			}
		}
	}
	return added, nil
}

// loadSampleHistory writes the earlier certificates and the declared 2023 figures, and says how many records it
// added.
func (s *Store) loadSampleHistory(ctx context.Context, tx *sql.Tx, idOf func(string) (int64, error)) (int, error) {
	added := 0
	for i, sc := range sampleCompanies {
		id, err := idOf(sc.name)
		if err != nil {
			return 0, internal(err, "sample company missing")
		}
		if earlier := sampleEarlierCerts[sc.name]; earlier != "" {
			issued := mustDate(earlier)
			f := CompanyFact{CompanyID: id, Kind: "certificate", Year: issued.Year(), Date: issued,
				Number: fmt.Sprintf("GR%d21%06d", issued.Year(), 500+i*29), Note: "上一期高新技术企业证书"}
			if err := f.Validate(); err != nil {
				return 0, fmt.Errorf("sample certificate of %s: %w", sc.name, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO company_fact (company_id, kind, year, date, number, note)
				VALUES (?, ?, ?, ?, ?, ?)`, f.CompanyID, f.Kind, f.Year, nullDate(f.Date), f.Number, f.Note); err != nil {
				return 0, internal(err, "cannot save the sample certificate")
			}
			added++
			// The utility models and designs granted before it counted in that recognition, and count no more.
			if _, err := tx.ExecContext(ctx, `UPDATE patent SET used_in = ? WHERE company_id = ? AND kind <> 'invention'
				AND granted IS NOT NULL AND granted <= ?`, issued.Year(), id, FormatDate(issued)); err != nil {
				return 0, internal(err, "cannot mark the sample patents")
			}
		}
		outs, err := outputsOf(ctx, tx, id)
		if err != nil {
			return 0, err
		}
		if len(outs) != 2 || outs[0].Year != 2025 || outs[1].Year != 2024 {
			return 0, fmt.Errorf("sample company %s: its output rows are not those of 2024 and 2025", sc.name)
		}
		d := sampleDeclared2023(i, outs[1], outs[0])
		if d == nil {
			continue
		}
		if err := d.Validate(); err != nil {
			return 0, fmt.Errorf("sample declared figures of %s: %w", sc.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO declared_figures (company_id, year, revenue, rd_expense, employees,
			total_income, hightech_income, rd_domestic, total_costs, net_assets, total_assets, st_staff, conversions,
			source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, declaredArgs(d)...); err != nil {
			return 0, internal(err, "cannot save the sample declared figures")
		}
		added++
	}
	return added, nil
}

// mustDate parses a date the program itself writes.
func mustDate(s string) time.Time {
	t, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}
