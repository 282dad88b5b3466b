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
// transaction, and says how many records it added.
func (s *Store) loadSampleRecords(ctx context.Context, tx *sql.Tx) (int, error) {
	companies := make([]int64, len(sampleCompanies))
	for i := range sampleCompanies {
		if err := tx.QueryRowContext(ctx, `SELECT id FROM company WHERE uscc = ?`, sampleUSCC(i)).Scan(&companies[i]); err != nil {
			return 0, internal(err, "sample company missing")
		}
	}
	l := &sampleLoader{s: s, tx: tx, ctx: ctx, companies: companies, rnd: rand.New(rand.NewPCG(2025, 1209))}
	for _, step := range []func() error{l.cooperation, l.incubation, l.plans, l.patents, l.parkProjects} {
		if err := step(); err != nil {
			return 0, err
		}
	}
	return l.added, nil
}

type sampleLoader struct {
	s         *Store
	tx        *sql.Tx
	ctx       context.Context
	companies []int64
	rnd       *rand.Rand
	added     int // records inserted so far
}

// insert adds one row, without an audit row (LoadSample writes one for the whole set); table is the table's name.
func (l *sampleLoader) insert(table string, cols []string, vals ...any) (int64, error) {
	q := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) +
		`) RETURNING id`
	var id int64
	if err := l.tx.QueryRowContext(l.ctx, q, vals...).Scan(&id); err != nil {
		return 0, internal(err, "sample "+table)
	}
	l.added++
	return id, nil
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
	// sampleNameC is the second word of an applicant company's name, after one of sampleNameA.
	sampleNameC = []string{"远航", "博通", "新源", "德润", "卓越", "宏图", "瑞丰", "盛达"}
)

// sampleTopicTrades give each topic of an incubator application the high-tech field it belongs to and the
// word of the trade an applicant company working on it has in its name, so that the name, the field and the
// summary of an application agree.
var sampleTopicTrades = map[string]struct{ field, word string }{
	"海洋传感器": {"electronics", "海洋电子"}, "水下机器人": {"manufacturing", "智能装备"}, "海藻生物材料": {"materials", "新材料"},
	"智慧渔业": {"electronics", "信息技术"}, "樱桃深加工": {"biomedicine", "生物科技"}, "工业视觉检测": {"manufacturing", "智能科技"},
	"氢能催化": {"energy", "新能源"}, "康养数字化": {"services", "健康科技"}, "乡村旅游数字化": {"services", "文旅科技"},
	"航天科普装置": {"aerospace", "航天科技"},
}

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
	topic := sampleTopics[i%len(sampleTopics)]
	trade := sampleTopicTrades[topic]
	// The leader changes every len(sampleTopics) applications, so that no two teams share leader and topic.
	leader := sampleLeader[(i/len(sampleTopics))%len(sampleLeader)]
	kind, name := "company", "大连"+sampleNameA[i%len(sampleNameA)]+sampleNameC[(i/len(sampleNameA))%len(sampleNameC)]+trade.word+"有限公司"
	if a.team {
		kind, name = "team", leader+topic+"创业团队"
	}
	last := len(statuses) - 1
	id, err := l.insert("incubator_application", []string{"incubator_id", "applicant_kind", "applicant", "leader", "field",
		"summary", "submitted", "status", "status_date"}, incs[a.incubator], kind, name, leader, trade.field,
		topic+"方向的研发与产业化", FormatDate(days[0]), statuses[last], FormatDate(days[last]))
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

