package data

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// The sample set beyond companies and output: institutions and cooperations, bases and outcomes, incubators and
// applications, plan applications, patents and park projects, sized so that the 2025 figures are those the
// bureau published (33 cooperating companies with 33 institutions, 11 bases, 32 projects and new products,
// 6 teams introduced to 大连创新园, 106 companies signed into incubators, 4 district plan applicants,
// 63 patent applications, 31 authorizations, 206 valid patents). A fixed seed keeps it the same on every run.

var sampleInstitutions = []struct{ name, kind, city string }{
	{"大连海洋大学", "university", "大连"}, {"中国水产科学研究院黄海水产研究所", "institute", "青岛"},
	{"辽宁省海洋水产科学研究院", "institute", "大连"}, {"中国科学院大连化学物理研究所", "institute", "大连"},
	{"中国海洋大学", "university", "青岛"}, {"大连海事大学", "university", "大连"},
	{"大连理工大学", "university", "大连"}, {"大连交通大学", "university", "大连"},
	{"沈阳农业大学", "university", "沈阳"}, {"中国农业大学", "university", "北京"},
	{"大连市农业科学研究院", "institute", "大连"}, {"大连工业大学", "university", "大连"},
	{"中国科学院沈阳应用生态研究所", "institute", "沈阳"}, {"辽宁师范大学", "university", "大连"},
	{"大连民族大学", "university", "大连"}, {"北京航空航天大学", "university", "北京"},
	{"大连东软信息学院", "university", "大连"}, {"东北大学", "university", "沈阳"},
	{"哈尔滨工业大学", "university", "哈尔滨"}, {"中国科学院金属研究所", "institute", "沈阳"},
	{"吉林大学", "university", "长春"}, {"大连大学", "university", "大连"},
	{"大连科技学院", "university", "大连"}, {"浙江大学", "university", "杭州"},
	{"清华大学", "university", "北京"}, {"上海交通大学", "university", "上海"},
	{"大连医科大学", "university", "大连"}, {"沈阳工业大学", "university", "沈阳"},
	{"国家海洋环境监测中心", "institute", "大连"}, {"辽宁工程技术大学", "university", "阜新"},
	{"西北工业大学", "university", "西安"}, {"中国科学院沈阳自动化研究所", "institute", "沈阳"},
	{"中国科学院海洋研究所", "institute", "青岛"},
	// Partners of cooperations that ended before 2024: listed, but not among the 33 of 2025.
	{"东北财经大学", "university", "大连"}, {"辽宁省农业科学院", "institute", "沈阳"},
}

// sampleOutcomes are the projects and new products, by cooperation (= company index for the first 33).
var sampleOutcomes = []struct {
	coop        int
	kind, title string
	year        int
}{
	{0, "project", "海洋牧场人工鱼礁布设与资源养护技术", 2023}, {0, "product", "海参底播增殖苗种", 2024},
	{0, "project", "海洋牧场水质在线监测系统", 2025}, {1, "project", "刺参生态养殖关键技术集成", 2024},
	{2, "product", "即食海参深加工产品", 2023}, {3, "project", "海洋微藻生物活性物质提取", 2022},
	{4, "product", "海藻膳食纤维新产品", 2024}, {5, "project", "船舶压载水处理装置研制", 2023},
	{6, "product", "深水网箱自动投喂装备", 2025}, {8, "product", "大樱桃脱毒种苗", 2023},
	{9, "project", "日光温室智能化改造技术", 2024}, {10, "product", "“旅顺红”大樱桃新品种", 2022},
	{11, "product", "智能温室环境控制系统", 2025}, {12, "project", "设施土壤生态修复技术", 2024},
	{13, "project", "蝴蝶人工繁育与生态展示", 2023}, {15, "project", "航天科普展教装置研发", 2025},
	{17, "product", "五轴联动数控系统", 2022}, {17, "project", "高档数控机床可靠性提升", 2024},
	{18, "product", "高速精密主轴轴承", 2023}, {19, "product", "高性能镍基合金粉末", 2024},
	{20, "project", "碳纤维复合材料构件成型工艺", 2025}, {21, "product", "船用北斗导航终端", 2023},
	{22, "project", "工业软件云平台开发", 2024}, {23, "product", "甲醇制烯烃催化剂", 2022},
	{23, "project", "二氧化碳加氢制甲醇中试", 2025}, {24, "product", "质子交换膜燃料电池电堆", 2024},
	{25, "project", "液流电池储能系统集成", 2025}, {26, "product", "海洋来源抗菌肽制剂", 2024},
	{28, "project", "近岸海域生态环境监测技术", 2023}, {29, "product", "膜生物反应器污水处理设备", 2024},
	{30, "product", "航空精密结构件", 2025}, {31, "project", "卫星遥感海洋渔业应用", 2025},
	// After the report year: not among the 32 of 2025.
	{32, "product", "海洋工程耐蚀焊材", 2026}, {3, "product", "微藻DHA油脂", 2026},
}

