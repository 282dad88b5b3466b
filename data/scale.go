package data

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"scitech/data/sqlite"
)

// ScaleYears is how many years of output a synthetic district holds, ending with ScaleLastYear.
const (
	ScaleYears    = 10
	ScaleLastYear = 2025
	// MaxScale is the most companies a synthetic district may have.
	MaxScale = 1_000_000
)

// LoadScaled fills an empty database with a synthetic district of n companies, the same every time for the
// same n and day: every company reports ScaleYears years of output and holds about ten patents; there are about n/2
// incubator applications, n/5 plan applications, n/3 cooperations with n/1000 institutions, bases, outcomes
// and park projects, every code valid and every workflow with its history. It is for measuring the tool at a
// city's or a province's scale, not for briefs anyone reads. The records are written in one transaction with
// one audit row for the whole load, since an audit row per generated record would double the time and say
// nothing. Its patents are dated up to the day it is built, so that it passes Check on that day.
func (s *Store) LoadScaled(ctx context.Context, n int) error {
	if n < 1 || n > MaxScale {
		return invalid("err.scale", "the scale must be from 1 to 1,000,000 companies", map[string]any{"N": n})
	}
	parks, err := s.Parks(ctx)
	if err != nil {
		return err
	}
	return s.loadIntoEmpty(ctx, func(tx *sql.Tx) error {
		g := &scaleLoader{ctx: ctx, tx: tx, n: n, rnd: rand.New(rand.NewPCG(uint64(n), 2025)), parks: parks,
			today: s.now()}
		load := func() error {
			for _, step := range []func() error{g.companies, g.outputs, g.patents, g.cooperation, g.incubation, g.plans, g.parkProjects} {
				if err := step(); err != nil {
					return err
				}
			}
			return nil
		}
		// Dropping and rebuilding the indexes and triggers is for SQLite's file: a server keeps them, and its
		// statement-level triggers write the name pairs and the change rows as the rows go in.
		var err error
		if s.Server() {
			err = load()
		} else {
			err = g.withoutIndexes(load)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, "company", 0, "create", nil, map[string]any{"scale": n, "companies": n})
	})
}

// scaleTables are the tables LoadScaled writes, in the order it writes them.
var scaleTables = []string{"company", "annual_output", "patent", "institution", "cooperation", "coop_base",
	"coop_outcome", "incubator", "incubator_application", "incubator_application_history", "plan_application",
	"plan_application_history", "park_project"}

// companyGramFill fills company_gram from the company table, in key order (as migration 0007 does).
const companyGramFill = `INSERT INTO company_gram (gram, company_id)
	SELECT DISTINCT lower(substr(c.name || char(1), s.n, 2)), c.id FROM company c JOIN gram_seq s ON s.n <= length(c.name)
	ORDER BY 1, 2 ON CONFLICT DO NOTHING`

// withoutIndexes runs load with the indexes and triggers of the loaded tables dropped, then builds them again
// in the same transaction: an index built once from a full table is written in order, where the same index
// kept up row by row through a million random keys spills its pages to the WAL over and over (1.5 GB written
// for 0.5 GB of database, and two thirds of the time in the kernel). What the dropped triggers would have
// written is then written in bulk: the name pairs of the company search (company_gram), and one change row per
// record inserted, so that the load stays one change a user can undo like any other.
func (g *scaleLoader) withoutIndexes(load func() error) error {
	objects, err := sqlite.IndexesAndTriggers(g.ctx, g.tx, scaleTables)
	if err != nil {
		return internal(err, "scale: cannot list the indexes")
	}
	before := make(map[string]int64, len(scaleTables))
	for _, t := range scaleTables {
		var max int64
		if err := g.tx.QueryRowContext(g.ctx, `SELECT coalesce(max(rowid), 0) FROM `+t).Scan(&max); err != nil {
			return internal(err, "scale: "+t)
		}
		before[t] = max
	}
	exec := func(q string, args ...any) error {
		if _, err := g.tx.ExecContext(g.ctx, q, args...); err != nil {
			return internal(err, "scale: "+q)
		}
		return nil
	}
	for _, o := range objects {
		if err := exec(`DROP ` + strings.ToUpper(o.Kind) + ` "` + o.Name + `"`); err != nil {
			return err
		}
	}
	if err := load(); err != nil {
		return err
	}
	for _, o := range objects {
		if o.Kind == "index" {
			if err := exec(o.SQL); err != nil {
				return err
			}
		}
	}
	if err := exec(companyGramFill); err != nil {
		return err
	}
	for _, t := range scaleTables {
		if err := exec(`INSERT INTO change (group_id, tbl, row_id) SELECT g.id, '`+t+`', x.rowid
			FROM change_group g, `+t+` x WHERE g.open = 1 AND x.rowid > ? ORDER BY x.rowid`, before[t]); err != nil {
			return err
		}
	}
	for _, o := range objects {
		if o.Kind == "trigger" {
			if err := exec(o.SQL); err != nil {
				return err
			}
		}
	}
	return nil
}

