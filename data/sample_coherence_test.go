package data

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fieldWords are words of each high-tech field's trade: a record of a company fits the company when its title
// holds a word of the company's field or of its park (parkWords).
var fieldWords = map[string][]string{
	"electronics": {"终端", "导航", "北斗", "AIS", "电子", "数据", "网关", "通信", "传感", "服务器", "机柜", "电脑", "RFID", "交换机",
		"PLC", "相机", "总线", "控制柜", "闸机", "导览", "客流", "票务", "定位", "增强现实", "线缆", "转换器", "天线", "海图", "航标",
		"识别", "软件", "平台", "智慧"},
	"biomedicine": {"药", "肽", "蛋白", "细胞", "培养", "菌", "多糖", "提取", "纯化", "发酵", "藻", "生物", "加工", "保鲜", "冻",
		"层析", "灌装", "胶囊", "无菌"},
	"aerospace": {"航空", "航天", "卫星", "北斗", "遥感", "钛合金", "铆接", "钣金", "结构件", "地面站", "无人机", "火箭"},
	"materials": {"合金", "粉末", "制粉", "雾化", "坩埚", "筛分", "手套箱", "碳纤维", "复合材料", "预浸料", "焊", "钢", "熔炼", "材料"},
	"services": {"检测", "样品", "冷链", "冷藏", "冷库", "周转箱", "装卸", "风幕", "追溯", "旅游", "景区", "蝴蝶", "文创", "科普",
		"采摘", "民宿", "展示", "星空", "失重", "康养", "数字化"},
	"energy": {"催化", "甲醇", "烯烃", "二氧化碳", "反应器", "焙烧", "分离器", "燃料电池", "氢", "质子交换膜", "膜电极", "电堆",
		"储能", "电池", "液流", "电解液", "变流器", "能源"},
	"environment": {"海洋牧场", "鱼礁", "底播", "刺参", "海胆", "贝类", "资源", "水质", "苗", "温室", "水肥", "土壤", "秸秆", "肥",
		"果园", "栽培", "病虫害", "废气", "渗滤液", "VOCs", "污染", "溢油", "浮标", "喷淋", "淡化", "污水", "净水", "膜", "网箱",
		"观测", "采样", "卷帘", "补光", "生态", "环境"},
	"manufacturing": {"数控", "机床", "轴承", "机器人", "机械臂", "夹爪", "底盘", "推进器", "减速", "接头", "伺服", "脉冲",
		"电气柜", "转台", "船", "舱", "缆", "压载", "救生", "通风筒", "法兰", "网箱", "投喂", "投饵", "网衣", "系泊", "浮管",
		"视觉", "装备"},
}

// parkWords are words of each park's business, by the park's place among the seeded parks: 现代海洋产业园,
// 现代园艺产业园, 现代都市休闲旅游产业长廊.
var parkWords = [][]string{
	{"海", "渔", "鱼", "参", "藻", "贝", "鲍", "船", "舱", "缆", "网箱", "投饵", "水产", "冷链"},
	{"温室", "樱桃", "苗", "蓝莓", "草莓", "葡萄", "果", "土壤", "肥", "秸秆", "灌溉", "蔬菜", "栽培", "园艺", "设施"},
	{"旅游", "蝴蝶", "文创", "航天", "火箭", "星空", "失重", "科普", "景区", "导览", "采摘", "民宿", "游", "栈道", "票务",
		"栽培", "果蔬", "农产品"}, // the corridor's leisure farms (小南村) grow and sell what visitors pick
}

// foreignWords are what a park's companies do not make: the marine park grows no cherries under glass, and the
// horticulture park builds no ships and ranches no sea cucumbers.
var foreignWords = [][]string{
	{"温室", "樱桃", "蓝莓", "草莓", "葡萄", "果园", "秸秆", "蔬菜"},
	{"海参", "鱼礁", "船", "网箱", "海藻", "渔", "水产"},
	nil,
}

func holdsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// The sample set reads as a real district: every patent, cooperation outcome, plan application and base of a
// company fits the company's field or its park and nothing of another park's trade; a park's projects are led
// by a company of that park; an incubator application's summary fits its field; and no title or name is
// repeated. (A greenhouse controller's design belonged to a marine ranch, and 22 titles named 276 patents.)
func TestSampleRecordsFitTheirCompanies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	parks, err := s.Parks(ctx)
	require.NoError(t, err)
	parkOf := map[int64]int{}
	for i, p := range parks {
		parkOf[p.ID] = i
	}

	// title, kind, company, field, park of every record that belongs to a company
	type owned struct{ what, title, kind, company, field string }
	var records []owned
	var parksOf []int
	for what, q := range map[string]string{
		"patent": `SELECT t.title, t.kind, c.name, c.field, coalesce(c.park_id, 0) FROM patent t
			JOIN company c ON c.id = t.company_id`,
		"outcome": `SELECT o.title, o.kind, c.name, c.field, coalesce(c.park_id, 0) FROM coop_outcome o
			JOIN cooperation k ON k.id = o.cooperation_id JOIN company c ON c.id = k.company_id`,
		"plan": `SELECT p.title, '', c.name, c.field, coalesce(c.park_id, 0) FROM plan_application p
			JOIN company c ON c.id = p.company_id`,
		"base": `SELECT b.name, '', c.name, c.field, coalesce(c.park_id, 0) FROM coop_base b
			JOIN company c ON c.id = b.company_id`,
	} {
		rows, err := s.db.QueryContext(ctx, q)
		require.NoError(t, err)
		for rows.Next() {
			var r owned
			var park int64
			require.NoError(t, rows.Scan(&r.title, &r.kind, &r.company, &r.field, &park))
			r.what = what
			records = append(records, r)
			if park == 0 {
				parksOf = append(parksOf, -1)
			} else {
				parksOf = append(parksOf, parkOf[park])
			}
		}
		require.NoError(t, rows.Err())
		rows.Close()
	}
	require.NotEmpty(t, records)
	seen := map[string]string{}
	for i, r := range records {
		words := fieldWords[r.field]
		if p := parksOf[i]; p >= 0 {
			words = append(append([]string{}, words...), parkWords[p]...)
			assert.False(t, holdsAny(r.title, foreignWords[p]), "%s %q of %s (%s) is another park's trade",
				r.what, r.title, r.company, parks[p].Name)
		}
		assert.True(t, holdsAny(r.title, words), "%s %q does not fit %s (%s)", r.what, r.title, r.company, r.field)
		if r.what == "patent" {
			assert.Equal(t, r.kind != PatentDesign, strings.HasPrefix(r.title, "一种"),
				"%s patent %q: an invention or utility model is titled 一种…, a design names the product", r.kind, r.title)
		}
		key := r.what + ":" + r.title
		assert.Empty(t, seen[key], "%s %q is repeated (%s and %s)", r.what, r.title, seen[key], r.company)
		seen[key] = r.company
	}

	projects, err := s.ParkProjects(ctx, ParkProjectFilter{})
	require.NoError(t, err)
	require.NotEmpty(t, projects)
	titles := map[string]bool{}
	for _, p := range projects {
		lead, err := s.Companies(ctx, CompanyFilter{Query: p.Lead})
		require.NoError(t, err)
		if assert.Len(t, lead, 1, "project %q is led by a company of the sample: %s", p.Title, p.Lead) {
			assert.Equal(t, p.ParkID, lead[0].ParkID, "project %q is led by a company of its park", p.Title)
		}
		assert.False(t, titles[p.Title], "project %q is repeated", p.Title)
		titles[p.Title] = true
	}

	apps, err := s.IncubatorApplications(ctx, IncubatorApplicationFilter{})
	require.NoError(t, err)
	require.NotEmpty(t, apps)
	applicants := map[string]bool{}
	for _, a := range apps {
		assert.True(t, holdsAny(a.Summary, fieldWords[a.Field]), "application of %s: %q is not %s", a.Applicant, a.Summary, a.Field)
		assert.False(t, applicants[a.Applicant], "applicant %q is repeated", a.Applicant)
		applicants[a.Applicant] = true
	}
}
