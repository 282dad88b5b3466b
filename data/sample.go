package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// The sample data set: a made-up district whose 2025 figures are those the bureau published
// (output 47.45 亿元, added value 12.09 亿元). Amounts are in 万元 as a clerk would type them.
type sampleCompany struct {
	name, field        string
	park               int // index into the seeded parks, -1 for none
	legalRep, address  string
	founded, cert      string
	techSMEYear        int
	out25, add25       string
	out24, add24       string
	revenue, rdExp     string
	employees, rdStaff int
}

var sampleCompanies = []sampleCompany{
	{"大连海宝渔业有限公司", "environment", 0, "刘海波", "旅顺口区铁山街道双岛湾", "2009-10-19", "2024-03-23", 2024, "45272.9", "12461.6", "39569.4", "11030.7", "63845.3", "4276.9", 557, 188},
	{"大连旅顺海洋牧场科技有限公司", "environment", 0, "王立新", "旅顺口区铁山街道羊头洼", "2012-11-26", "2025-07-13", 0, "5336.9", "1280.1", "4276.6", "1046.6", "7017.2", "351.0", 438, 86},
	{"大连獐子湾水产科技有限公司", "biomedicine", 0, "孙建华", "旅顺口区北海街道", "2004-02-07", "2023-12-04", 0, "15525.0", "3477.3", "12974.5", "2954.6", "17175.4", "1002.0", 378, 94},
	{"大连蓝海生物工程有限公司", "biomedicine", 0, "赵明", "旅顺口区双岛湾街道", "2015-02-12", "2021-10-01", 2025, "3739.4", "979.6", "3611.6", "949.4", "5189.3", "194.2", 102, 32},
	{"大连海韵海藻科技有限公司", "biomedicine", 0, "陈静", "旅顺口区铁山街道", "2006-06-20", "2024-08-04", 0, "13181.1", "3208.9", "12368.1", "3029.7", "21039.8", "1121.4", 148, 46},
	{"大连铁山船舶配套有限公司", "manufacturing", 0, "李强", "旅顺口区铁山街道", "2013-05-03", "2023-02-24", 0, "26409.2", "5862.0", "22952.6", "5162.3", "34681.7", "2240.5", 380, 108},
	{"大连双岛湾海洋装备有限公司", "manufacturing", 0, "张伟", "旅顺口区双岛湾街道", "2014-01-07", "2025-06-05", 2024, "3445.2", "1003.3", "3600.9", "1043.9", "5054.0", "226.9", 586, 192},
	{"大连旅顺渤海冷链物流科技有限公司", "services", 0, "周涛", "旅顺口区北海街道", "2018-02-23", "2024-09-12", 0, "12601.5", "3501.4", "11576.8", "3243.1", "14775.7", "843.4", 201, 37},
	{"大连北方园艺种苗有限公司", "environment", 1, "吴桂芳", "旅顺口区三涧堡街道", "2014-06-21", "", 0, "3027.5", "648.4", "3026.2", "648.2", "4491.7", "305.1", 258, 65},
	{"大连三涧堡设施农业科技有限公司", "environment", 1, "郑永刚", "旅顺口区三涧堡街道", "2004-04-27", "2024-12-26", 2025, "11098.2", "2890.2", "11265.7", "2929.4", "14661.1", "975.7", 262, 39},
	{"大连龙王塘樱桃科技有限公司", "biomedicine", 1, "冯玉兰", "旅顺口区龙王塘街道", "1998-05-16", "2024-04-23", 0, "3686.8", "934.7", "3809.9", "962.7", "5771.2", "458.2", 382, 80},
	{"大连绿源智能温室工程有限公司", "manufacturing", 1, "何建国", "旅顺口区水师营街道", "2009-02-08", "2023-12-16", 0, "4111.7", "1243.9", "3483.1", "1070.1", "5408.8", "428.7", 231, 42},
	{"大连水师营生态农业科技有限公司", "environment", 1, "高文", "旅顺口区水师营街道", "2017-01-16", "2021-11-12", 2024, "10912.3", "3078.6", "11035.9", "3109.9", "12177.5", "601.9", 116, 35},
	{"大连蝶恋花生态旅游开发有限公司", "services", 2, "林晓燕", "旅顺口区龙王塘街道", "2004-08-06", "2024-11-11", 0, "19108.9", "4209.9", "18655.9", "4119.9", "30276.4", "1507.5", 118, 35},
	{"大连小南村休闲农业专业合作社", "services", 2, "马春雷", "旅顺口区龙王塘街道小南村", "2010-12-03", "2025-03-06", 0, "4785.8", "1518.2", "4484.1", "1431.5", "6580.2", "350.5", 160, 17},
	{"大连旅顺太空科技文化有限公司", "services", 2, "罗志远", "旅顺口区登峰街道", "2018-03-20", "2025-08-22", 2025, "6811.6", "1338.7", "5622.8", "1124.7", "9206.3", "286.0", 388, 53},
	{"大连老铁山文旅科技有限公司", "electronics", 2, "宋佳", "旅顺口区铁山街道", "2018-02-17", "2025-03-14", 0, "15046.2", "3589.1", "15445.1", "3674.5", "17545.0", "747.3", 229, 70},
	{"大连光洋数控科技有限公司", "manufacturing", -1, "郭振华", "旅顺经济开发区", "2007-09-08", "", 0, "37727.4", "10790.0", "34779.6", "10025.3", "48308.3", "1765.8", 363, 59},
	{"大连旅顺精密轴承有限公司", "manufacturing", -1, "唐海涛", "旅顺经济开发区", "2009-08-22", "2025-09-14", 2024, "14020.9", "2822.1", "12576.7", "2557.8", "15892.8", "882.5", 543, 72},
	{"大连化新材料科技有限公司", "materials", -1, "韩冰", "旅顺经济开发区", "2012-03-20", "2023-03-06", 0, "33954.7", "8436.2", "27945.9", "7068.4", "49195.5", "2844.7", 174, 37},
	{"大连理工碳纤维复合材料有限公司", "materials", -1, "曹宇", "旅顺经济开发区", "2008-11-17", "2025-09-16", 0, "22152.7", "4109.1", "18525.7", "3493.5", "23952.7", "947.7", 138, 44},
	{"大连海事通导电子有限公司", "electronics", -1, "邓凯", "旅顺南路西段", "1999-02-17", "2021-08-18", 2025, "3212.7", "878.8", "2656.9", "739.6", "4985.7", "260.1", 58, 16},
	{"大连旅顺软件信息技术有限公司", "electronics", -1, "许蕾", "旅顺南路西段", "2017-09-20", "2023-12-23", 0, "19753.1", "5669.9", "19112.3", "5503.8", "26534.5", "1430.3", 313, 66},
	{"大连中科催化新能源有限公司", "energy", -1, "彭博", "旅顺经济开发区", "2005-12-17", "2024-09-07", 0, "30181.9", "7854.0", "28086.9", "7359.9", "33709.9", "1756.5", 488, 65},
	{"大连洁能氢源科技有限公司", "energy", -1, "曾志", "旅顺经济开发区", "2000-11-08", "2024-02-07", 2024, "5202.5", "1574.1", "4919.0", "1496.5", "8029.4", "302.9", 340, 100},
	{"大连新港储能技术有限公司", "energy", -1, "谢磊", "旅顺口区三涧堡街道", "2018-11-12", "2023-05-05", 0, "4663.4", "1044.3", "3837.4", "874.8", "7339.6", "366.3", 508, 78},
	{"大连旅顺医药科技有限公司", "biomedicine", -1, "潘慧", "旅顺经济开发区", "2013-03-22", "", 0, "8548.3", "2370.8", "6908.7", "1953.5", "11004.5", "613.8", 259, 36},
	{"大连普瑞生物制药有限公司", "biomedicine", -1, "袁晨", "旅顺经济开发区", "2008-07-07", "2024-06-03", 2025, "18890.4", "4972.2", "18980.1", "4993.4", "25591.3", "1331.3", 404, 42},
	{"大连环宇环保工程有限公司", "environment", -1, "蒋红", "旅顺口区水师营街道", "1998-07-11", "2025-10-10", 0, "5945.5", "1552.9", "5928.5", "1548.9", "6611.8", "502.0", 554, 188},
	{"大连清源水处理技术有限公司", "environment", -1, "蔡伟东", "旅顺口区长城街道", "2005-02-03", "2024-05-02", 0, "14112.5", "3441.6", "13841.4", "3382.0", "15823.7", "808.8", 215, 36},
	{"大连航宇精工科技有限公司", "aerospace", -1, "董鹏", "旅顺经济开发区", "2006-07-05", "2021-09-17", 2024, "15280.1", "4547.3", "14980.5", "4466.9", "16796.0", "552.2", 536, 147},
	{"大连星海卫星应用技术有限公司", "aerospace", -1, "余晓东", "旅顺南路西段", "2003-07-03", "2024-01-21", 0, "9850.4", "3075.8", "8991.8", "2832.4", "10796.6", "786.1", 120, 36},
	{"大连鑫达特种焊材有限公司", "materials", -1, "杜刚", "旅顺经济开发区", "2000-05-28", "2023-08-01", 0, "13422.7", "3307.0", "11912.9", "2968.4", "17177.9", "1301.6", 377, 131},
	{"大连旅顺检测认证技术服务有限公司", "services", -1, "叶青", "旅顺口区得胜街道", "2017-03-02", "2025-12-08", 2025, "3542.8", "967.1", "3443.5", "942.6", "4230.3", "165.2", 142, 48},
	{"大连智联工业互联网有限公司", "electronics", -1, "程亮", "旅顺南路西段", "2007-11-10", "2025-04-10", 0, "3477.9", "655.6", "3656.2", "685.7", "3992.1", "189.0", 486, 109},
	{"大连博远机器人科技有限公司", "manufacturing", -1, "魏东", "旅顺经济开发区", "1998-05-02", "", 0, "6459.9", "1605.3", "6005.4", "1502.9", "8579.5", "676.9", 45, 4},
}