var sampleBases = []struct {
	name        string
	company     int
	established string
}{
	{"海洋牧场产学研合作基地", 0, "2019-06-18"}, {"刺参良种繁育产学研基地", 1, "2020-04-22"},
	{"海洋生物活性物质联合实验室", 3, "2018-11-09"}, {"船舶配套装备校企研发中心", 5, "2021-03-15"},
	{"设施园艺技术示范基地", 9, "2020-09-28"}, {"大樱桃品种选育合作基地", 10, "2019-05-06"},
	{"数控装备联合研发中心", 17, "2018-07-12"}, {"先进材料中试基地", 19, "2022-05-30"},
	{"洁净能源催化联合实验室", 23, "2021-10-20"}, {"海洋药物研发合作基地", 26, "2023-08-16"},
	{"卫星应用产学研基地", 31, "2025-04-25"},
	{"氢能装备联合创新中心", 24, "2026-05-10"}, // after the report year
}

var samplePlans = []struct {
	company     int
	level, plan string
	title       string
	year        int
	requestWan  int
	steps       []string // statuses after draft, in order
	start       string   // the draft's date; each step follows a few weeks later
	grantWan    int
}{
	{0, "district", "旅顺口区科技计划（重点研发）", "海洋牧场智能监测与投喂系统研发", 2025, 50, []string{"submitted", "recommended", "approved", "contracted"}, "2025-03-02", 40},
	{17, "district", "旅顺口区科技计划（重点研发）", "五轴数控系统国产化应用", 2025, 60, []string{"submitted", "recommended", "approved", "contracted"}, "2025-03-05", 50},
	{23, "district", "旅顺口区科技计划（成果转化）", "二氧化碳制甲醇催化剂中试", 2025, 80, []string{"submitted", "recommended", "rejected"}, "2025-03-08", 0},
	{9, "district", "旅顺口区科技计划（乡村振兴）", "日光温室智能化改造示范", 2025, 30, []string{"submitted", "recommended", "approved", "contracted"}, "2025-04-01", 25},
	{0, "district", "旅顺口区科技计划（成果转化）", "海参苗种繁育技术转化", 2025, 20, []string{"submitted", "recommended", "rejected"}, "2025-04-10", 0},
	{19, "municipal", "大连市科技创新基金", "高性能合金粉末制备", 2025, 200, []string{"submitted", "recommended", "approved", "contracted"}, "2025-02-20", 150},
	{24, "provincial", "辽宁省重点研发计划", "燃料电池电堆关键材料", 2025, 300, []string{"submitted", "recommended", "approved", "contracted"}, "2025-05-06", 200},
	{26, "district", "旅顺口区科技计划", "海洋抗菌肽制剂研发", 2025, 25, nil, "2025-11-20", 0}, // still a draft
	{5, "district", "旅顺口区科技计划（重点研发）", "压载水处理装置研制", 2024, 40, []string{"submitted", "recommended", "approved", "contracted", "accepted"}, "2024-03-04", 35},
	{20, "district", "旅顺口区科技计划（重点研发）", "碳纤维构件成型工艺", 2024, 45, []string{"submitted", "recommended", "approved", "contracted"}, "2024-03-11", 40},
	{31, "district", "旅顺口区科技计划", "海洋渔业遥感应用", 2024, 30, []string{"submitted", "rejected"}, "2024-04-02", 0},
	{11, "district", "旅顺口区科技计划（乡村振兴）", "温室环境智能控制", 2026, 30, []string{"submitted", "recommended"}, "2026-09-01", 0},
}