// scaleLoader writes the synthetic district through prepared statements in one transaction.
type scaleLoader struct {
	ctx   context.Context
	tx    *sql.Tx
	n     int
	rnd   *rand.Rand
	parks []Park
	today time.Time // the day the district is built: its patents are dated up to it
}

// bulk prepares an insert into table and calls fill with a function adding one row.
func (g *scaleLoader) bulk(table string, cols []string, fill func(add func(vals ...any) (int64, error)) error) error {
	q := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) +
		`) RETURNING id`
	st, err := g.tx.PrepareContext(g.ctx, q)
	if err != nil {
		return internal(err, "scale "+table)
	}
	defer st.Close()
	return fill(func(vals ...any) (int64, error) {
		var id int64
		if err := st.QueryRowContext(g.ctx, vals...).Scan(&id); err != nil {
			return 0, internal(err, "scale "+table)
		}
		return id, nil
	})
}

// scaleUSCC is the i-th synthetic company's code: distinct for every i below 31⁶, with a valid check character.
func scaleUSCC(i int) string {
	v := (i*7919 + 104729) % 887503681 // 31⁶; 7919 is prime to 31, so distinct i give distinct codes
	body := []byte("91210200MA")
	for k := 0; k < 7; k++ {
		body = append(body, usccAlphabet[v%31])
		v /= 31
	}
	check, _ := USCCCheckChar(string(body))
	return string(append(body, check))
}

// scaleName is the i-th synthetic company's name: a place, two name parts and a line of business, with the
// number to keep names apart (real districts have companies of the same short name).
func scaleName(i int) string {
	places := []string{"大连", "旅顺", "辽宁", "金州", "甘井子"}
	return fmt.Sprintf("%s%s%s%s有限公司（%d）", places[i%len(places)], sampleNameA[i%len(sampleNameA)],
		sampleNameA[(i/len(sampleNameA))%len(sampleNameA)], sampleNameB[(i/7)%len(sampleNameB)], i+1)
}

func (g *scaleLoader) companies() error {
	return g.bulk("company", []string{"id", "uscc", "name", "legal_rep", "field", "park_id", "address", "phone",
		"founded", "above_scale", "cert_no", "cert_issued", "cert_expires"}, func(add func(...any) (int64, error)) error {
		for i := 0; i < g.n; i++ {
			var park any
			if i%3 != 2 && len(g.parks) > 0 {
				park = g.parks[i%len(g.parks)].ID
			}
			founded := day(1995+i%28, 1+i%12, 1+i%28)
			var certNo string
			var issued, expires any
			if i%4 == 0 { // a quarter hold a high-tech certificate, issued over the last six years
				d := day(ScaleLastYear-5+i%6, 1+i%12, 1+i%28)
				certNo = fmt.Sprintf("GR%d21%06d", d.Year(), i%1_000_000)
				issued, expires = FormatDate(d), FormatDate(d.AddDate(CertificateYears, 0, 0))
			}
			if _, err := add(i+1, scaleUSCC(i), scaleName(i), sampleLeader[i%len(sampleLeader)],
				HighTechFields[i%len(HighTechFields)], park, "辽宁省大连市旅顺口区", fmt.Sprintf("0411-8%07d", i%10_000_000),
				FormatDate(founded), i%5 != 4, certNo, issued, expires); err != nil {
				return err
			}
		}
		return nil
	})
}