// sampleUSCC makes the i-th sample company's code: a Lushunkou (210212) enterprise code with a valid check character.
func sampleUSCC(i int) string {
	n := 12345 + i*7919
	body := []byte("91210212MA0")
	for k := 0; k < 6; k++ {
		body = append(body, usccAlphabet[n%31])
		n /= 31
	}
	check, _ := USCCCheckChar(string(body))
	return string(append(body, check))
}

// SampleLoaded reports whether the database holds any company, in which case the sample set is not loaded.
func (s *Store) hasCompanies(ctx context.Context, tx *sql.Tx) (bool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM company`).Scan(&n); err != nil {
		return false, internal(err, "cannot count companies")
	}
	return n > 0, nil
}

// loadIntoEmpty runs fill in one write transaction when the database holds no company, and refuses otherwise:
// the sample set and the synthetic district are loaded only into an empty database.
func (s *Store) loadIntoEmpty(ctx context.Context, fill func(tx *sql.Tx) error) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		has, err := s.hasCompanies(ctx, tx)
		if err != nil {
			return err
		}
		if has {
			return &Error{Code: Conflict, Key: "err.sample.not_empty", Message: "the database already holds companies; the sample set is loaded only into an empty one"}
		}
		return fill(tx)
	})
}

// LoadSample loads the sample data set into a database without companies, in one transaction with one audit
// row for the whole set (entity "sample", after: the companies and all records it added), as scale.go does for
// the synthetic district: 操作记录 shows loading it as the one change it is, not as 1,203 additions, and undoing
// that change takes every record away (the change rows are kept record by record, as for any change).
func (s *Store) LoadSample(ctx context.Context) error {
	parks, err := s.Parks(ctx)
	if err != nil {
		return err
	}
	return s.loadIntoEmpty(ctx, func(tx *sql.Tx) error {
		added := 0
		for i, sc := range sampleCompanies {
			n, err := s.loadSampleCompany(ctx, tx, i, sc, parks)
			if err != nil {
				return fmt.Errorf("sample company %s: %w", sc.name, err)
			}
			added += n
		}
		n, err := s.loadSampleRecords(ctx, tx)
		if err != nil {
			return err
		}
		facts, err := s.loadSamplePolicyFacts(ctx, tx)
		if err != nil {
			return err
		}
		n += facts
		return s.audit(ctx, tx, "sample", 0, "create", nil,
			map[string]any{"companies": len(sampleCompanies), "records": added + n})
	})
}

// loadSampleCompany adds the i-th sample company and its output rows, and says how many records it added.
func (s *Store) loadSampleCompany(ctx context.Context, tx *sql.Tx, i int, sc sampleCompany, parks []Park) (int, error) {
	c := Company{
		USCC: sampleUSCC(i), Name: sc.name, LegalRep: sc.legalRep, Field: sc.field,
		Address: "辽宁省大连市" + sc.address, Contact: sc.legalRep,
		Phone: fmt.Sprintf("0411-86%06d", 380000+i*137), AboveScale: i%4 != 3,
	}
	if sc.park >= 0 && sc.park < len(parks) {
		c.ParkID = parks[sc.park].ID
	}
	c.Founded, _ = time.Parse(DateLayout, sc.founded)
	if sc.cert != "" {
		c.CertIssued, _ = time.Parse(DateLayout, sc.cert)
		c.CertNo = fmt.Sprintf("GR%s21%06d", sc.cert[:4], 100+i*31)
	}
	if sc.techSMEYear > 0 {
		c.TechSMEYear = sc.techSMEYear
		c.TechSMENo = fmt.Sprintf("%d210212%05d", sc.techSMEYear, 2000+i)
	}
	if err := c.Validate(); err != nil {
		return 0, err
	}
	if err := s.insertCompany(ctx, tx, &c); err != nil {
		return 0, err
	}
	rows := []struct {
		year     int
		out, add string
		staff    int
	}{{2024, sc.out24, sc.add24, sc.employees - i%7}, {2025, sc.out25, sc.add25, sc.employees}}
	for _, r := range rows {
		o := AnnualOutput{CompanyID: c.ID, Year: r.year, Employees: r.staff, RDStaff: sc.rdStaff}
		o.Output, _ = ParseWan(r.out)
		o.AddedValue, _ = ParseWan(r.add)
		o.Revenue, _ = ParseWan(sc.revenue)
		o.RDExpense, _ = ParseWan(sc.rdExp)
		if r.year == 2024 {
			o.Revenue = o.Revenue * 9 / 10
			o.RDExpense = o.RDExpense * 9 / 10
		}
		samplePolicyFigures(i, &o)
		if err := o.Validate(); err != nil {
			return 0, err
		}
		if err := s.insertOutput(ctx, tx, &o); err != nil {
			return 0, err
		}
	}
	return 1 + len(rows), nil
}