// samplePatentTitles are the titles of each sample company's patents (by the company's index in
// sampleCompanies), by kind, in the order samplePatentPlan hands the company its patents of that kind: each fits
// what the company makes and where (a marine ranch holds no greenhouse controller), and no title is repeated.
// The patents themselves (kinds, dates, companies) are those the published figures count; only what they are
// called is chosen here.
var samplePatentTitles = []struct{ invention, utility, design []string }{
	{invention: []string{"一种海参底播增殖方法", "一种人工鱼礁布设与效果评估方法", "一种海洋牧场资源量声学评估方法", "一种刺参越夏保育方法",
		"一种海胆与海参混养方法", "一种底播贝类采捕后资源恢复方法", "一种海洋牧场水质异常预警方法"},
		design: []string{"人工鱼礁构件"}}, // 大连海宝渔业
	{utility: []string{"一种刺参苗种中间培育网箱", "一种海底观测平台固定支架", "一种养殖海区水质采样器"},
		design: []string{"海洋牧场观测浮标", "海参苗种运输箱", "人工鱼礁礁体模块", "养殖网箱浮球"}}, // 旅顺海洋牧场科技
	{invention: []string{"一种即食海参的低温加工方法", "一种海参肠卵多糖的提取方法"},
		utility: []string{"一种海参蒸煮装置", "一种海参自动分级装置", "一种鲍鱼暂养循环水装置", "一种扇贝清洗装置", "一种水产品冷冻托盘"}}, // 獐子湾水产
	{invention: []string{"一种微藻DHA油脂的提取工艺", "一种岩藻黄素的纯化方法"},
		utility: []string{"一种微藻光生物反应器", "一种微藻采收离心装置", "一种藻液过滤装置", "一种藻粉喷雾干燥装置", "一种海洋生物样品冷藏箱"},
		design:  []string{"微藻保健品包装瓶"}}, // 蓝海生物工程
	{invention: []string{"一种海藻膳食纤维的制备方法", "一种海带褐藻胶的提取方法", "一种海藻肥的发酵工艺", "一种裙带菜岩藻多糖的制备方法"},
		utility: []string{"一种海带清洗切丝装置", "一种海藻晾晒架", "一种海藻酸钠溶胶罐", "一种海藻原料粉碎装置"}}, // 海韵海藻
	{invention: []string{"一种船舶压载水电解处理方法", "一种船用管路法兰防腐工艺"},
		design: []string{"船用舱口盖", "船用导缆器", "船用系缆桩", "压载水处理装置控制柜", "船用救生艇吊架", "船用通风筒"}}, // 铁山船舶配套
	{invention: []string{"一种深水网箱自动投喂控制方法", "一种养殖工船水体交换方法"},
		utility: []string{"一种深水网箱升降装置", "一种投饵机料仓", "一种网衣清洗机器人履带结构", "一种网箱浮管连接件", "一种养殖平台系泊装置"},
		design:  []string{"自动投饵机"}}, // 双岛湾海洋装备
	{invention: []string{"一种水产品冷链运输温度追溯方法"},
		utility: []string{"一种冷藏车厢温度监测装置", "一种水产品保活运输箱", "一种冷库货架", "一种冷链周转箱", "一种冷库门风幕装置",
			"一种冷藏集装箱通风结构", "一种冷链货物装卸平台"}}, // 渤海冷链物流
	{invention: []string{"一种大樱桃组培脱毒方法", "一种大樱桃砧木扦插育苗方法", "一种蓝莓组培快繁方法", "一种葡萄嫁接育苗方法",
		"一种种苗穴盘基质的配制方法", "一种草莓脱毒种苗繁育方法"},
		utility: []string{"一种育苗穴盘"}}, // 北方园艺种苗
	{invention: []string{"一种日光温室智能化改造方法", "一种温室水肥一体化灌溉控制方法"},
		design: []string{"温室卷帘机控制箱", "温室环境监测终端", "水肥一体机", "育苗床", "温室补光灯"}}, // 三涧堡设施农业
	{invention: []string{"一种大樱桃采后保鲜方法"},
		utility: []string{"一种樱桃分拣装置", "一种樱桃去梗装置", "一种樱桃园防鸟网架", "一种樱桃采摘梯", "一种樱桃果实预冷装置",
			"一种樱桃包装盒", "一种樱桃树枝条修剪器"}}, // 龙王塘樱桃
	{invention: []string{"一种温室环境多参数协同控制方法"},
		utility: []string{"一种温室通风结构", "一种温室骨架连接件", "一种温室天窗开窗机构", "一种温室遮阳幕布驱动装置", "一种温室湿帘降温装置",
			"一种温室喷灌行走车"},
		design: []string{"智能温室控制器"}}, // 绿源智能温室
	{invention: []string{"一种设施土壤生态修复方法", "一种连作障碍土壤改良剂的制备方法", "一种秸秆还田腐熟方法", "一种生物有机肥的发酵工艺",
		"一种果园生草栽培方法", "一种蔬菜病虫害绿色防控方法"},
		utility: []string{"一种土壤改良剂撒施装置", "一种有机肥翻堆装置"}}, // 水师营生态农业
	{invention: []string{"一种蝴蝶人工繁育方法"},
		utility: []string{"一种蝴蝶羽化箱", "一种蝴蝶展示网室"},
		design:  []string{"文创纪念品（蝴蝶）", "蝴蝶标本相框", "蝴蝶园导览牌", "蝴蝶图案丝巾", "蝴蝶造型书签"}}, // 蝶恋花生态旅游
	{invention: []string{"一种草莓立体栽培方法", "一种采摘园果品预冷保鲜方法"},
		utility: []string{"一种立体栽培架", "一种采摘园游客采摘篮", "一种果蔬清洗台", "一种农产品展销架", "一种民宿太阳能热水装置",
			"一种田间观光栈道护栏"}}, // 小南村休闲农业
	{invention: []string{"一种航天科普沉浸式展示方法", "一种火箭发射过程模拟演示方法"},
		utility: []string{"一种航天科普展教装置", "一种火箭模型发射台", "一种失重体验座椅", "一种星空投影装置"},
		design:  []string{"航天科普展台"}}, // 旅顺太空科技文化
	{invention: []string{"一种景区客流预测方法", "一种基于增强现实的景点导览方法", "一种文旅电子票务核验方法", "一种景区游客定位与求助方法"},
		utility: []string{"一种景区智能导览终端", "一种景区闸机", "一种户外电子导览屏支架"}}, // 老铁山文旅科技
	{invention: []string{"一种数控机床热误差补偿方法", "一种五轴联动数控系统插补方法"},
		utility: []string{"一种数控转台"},
		design:  []string{"数控系统操作面板", "数控机床防护罩", "伺服驱动器", "手持脉冲发生器", "数控机床电气柜"}}, // 光洋数控
	{invention: []string{"一种高速精密主轴轴承的预紧方法"},
		utility: []string{"一种轴承密封装置", "一种轴承保持架", "一种角接触球轴承", "一种轴承润滑油气喷嘴", "一种轴承内圈装配工装", "一种轴承振动检测台"},
		design:  []string{"轴承包装盒"}}, // 旅顺精密轴承
	{invention: []string{"一种高温合金粉末制备方法"},
		utility: []string{"一种气雾化制粉喷嘴", "一种合金粉末筛分装置", "一种粉末真空包装装置", "一种合金熔炼坩埚", "一种粉末粒度在线检测装置",
			"一种惰性气体保护手套箱", "一种粉末冷却收集罐"}}, // 化新材料
	{invention: []string{"一种碳纤维复合材料构件成型工艺", "一种碳纤维预浸料的制备方法", "一种热塑性复合材料焊接方法", "一种复合材料构件无损检测方法",
		"一种碳纤维表面处理方法", "一种复合材料快速固化方法", "一种碳纤维回收再利用方法"},
		utility: []string{"一种复合材料热压模具"}}, // 理工碳纤维
	{invention: []string{"一种船舶北斗定位增强方法", "一种船舶AIS信号解码方法"},
		design: []string{"船用导航终端", "船用北斗天线罩", "船载电子海图显示器", "船用通信控制盒", "手持式船舶识别终端", "航标遥测终端"}}, // 海事通导电子
	{utility: []string{"一种工业数据采集终端", "一种边缘计算网关", "一种服务器机柜散热结构", "一种工业平板电脑支架", "一种数据机房线缆桥架",
		"一种RFID读写终端", "一种串口通信转换器"}}, // 旅顺软件信息
	{invention: []string{"一种甲醇制烯烃催化剂及其制备方法", "一种二氧化碳加氢制甲醇催化剂"},
		utility: []string{"一种固定床催化反应器", "一种催化剂装填装置", "一种反应气气液分离器", "一种反应器温度测量套管", "一种催化剂焙烧炉"}}, // 中科催化新能源
	{invention: []string{"一种燃料电池双极板", "一种质子交换膜的制备方法", "一种燃料电池膜电极的制备方法", "一种电解水制氢催化剂", "一种燃料电池低温启动方法"},
		utility: []string{"一种燃料电池电堆封装结构"},
		design:  []string{"氢燃料电池电源箱"}}, // 洁能氢源
	{invention: []string{"一种液流电池电解液的制备方法"},
		utility: []string{"一种储能电池箱", "一种液流电池电堆", "一种储能集装箱温控装置"},
		design:  []string{"储能电池柜", "户外储能电源", "储能变流器", "电池管理系统控制盒"}}, // 新港储能
	{invention: []string{"一种抗菌肽的制备方法"},
		utility: []string{"一种药品分装装置", "一种冻干瓶压盖装置", "一种药液过滤装置", "一种发酵罐取样装置", "一种药品洁净车间传递窗", "一种药用胶囊检测装置"},
		design:  []string{"药品包装盒"}}, // 旅顺医药
	{invention: []string{"一种重组蛋白的纯化方法", "一种海洋胶原蛋白肽的制备方法"},
		utility: []string{"一种生物反应器搅拌装置", "一种细胞培养瓶架", "一种层析柱装柱装置", "一种无菌灌装装置", "一种培养基配制罐", "一种细胞冻存管架"}}, // 普瑞生物制药
	{invention: []string{"一种近岸海域生态环境监测方法", "一种工业废气脱硫脱硝方法", "一种垃圾渗滤液处理方法", "一种VOCs吸附浓缩处理方法",
		"一种污染土壤淋洗修复方法", "一种海洋溢油应急处置方法"},
		utility: []string{"一种水质监测浮标", "一种废气喷淋塔"}}, // 环宇环保工程
	{invention: []string{"一种海水淡化膜组件", "一种膜生物反应器污水处理方法"},
		utility: []string{"一种一体化污水处理设备"},
		design:  []string{"净水设备控制柜", "一体化污水处理箱", "水质在线监测仪", "反渗透膜组件端盖"}}, // 清源水处理
	{invention: []string{"一种航空薄壁结构件数控加工方法", "一种钛合金构件表面强化方法"},
		utility: []string{"一种航空结构件装夹工装", "一种航空钣金件成形模具", "一种航空零件三坐标检测夹具", "一种航空铆接定位装置"},
		design:  []string{"航空精密结构件"}}, // 航宇精工
	{utility: []string{"一种卫星通信天线支架", "一种北斗定位渔船终端", "一种遥感数据接收装置", "一种船载卫星天线罩", "一种卫星信号测试箱",
		"一种地面站天线伺服机构", "一种无人机遥感吊舱"}}, // 星海卫星应用
	{invention: []string{"一种海洋工程用耐蚀焊丝", "一种高强钢埋弧焊焊剂", "一种药芯焊丝的制备方法", "一种不锈钢焊条药皮", "一种低温钢焊接材料",
		"一种焊丝表面镀铜工艺"},
		utility: []string{"一种焊材送丝机构"},
		design:  []string{"焊丝包装桶"}}, // 鑫达特种焊材
	{invention: []string{"一种农产品农药残留快速检测方法", "一种水产品重金属检测方法"},
		utility: []string{"一种检测样品前处理装置"},
		design:  []string{"便携式检测箱", "检测样品采集箱", "检测报告打印终端", "食品快速检测仪", "恒温样品柜"}}, // 旅顺检测认证
	{utility: []string{"一种工业物联网网关", "一种设备状态监测传感器", "一种工业交换机散热结构", "一种无线传感节点外壳", "一种PLC数据采集模块",
		"一种工业相机安装支架", "一种现场总线中继器", "一种边缘控制柜"}}, // 智联工业互联网
	{invention: []string{"一种水下机器人路径规划方法", "一种机器人视觉抓取方法"},
		utility: []string{"一种水下机器人推进器", "一种机械臂关节减速装置", "一种机器人末端夹爪", "一种巡检机器人底盘", "一种水下机器人外壳",
			"一种机器人快换接头"}}, // 博远机器人
}