var sampleIncubators = []struct {
	name, level, address string
	area                 int
}{
	{"大连创新园", "provincial", "辽宁省大连市旅顺经济开发区", 32000},
	{"旅顺口区科技企业孵化器", "district", "辽宁省大连市旅顺口区旅顺南路西段", 12000},
	{"大连海洋产业众创空间", "municipal", "辽宁省大连市旅顺口区铁山街道", 6000},
}

var sampleParkProjects = []struct {
	park              int
	title, lead, desc string
	status            string
	areaMu, investWan int
}{
	{0, "海洋牧场建设项目", "大连海宝渔业有限公司", "联合多家企业建设国家级海洋牧场示范区，投放人工鱼礁、底播海珍品，开展资源养护。", "operating", 45000, 32000},
	{0, "双岛湾海珍品繁育基地", "大连獐子湾水产科技有限公司", "刺参、鲍鱼等海珍品苗种繁育与良种选育。", "building", 600, 8500},
	{1, "3000亩农业设施改造项目", "大连三涧堡设施农业科技有限公司", "对三涧堡、水师营一带3000亩老旧温室大棚进行智能化改造。", "building", 3000, 15000},
	{1, "大樱桃种苗繁育中心", "大连北方园艺种苗有限公司", "大樱桃脱毒种苗繁育与新品种示范。", "operating", 260, 3200},
	{2, "小南村全国休闲农业与乡村旅游示范点创建", "大连小南村休闲农业专业合作社", "推动小南村申报全国休闲农业与乡村旅游示范点，完善采摘、民宿与游览设施。", "building", 1200, 4600},
	{2, "蝶恋花蝴蝶园", "大连蝶恋花生态旅游开发有限公司", "蝴蝶人工繁育、生态展示与科普研学相结合的休闲农业项目。", "operating", 180, 5200},
	{2, "太空博物馆", "大连旅顺太空科技文化有限公司", "以航天科普为主题的展馆，带动长廊休闲旅游。", "operating", 45, 9800},
}

// loadSampleRecords adds every record kind beyond companies and output to the sample set, in the caller's
// transaction.
func (s *Store) loadSampleRecords(ctx context.Context, tx *sql.Tx) error {
	companies := make([]int64, len(sampleCompanies))
	for i := range sampleCompanies {
		if err := tx.QueryRowContext(ctx, `SELECT id FROM company WHERE uscc = ?`, sampleUSCC(i)).Scan(&companies[i]); err != nil {
			return internal(err, "sample company missing")
		}
	}
	l := &sampleLoader{s: s, tx: tx, ctx: ctx, companies: companies, rnd: rand.New(rand.NewPCG(2025, 1209))}
	for _, step := range []func() error{l.cooperation, l.incubation, l.plans, l.patents, l.parkProjects} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

type sampleLoader struct {
	s         *Store
	tx        *sql.Tx
	ctx       context.Context
	companies []int64
	rnd       *rand.Rand
}

// insert adds one row and its audit row; entity is the table's name.
func (l *sampleLoader) insert(table string, cols []string, vals ...any) (int64, error) {
	q := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) + `)`
	res, err := l.tx.ExecContext(l.ctx, q, vals...)
	if err != nil {
		return 0, internal(err, "sample "+table)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, internal(err, "sample "+table)
	}
	after := make(map[string]any, len(cols))
	for i, c := range cols {
		after[c] = vals[i]
	}
	return id, l.s.audit(l.ctx, l.tx, table, id, "create", nil, after)
}