func (g *scaleLoader) outputs() error {
	return g.bulk("annual_output", []string{"company_id", "year", "output", "added_value", "revenue", "rd_expense",
		"employees", "rd_staff"}, func(add func(...any) (int64, error)) error {
		for i := 0; i < g.n; i++ {
			base := Yuan(1_000_000 + g.rnd.IntN(200_000_000))
			staff := 10 + g.rnd.IntN(500)
			for y := ScaleLastYear - ScaleYears + 1; y <= ScaleLastYear; y++ {
				base += base * Yuan(g.rnd.IntN(21)-5) / 100 // −5 % to +15 % a year
				added := base * Yuan(15+g.rnd.IntN(20)) / 100
				if _, err := add(i+1, y, base, added, base+base/10, base/25, staff, staff/4); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// scalePatentTitles name the synthetic district's patents, over and over: a million patents are measured, not read.
var scalePatentTitles = map[string][]string{
	"invention": {"一种海参底播增殖方法", "一种微藻油脂提取工艺", "一种甲醇制烯烃催化剂及其制备方法", "一种数控机床热误差补偿方法", "一种高温合金粉末制备方法", "一种海水淡化膜组件", "一种燃料电池双极板", "一种抗菌肽的制备方法"},
	"utility":   {"一种智能投喂装置", "一种温室通风结构", "一种轴承密封装置", "一种水质监测浮标", "一种船用导航终端支架", "一种焊材送丝机构", "一种樱桃分拣装置", "一种储能电池箱"},
	"design":    {"水下机器人外壳", "智能温室控制器", "导航终端", "文创纪念品（蝴蝶）", "航天科普展台", "包装盒（海参）"},
}

// patents writes about ten patents a company, filed over the ten years up to the day the district is built
// (the store's today), so that it passes the program's own check on that day: a utility model or design filed
// ten years before would have reached the end of its term while still recorded as granted. Nothing is granted,
// lapsed or refused after that day; an application whose grant would fall later is still pending.
func (g *scaleLoader) patents() error {
	kinds := []string{"invention", "utility", "utility", "design"}
	today := dateOnly(g.today)
	span := int(today.Sub(today.AddDate(-10, 0, 0)).Hours() / 24) // filed within (today − 10 years, today]
	return g.bulk("patent", []string{"company_id", "app_no", "kind", "title", "filed", "granted", "legal_status",
		"status_date"}, func(add func(...any) (int64, error)) error {
		serial := 0
		for i := 0; i < g.n; i++ {
			for k := 0; k < 10; k++ {
				serial++
				kind := kinds[(i+k)%len(kinds)]
				filed := today.AddDate(0, 0, -g.rnd.IntN(span))
				digits := fmt.Sprintf("%d%c%07d", filed.Year(), patentTypeDigit[kind], serial%10_000_000)
				check, _ := PatentCheckChar(digits)
				titles := scalePatentTitles[kind]
				p := scalePatentHistory(g.rnd.IntN(10), g.rnd.IntN(20), Patent{Kind: kind, Filed: filed}, today)
				if _, err := add(i+1, digits+"."+string(check), kind, titles[(i+k)%len(titles)], FormatDate(filed),
					nullDate(p.Granted), p.LegalStatus, FormatDate(p.StatusDate)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// scalePatentHistory is what became of a synthetic application by today: six in ten granted 4 to 23 months
// after filing (one of those lapsing a year later), one in ten rejected after six months, the rest pending;
// a step that would fall after today has not happened yet, and a patent whose term ended before today is
// recorded as expired on the term's last day, as the register holds it.
func scalePatentHistory(fate, months int, p Patent, today time.Time) Patent {
	p.LegalStatus, p.StatusDate = "pending", p.Filed
	switch gd := p.Filed.AddDate(0, 4+months, 0); {
	case fate < 6 && !gd.After(today):
		p.Granted, p.LegalStatus, p.StatusDate = gd, "granted", gd
		if lapsed := gd.AddDate(1, 0, 0); fate == 0 && !lapsed.After(today) {
			p.LegalStatus, p.StatusDate = "lapsed", lapsed
		}
	case fate == 9 && !p.Filed.AddDate(0, 6, 0).After(today):
		p.LegalStatus, p.StatusDate = "rejected", p.Filed.AddDate(0, 6, 0)
	}
	return recordTermEnd(p, today)
}

func (g *scaleLoader) cooperation() error {
	insts := max(3, g.n/1000)
	if err := g.bulk("institution", []string{"id", "name", "kind", "city"}, func(add func(...any) (int64, error)) error {
		for i := 0; i < insts; i++ {
			name := sampleInstitutions[i%len(sampleInstitutions)].name
			kind := sampleInstitutions[i%len(sampleInstitutions)].kind
			if i >= len(sampleInstitutions) {
				name = fmt.Sprintf("%s（第%d合作单位）", name, i/len(sampleInstitutions)+1)
			}
			if _, err := add(i+1, name, kind, "大连"); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	coops := max(1, g.n/3)
	if err := g.bulk("cooperation", []string{"id", "company_id", "institution_id", "programme", "started", "ended"},
		func(add func(...any) (int64, error)) error {
			for i := 0; i < coops; i++ {
				started := day(ScaleLastYear-6+i%7, 1+i%12, 1+i%28)
				var ended any
				if i%4 == 3 {
					ended = FormatDate(started.AddDate(2, 0, 0))
				}
				if _, err := add(i+1, 1+(i*3)%g.n, 1+i%insts, "万名院士助创", FormatDate(started), ended); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
		return err
	}
	if err := g.bulk("coop_base", []string{"name", "company_id", "institution_id", "established"},
		func(add func(...any) (int64, error)) error {
			for i := 0; i < max(1, g.n/100); i++ {
				if _, err := add(fmt.Sprintf("产学研合作基地（%d）", i+1), 1+(i*3)%g.n, 1+i%insts,
					FormatDate(day(ScaleLastYear-6+i%7, 3, 1))); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
		return err
	}
	kinds := []string{"project", "product"}
	return g.bulk("coop_outcome", []string{"cooperation_id", "kind", "title", "year"},
		func(add func(...any) (int64, error)) error {
			for i := 0; i < max(1, g.n/2); i++ {
				c := i % coops
				year := min(ScaleLastYear-6+c%7+i%2, ScaleLastYear) // in the cooperation's first years
				if _, err := add(1+c, kinds[i%2], sampleTopics[i%len(sampleTopics)]+"合作成果", year); err != nil {
					return err
				}
			}
			return nil
		})
}

func (g *scaleLoader) incubation() error {
	incs := len(sampleIncubators)
	if err := g.bulk("incubator", []string{"id", "name", "level", "address", "area_m2"}, func(add func(...any) (int64, error)) error {
		for i, in := range sampleIncubators {
			if _, err := add(i+1, in.name, in.level, in.address, in.area); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	apps := max(1, g.n/2)
	finals := []string{"signed", "signed", "graduated", "reviewing", "submitted", "approved", "rejected", "withdrawn"}
	var paths [][]string
	var days [][]time.Time
	if err := g.bulk("incubator_application", []string{"id", "incubator_id", "applicant_kind", "applicant", "leader",
		"field", "summary", "submitted", "status", "status_date"}, func(add func(...any) (int64, error)) error {
		for i := 0; i < apps; i++ {
			a := sampleApplication{team: i%5 == 0, final: finals[i%len(finals)]}
			at := day(ScaleLastYear-5+i%6, 1+i%12, 1+i%28)
			switch a.final {
			case "signed":
				a.signed = at
			case "graduated": // three years after signing; those signed lately have not yet
				a.signed, a.final, a.finalDay = at, "graduated", at.AddDate(3, 0, 0)
				if a.finalDay.After(YearEnd(ScaleLastYear)) {
					a.final = "signed"
				}
			default:
				a.finalDay = at
			}
			st, ds := applicationPath(a)
			paths, days = append(paths, st), append(days, ds)
			kind, name := "company", scaleName(g.n+i)
			if a.team {
				kind, name = "team", fmt.Sprintf("%s%s创业团队（%d）", sampleLeader[i%len(sampleLeader)], sampleTopics[i%len(sampleTopics)], i+1)
			}
			last := len(st) - 1
			if _, err := add(i+1, 1+i%incs, kind, name, sampleLeader[i%len(sampleLeader)], HighTechFields[i%len(HighTechFields)],
				sampleTopics[i%len(sampleTopics)]+"方向的研发与产业化", FormatDate(ds[0]), st[last], FormatDate(ds[last])); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	return g.bulk("incubator_application_history", []string{"application_id", "day", "from_status", "to_status", "note",
		"operator"}, func(add func(...any) (int64, error)) error {
		for i, st := range paths {
			from := ""
			for k, s := range st {
				if _, err := add(i+1, FormatDate(days[i][k]), from, s, "", "scale"); err != nil {
					return err
				}
				from = s
			}
		}
		return nil
	})
}

func (g *scaleLoader) plans() error {
	plans := max(1, g.n/5)
	steps := [][]string{{"draft", "submitted"}, {"draft", "submitted", "recommended"},
		{"draft", "submitted", "recommended", "approved"}, {"draft", "submitted", "rejected"},
		{"draft", "submitted", "recommended", "approved", "contracted"}}
	levels := []string{"district", "municipal", "provincial", "national"}
	if err := g.bulk("plan_application", []string{"id", "company_id", "level", "plan", "title", "year", "requested",
		"granted", "status", "status_date"}, func(add func(...any) (int64, error)) error {
		for i := 0; i < plans; i++ {
			st := steps[i%len(steps)]
			year := ScaleLastYear - 4 + i%5
			var granted Yuan
			if st[len(st)-1] == "approved" || st[len(st)-1] == "contracted" {
				granted = Yuan(200_000 + (i%20)*50_000)
			}
			if _, err := add(i+1, 1+(i*7)%g.n, levels[i%len(levels)], "旅顺口区科技计划", sampleTopics[i%len(sampleTopics)]+"研发项目",
				year, Yuan(500_000+(i%30)*50_000), granted, st[len(st)-1],
				FormatDate(day(year, 3, 1).AddDate(0, 0, 20*(len(st)-1)))); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	return g.bulk("plan_application_history", []string{"application_id", "day", "from_status", "to_status", "note",
		"operator"}, func(add func(...any) (int64, error)) error {
		for i := 0; i < plans; i++ {
			from, start := "", day(ScaleLastYear-4+i%5, 3, 1)
			for k, s := range steps[i%len(steps)] {
				if _, err := add(i+1, FormatDate(start.AddDate(0, 0, 20*k)), from, s, "", "scale"); err != nil {
					return err
				}
				from = s
			}
		}
		return nil
	})
}

func (g *scaleLoader) parkProjects() error {
	if len(g.parks) == 0 {
		return nil
	}
	statuses := []string{"planned", "building", "operating", "completed"}
	return g.bulk("park_project", []string{"park_id", "title", "lead", "description", "status", "area_cmu", "investment"},
		func(add func(...any) (int64, error)) error {
			for i := 0; i < max(3, g.n/100); i++ {
				p := g.parks[i%len(g.parks)]
				if _, err := add(p.ID, fmt.Sprintf("%s项目（%d）", sampleTopics[i%len(sampleTopics)], i+1), scaleName(i%g.n),
					"", statuses[i%len(statuses)], 100*(10+i%200), Yuan(1_000_000*(1+i%500))); err != nil {
					return err
				}
			}
			return nil
		})
}