// samplePatentTitle is the title of a company's n-th patent of a kind (counting from 0).
func samplePatentTitle(company int, kind string, n int) (string, bool) {
	t := samplePatentTitles[company]
	list := map[string][]string{"invention": t.invention, "utility": t.utility, "design": t.design}[kind]
	if n >= len(list) {
		return "", false
	}
	return list[n], true
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
	held := make([]map[string]int, len(l.companies)) // the patents of each kind each company holds so far
	for i := range held {
		held[i] = map[string]int{}
	}
	for i, p := range l.samplePatentPlan() {
		registered := recordTermEnd(Patent{Kind: p.kind, Filed: p.filed, LegalStatus: p.status, StatusDate: p.statusDay}, today)
		p.status, p.statusDay = registered.LegalStatus, registered.StatusDate
		y := p.filed.Year()
		serial[y]++
		digits := fmt.Sprintf("%d%c%07d", y, patentTypeDigit[p.kind], 1060000+serial[y]*37)
		check, _ := PatentCheckChar(digits)
		ci := (i * 7) % len(l.companies)
		title, ok := samplePatentTitle(ci, p.kind, held[ci][p.kind])
		if !ok {
			return internal(fmt.Errorf("no %s title left for sample company %d", p.kind, ci), "sample patent")
		}
		held[ci][p.kind]++
		var granted any
		if !p.granted.IsZero() {
			granted = FormatDate(p.granted)
		}
		if _, err := l.insert("patent", []string{"company_id", "app_no", "kind", "title", "filed", "granted",
			"legal_status", "status_date"}, l.companies[ci], digits+"."+string(check), p.kind, title,
			FormatDate(p.filed), granted, p.status, FormatDate(p.statusDay)); err != nil {
			return err
		}
	}
	return nil
}