func (l *sampleLoader) cooperation() error {
	insts := make([]int64, len(sampleInstitutions))
	for i, in := range sampleInstitutions {
		id, err := l.insert("institution", []string{"name", "kind", "city"}, in.name, in.kind, in.city)
		if err != nil {
			return err
		}
		insts[i] = id
	}
	coops := make([]int64, 0, 36)
	for i := 0; i < 33; i++ {
		started := fmt.Sprintf("%d-%02d-%02d", 2019+i%7, 1+i%12, 5+i%20)
		var ended any
		if i%5 == 4 {
			ended = fmt.Sprintf("%d-12-31", 2026+i%3) // an agreed end, still ahead in 2025
		}
		programme := []string{"万名院士助创行动", "校企联合研发", "科技特派员服务"}[i%3]
		id, err := l.insert("cooperation", []string{"company_id", "institution_id", "programme", "started", "ended"},
			l.companies[i], insts[i], programme, started, ended)
		if err != nil {
			return err
		}
		coops = append(coops, id)
	}
	// The partners the district names first work with several of these companies, under the academicians'
	// programme: DUT with four, DMU with three, DICP with two. The distinct companies and institutions stay 33.
	for k, inst := range []int{6, 6, 6, 5, 5, 3} {
		if _, err := l.insert("cooperation", []string{"company_id", "institution_id", "programme", "started", "ended"},
			l.companies[10+k], insts[inst], "万名院士助创行动", fmt.Sprintf("2025-%02d-15", 2+k), nil); err != nil {
			return err
		}
	}
	// Three cooperations that ended in 2023, of companies 33–35: not active in 2024 or 2025.
	for k, inst := range []int{33, 34, 6} {
		if _, err := l.insert("cooperation", []string{"company_id", "institution_id", "programme", "started", "ended"},
			l.companies[33+k], insts[inst], "校企联合研发", "2020-05-1"+fmt.Sprint(k), "2023-06-30"); err != nil {
			return err
		}
	}
	for _, b := range sampleBases {
		if _, err := l.insert("coop_base", []string{"name", "company_id", "institution_id", "established"},
			b.name, l.companies[b.company], insts[b.company], b.established); err != nil {
			return err
		}
	}
	for _, o := range sampleOutcomes {
		if _, err := l.insert("coop_outcome", []string{"cooperation_id", "kind", "title", "year"},
			coops[o.coop], o.kind, o.title, o.year); err != nil {
			return err
		}
	}
	return nil
}

var (
	sampleNameA  = []string{"海瑞", "博泰", "智联", "恒信", "创远", "汇能", "蓝鲸", "星辰", "云帆", "锐思", "天成", "华信", "鼎新", "聚源", "启航", "中正", "诚远", "益康", "嘉禾", "明德"}
	sampleNameB  = []string{"科技", "生物", "智能", "新材料", "信息技术", "海洋科技", "环保科技", "医药科技"}
	sampleLeader = []string{"王海涛", "李晓明", "张丽", "刘洋", "陈磊", "杨帆", "赵敏", "黄伟", "周婷", "吴昊", "徐静", "孙浩", "胡军", "朱琳", "高峰", "林涛", "何晨", "郭强", "马丽", "罗斌"}
	sampleTopics = []string{"海洋传感器", "水下机器人", "海藻生物材料", "智慧渔业", "樱桃深加工", "工业视觉检测", "氢能催化", "康养数字化", "乡村旅游数字化", "航天科普装置"}
)

// sampleApplication is one incubator application: who applied, where, and the day it was signed (zero if never).
type sampleApplication struct {
	team      bool
	incubator int
	signed    time.Time
	final     string // the status it ends in after signing, or the status it stopped at when never signed
	finalDay  time.Time
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// sampleApplications lays out the 106 applications signed by the end of 2025 (6 of them start-up teams signed
// in 2025 at 大连创新园), those signed later, and those still waiting, refused or withdrawn.
func (l *sampleLoader) sampleApplications() []sampleApplication {
	var apps []sampleApplication
	signedIn := func(year, n int, team bool, incubator int) {
		for k := 0; k < n; k++ {
			inc := incubator
			if inc < 0 {
				inc = (len(apps) + k) % len(sampleIncubators)
			}
			a := sampleApplication{team: team, incubator: inc, signed: day(year, 1+(k*5)%11, 3+(k*7)%24), final: "signed"}
			switch graduate := a.signed.AddDate(3, 0, 0); {
			case graduate.Before(day(2026, 6, 1)) && k%3 != 2:
				a.final, a.finalDay = "graduated", graduate
			case year <= 2023 && k%5 == 2:
				a.final, a.finalDay = "exited", a.signed.AddDate(1, 4, 0)
			}
			apps = append(apps, a)
		}
	}
	signedIn(2025, 6, true, 0) // the six teams introduced to 大连创新园 in 2025
	signedIn(2024, 5, true, -1)
	for _, y := range []int{2020, 2021, 2022, 2023} {
		signedIn(y, 2+y%2, true, -1) // 10 teams before 2024: with the 11 of 2024–25, 21 teams and 85 companies = 106
	}
	for _, yn := range [][2]int{{2020, 10}, {2021, 12}, {2022, 14}, {2023, 16}, {2024, 18}, {2025, 15}} {
		signedIn(yn[0], yn[1], false, -1) // 85 companies
	}
	// Not signed by the end of 2025: signed in 2026, waiting, refused, withdrawn.
	signedIn(2026, 2, false, 1)
	for _, w := range []struct {
		status string
		at     time.Time
		team   bool
	}{{"reviewing", day(2026, 9, 8), true}, {"submitted", day(2026, 10, 12), false}, {"reviewing", day(2026, 10, 30), false},
		{"approved", day(2026, 8, 20), false}, {"approved", day(2026, 11, 10), true},
		{"rejected", day(2024, 6, 18), false}, {"rejected", day(2025, 5, 26), true}, {"rejected", day(2025, 9, 3), false},
		{"rejected", day(2023, 4, 11), false}, {"withdrawn", day(2025, 7, 15), false}, {"withdrawn", day(2024, 10, 9), true}} {
		apps = append(apps, sampleApplication{team: w.team, incubator: len(apps) % 3, final: w.status, finalDay: w.at})
	}
	return apps
}

func (l *sampleLoader) incubation() error {
	incs := make([]int64, len(sampleIncubators))
	for i, in := range sampleIncubators {
		id, err := l.insert("incubator", []string{"name", "level", "address", "area_m2"}, in.name, in.level, in.address, in.area)
		if err != nil {
			return err
		}
		incs[i] = id
	}
	for i, a := range l.sampleApplications() {
		if err := l.application(i, a, incs); err != nil {
			return err
		}
	}
	return nil
}

// applicationPath is the statuses an application passed through, with their days.
func applicationPath(a sampleApplication) (statuses []string, days []time.Time) {
	step := func(s string, d time.Time) { statuses = append(statuses, s); days = append(days, d) }
	if !a.signed.IsZero() {
		step("submitted", a.signed.AddDate(0, 0, -45))
		step("reviewing", a.signed.AddDate(0, 0, -35))
		step("approved", a.signed.AddDate(0, 0, -15))
		step("signed", a.signed)
		if a.final != "signed" {
			step(a.final, a.finalDay)
		}
		return statuses, days
	}
	path := map[string][]string{"submitted": {"submitted"}, "reviewing": {"submitted", "reviewing"},
		"approved": {"submitted", "reviewing", "approved"}, "rejected": {"submitted", "reviewing", "rejected"},
		"withdrawn": {"submitted", "withdrawn"}}[a.final]
	for k, s := range path {
		step(s, a.finalDay.AddDate(0, 0, -10*(len(path)-1-k)))
	}
	return statuses, days
}

func (l *sampleLoader) application(i int, a sampleApplication, incs []int64) error {
	statuses, days := applicationPath(a)
	leader := sampleLeader[i%len(sampleLeader)]
	kind, name := "company", "大连"+sampleNameA[i%len(sampleNameA)]+sampleNameB[(i/len(sampleNameA))%len(sampleNameB)]+"有限公司"
	if a.team {
		kind, name = "team", leader+sampleTopics[i%len(sampleTopics)]+"创业团队"
	}
	field := HighTechFields[i%len(HighTechFields)]
	last := len(statuses) - 1
	id, err := l.insert("incubator_application", []string{"incubator_id", "applicant_kind", "applicant", "leader", "field",
		"summary", "submitted", "status", "status_date"}, incs[a.incubator], kind, name, leader, field,
		sampleTopics[i%len(sampleTopics)]+"方向的研发与产业化", FormatDate(days[0]), statuses[last], FormatDate(days[last]))
	if err != nil {
		return err
	}
	from := ""
	for k, s := range statuses {
		if _, err := l.insert("incubator_application_history", []string{"application_id", "day", "from_status", "to_status",
			"note", "operator"}, id, FormatDate(days[k]), from, s, "", "sample"); err != nil {
			return err
		}
		from = s
	}
	return nil
}

func (l *sampleLoader) plans() error {
	for _, p := range samplePlans {
		start, _ := time.Parse(DateLayout, p.start)
		statuses := append([]string{"draft"}, p.steps...)
		last := start.AddDate(0, 0, 20*(len(statuses)-1))
		granted := Yuan(p.grantWan) * yuanPerWan
		id, err := l.insert("plan_application", []string{"company_id", "level", "plan", "title", "year", "requested",
			"granted", "status", "status_date"}, l.companies[p.company], p.level, p.plan, p.title, p.year,
			Yuan(p.requestWan)*yuanPerWan, granted, statuses[len(statuses)-1], FormatDate(last))
		if err != nil {
			return err
		}
		from := ""
		for k, s := range statuses {
			if _, err := l.insert("plan_application_history", []string{"application_id", "day", "from_status", "to_status",
				"note", "operator"}, id, FormatDate(start.AddDate(0, 0, 20*k)), from, s, "", "sample"); err != nil {
				return err
			}
			from = s
		}
	}
	return nil
}

func (l *sampleLoader) parkProjects() error {
	parks, err := l.s.parksIn(l.ctx, l.tx)
	if err != nil {
		return err
	}
	for _, p := range sampleParkProjects {
		if _, err := l.insert("park_project", []string{"park_id", "title", "lead", "description", "status", "area_cmu",
			"investment"}, parks[p.park].ID, p.title, p.lead, p.desc, p.status, p.areaMu*100, Yuan(p.investWan)*yuanPerWan); err != nil {
			return err
		}
	}
	return nil
}

var samplePatentTitles = map[string][]string{
	"invention": {"一种海参底播增殖方法", "一种微藻油脂提取工艺", "一种甲醇制烯烃催化剂及其制备方法", "一种数控机床热误差补偿方法", "一种高温合金粉末制备方法", "一种海水淡化膜组件", "一种燃料电池双极板", "一种抗菌肽的制备方法"},
	"utility":   {"一种智能投喂装置", "一种温室通风结构", "一种轴承密封装置", "一种水质监测浮标", "一种船用导航终端支架", "一种焊材送丝机构", "一种樱桃分拣装置", "一种储能电池箱"},
	"design":    {"水下机器人外壳", "智能温室控制器", "导航终端", "文创纪念品（蝴蝶）", "航天科普展台", "包装盒（海参）"},
}

var patentTypeDigit = map[string]byte{"invention": '1', "utility": '2', "design": '3'}

// samplePatent is one patent of the sample set.
type samplePatent struct {
	kind           string
	filed, granted time.Time
	status         string
	statusDay      time.Time
}

// samplePatentPlan lays out the patents so that, for 2025, 63 were filed, 31 granted and 206 valid on 12-31.
func (l *sampleLoader) samplePatentPlan() []samplePatent {
	var ps []samplePatent
	r := l.rnd
	add := func(n int, kind func(k int) string, filed func(k int) time.Time, grantAfter func(k int) int, status string) {
		for k := 0; k < n; k++ {
			p := samplePatent{kind: kind(k), filed: filed(k), status: status}
			if g := grantAfter(k); g > 0 {
				p.granted = p.filed.AddDate(0, 0, g)
			}
			p.statusDay = p.granted
			if p.granted.IsZero() {
				p.statusDay = p.filed
			}
			ps = append(ps, p)
		}
	}
	mixed := func(k int) string { return []string{"invention", "utility", "utility", "design"}[k%4] }
	inYearOf := func(y int) func(int) time.Time {
		return func(int) time.Time { return day(y, 1+r.IntN(12), 1+r.IntN(28)) }
	}
	// A: 160 granted before 2025 and valid through 2025 (inventions from 2013, others from 2017).
	add(160, mixed, func(k int) time.Time {
		if mixed(k) == "invention" {
			return day(2013+k%9, 1+k%12, 1+k%27)
		}
		return day(2017+k%7, 3+k%9, 1+k%27)
	}, func(k int) int {
		if mixed(k) == "invention" {
			return 500 + k%200
		}
		return 150 + k%120
	}, "granted")
	// Two of them lapse in 2026 (valid at the end of 2025), two reach the end of their term early in 2027.
	ps[1].status, ps[1].statusDay = "lapsed", day(2026, 3, 18)
	ps[2].status, ps[2].statusDay = "lapsed", day(2026, 7, 2)
	ps[5].filed, ps[5].granted, ps[5].statusDay = day(2017, 1, 10), day(2017, 6, 20), day(2017, 6, 20)
	ps[6].filed, ps[6].granted, ps[6].statusDay = day(2017, 2, 5), day(2017, 8, 1), day(2017, 8, 1)
	utility := func(k int) string { return []string{"utility", "utility", "design"}[k%3] }
	add(15, utility, func(k int) time.Time { return day(2024, 1+k%6, 2+k) }, func(int) int { return 150 }, "granted")
	add(14, utility, func(k int) time.Time { return day(2024, 7+k%6, 3+k) }, func(int) int { return 200 }, "granted")
	add(17, utility, func(k int) time.Time { return day(2025, 1+k%5, 4+k) }, func(int) int { return 160 }, "granted")
	add(46, func(k int) string { return []string{"invention", "invention", "utility"}[k%3] }, inYearOf(2025),
		func(int) int { return 0 }, "pending")
	// Not valid at the end of 2025.
	add(10, func(int) string { return "invention" }, inYearOf(2024), func(int) int { return 0 }, "pending")
	for k, lapsed := range []time.Time{day(2023, 4, 2), day(2023, 9, 9), day(2024, 2, 14), day(2024, 8, 30), day(2025, 3, 3), day(2025, 10, 20)} {
		ps = append(ps, samplePatent{kind: []string{"utility", "invention"}[k%2], filed: day(2018+k%3, 5, 10+k),
			granted: day(2019+k%3, 6, 1+k), status: "lapsed", statusDay: lapsed})
	}
	for k := 0; k < 3; k++ { // utility models whose ten years ran out before the end of 2025
		filed := day(2013+k, 9, 12+k)
		ps = append(ps, samplePatent{kind: "utility", filed: filed, granted: filed.AddDate(0, 5, 0), status: "expired",
			statusDay: filed.AddDate(10, 0, 0)})
	}
	for k := 0; k < 2; k++ {
		ps = append(ps, samplePatent{kind: "invention", filed: day(2019, 4, 8+k), granted: day(2021, 6, 15+k),
			status: "invalidated", statusDay: day(2025, 8, 12+k)})
	}
	for k, s := range []string{"rejected", "rejected", "withdrawn"} {
		filed := day(2022+k%2, 6, 6+k)
		ps = append(ps, samplePatent{kind: "invention", filed: filed, status: s, statusDay: filed.AddDate(1, 6, 0)})
	}
	return ps
}

// recordTermEnd is a made-up patent as the register holds it on today: one still granted or pending whose
// term ended before today is recorded as expired on the term's last day, so that a data set loaded on a later
// day passes the program's check that day. A term that ended after a report year leaves that year's figures
// as they were.
func recordTermEnd(p Patent, today time.Time) Patent {
	if end := p.TermEnds(); (p.LegalStatus == PatentGranted || p.LegalStatus == PatentPending) && end.Before(dateOnly(today)) {
		p.LegalStatus, p.StatusDate = "expired", end
	}
	return p
}

func (l *sampleLoader) patents() error {
	serial := map[int]int{}
	today := l.s.now()
	for i, p := range l.samplePatentPlan() {
		held := recordTermEnd(Patent{Kind: p.kind, Filed: p.filed, LegalStatus: p.status, StatusDate: p.statusDay}, today)
		p.status, p.statusDay = held.LegalStatus, held.StatusDate
		y := p.filed.Year()
		serial[y]++
		digits := fmt.Sprintf("%d%c%07d", y, patentTypeDigit[p.kind], 1060000+serial[y]*37)
		check, _ := PatentCheckChar(digits)
		titles := samplePatentTitles[p.kind]
		company := l.companies[(i*7)%len(l.companies)]
		var granted any
		if !p.granted.IsZero() {
			granted = FormatDate(p.granted)
		}
		if _, err := l.insert("patent", []string{"company_id", "app_no", "kind", "title", "filed", "granted",
			"legal_status", "status_date"}, company, digits+"."+string(check), p.kind, titles[i%len(titles)],
			FormatDate(p.filed), granted, p.status, FormatDate(p.statusDay)); err != nil {
			return err
		}
	}
	return nil
}
