package reports

import (
	"cmp"
	"io"
	"slices"
	"strconv"
	"strings"

	"scitech/assets"
	"scitech/data"
)

// WriteWorkBriefPDF writes the work brief as a GB/T 9704 简报: red header, title, an opening sentence, then one
// section each on output, cooperation, incubators, patents and the parks, a closing paragraph, and the
// distribution lines. Nothing is written when a character has no font (the error is a *MissingCharsError).
func WriteWorkBriefPDF(w io.Writer, b WorkBrief) error {
	return writeText(w, &b)
}

func (b *WorkBrief) year() int { return b.Stats.Year }

// textParts: the work brief is all words.
func (b *WorkBrief) textParts(*assets.Translator) map[string]textPart { return nil }

func (b *WorkBrief) editedText() **BriefText { return &b.edited }

// parts: the work brief is all words.
func (b *WorkBrief) parts() []string { return nil }

// madeText is the work brief's text from its figures and names, in the order of the published article.
func (b *WorkBrief) madeText(t *assets.Translator) BriefText {
	wt := workText{t: t, b: *b}
	bt := newText(t, b.Stats.Year, "brief.work.title", "brief.work.subtitle")
	bt.add(BlockParagraph, t.T("brief.work.intro", map[string]any{"Year": b.Stats.Year}))
	for _, s := range []struct{ heading, body string }{
		{"brief.work.h.output", wt.output()},
		{"brief.work.h.coop", wt.cooperation()},
		{"brief.work.h.incubators", wt.incubators()},
		{"brief.work.h.patents", wt.patents()},
	} {
		bt.add(BlockHeading, t.T(s.heading))
		bt.add(BlockParagraph, s.body)
	}
	bt.add(BlockHeading, t.T("brief.work.h.parks", map[string]any{"Label": wt.parksLabel()}))
	bt.add(BlockParagraph, wt.parksLead())
	for i, p := range b.Parks {
		bt.add(BlockSubheading, ordinal(t, i+1)+p.Park.Name)
		bt.add(BlockParagraph, wt.park(p))
	}
	bt.add(BlockParagraph, wt.closing())
	return bt.BriefText
}

// ordinal is the label of a sub-heading: （一） in Chinese, (1) otherwise.
func ordinal(t *assets.Translator, n int) string {
	if t.Lang == "zh" {
		if n <= 10 {
			return "（" + []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}[n-1] + "）"
		}
		return "（" + strconv.Itoa(n) + "）"
	}
	return "(" + strconv.Itoa(n) + ") "
}

// workText writes the work brief's paragraphs from its figures and names.
type workText struct {
	t *assets.Translator
	b WorkBrief
}

func (w workText) money(y data.Yuan) string {
	if w.t.Lang == "zh" {
		return y.Yi()
	}
	return y.Billion()
}

// output: the year's output and added value, their change against the year before, and the high-tech
// enterprises.
func (w workText) output() string {
	st, t := w.b.Stats, w.t
	change := t.T("brief.output.no_prev", map[string]any{"Prev": st.Year - 1})
	if st.OutputGrowth.Valid || st.AddedValueGrowth.Valid {
		change = t.T("brief.output.change", map[string]any{"Prev": st.Year - 1,
			"Output": changePhrase(t, st.OutputGrowth), "Added": changePhrase(t, st.AddedValueGrowth)})
	}
	return sentences(t, t.T("brief.work.output", map[string]any{"Year": st.Year, "Output": w.money(st.Output),
		"Added": w.money(st.AddedValue)}), change,
		t.T("brief.output.hightech", map[string]any{"Year": st.Year, "N": st.HighTechEnterprises}))
}

// cooperation: the programme, the companies and institutions with the named partners, bases and outcomes.
func (w workText) cooperation() string {
	st, t := w.b.Stats, w.t
	args := map[string]any{"Year": st.Year, "Companies": st.CoopCompanies, "Institutions": st.CoopInstitutions,
		"Bases": st.CoopBases, "Outcomes": st.CoopOutcomes, "Programme": w.b.Programme}
	if st.CoopCompanies == 0 {
		return t.T("brief.work.coop.none", args)
	}
	var named []string
	for _, p := range w.b.Partners[:min(PartnersNamed, len(w.b.Partners))] {
		named = append(named, p.Name)
	}
	args["Partners"] = listNames(t, named)
	key := "brief.work.coop.all"
	if st.CoopInstitutions > len(named) {
		key = "brief.work.coop.some"
	}
	s := t.T(key, args)
	if st.CoopBases > 0 || st.CoopOutcomes > 0 {
		s += t.T("brief.work.coop.results", args)
	} else {
		s += t.T("brief.work.coop.no_results")
	}
	if w.b.Programme != "" {
		s = t.T("brief.work.coop.programme", args) + s
	}
	return s
}

// incubators: the teams introduced and where, the companies signed, the plan applicants.
func (w workText) incubators() string {
	st, t := w.b.Stats, w.t
	args := map[string]any{"Year": st.Year, "Teams": st.TeamsIntroduced, "Signed": st.IncubatorSigned,
		"Plan": st.PlanApplicants}
	teams := t.T("brief.work.teams.none", args)
	if st.TeamsIntroduced > 0 {
		names := w.b.Incubators[:min(PartnersNamed, len(w.b.Incubators))]
		args["Incubators"] = listNames(t, names)
		key := "brief.work.teams"
		if len(w.b.Incubators) > len(names) {
			key = "brief.work.teams.more"
		}
		teams = t.T(key, args)
	}
	return sentences(t, t.T("brief.work.incubators.lead"), teams, t.T(noneKey("brief17.work.signed", st.IncubatorSigned), args),
		t.T(noneKey("brief.work.plan", st.PlanApplicants), args))
}

// noneKey is the text of a figure, or its ".none" variant when the figure is zero: a brief says "no company
// applied" rather than "0 companies applied".
func noneKey(key string, n int) string {
	if n == 0 {
		return key + ".none"
	}
	return key
}

func (w workText) patents() string {
	st := w.b.Stats
	key := "brief.work.patents"
	if st.PatentApplications == 0 && st.PatentGrants == 0 {
		key += ".none"
	}
	return w.t.T(key, map[string]any{"Year": st.Year, "Apps": st.PatentApplications,
		"Grants": st.PatentGrants, "Valid": st.PatentsValid})
}

// parksLabel names the parks by their kinds, as the district calls them: 两园一廊.
func (w workText) parksLabel() string {
	var parts []string
	for _, g := range w.parkGroups() {
		if g.label != "" {
			parts = append(parts, g.label)
		}
	}
	if len(parts) == 0 {
		return w.t.T("brief.work.parks.plain")
	}
	return strings.Join(parts, w.t.T("brief.work.parks.join"))
}

// parkGroup is the parks of one kind under the district's name for them (两园, 一廊); parks of another kind
// have no such name.
type parkGroup struct {
	label string
	names []string
}

// parkGroups are the gardens, the galleries and the other parks, each group with parks in it.
func (w workText) parkGroups() []parkGroup {
	var groups []parkGroup
	for _, k := range []struct{ kind, one, many string }{
		{"garden", "brief.work.parks.garden", "brief.work.parks.gardens"},
		{"gallery", "brief.work.parks.gallery", "brief.work.parks.galleries"},
		{"", "", ""},
	} {
		var g parkGroup
		for _, p := range w.b.Parks {
			other := p.Park.Kind != "garden" && p.Park.Kind != "gallery"
			if p.Park.Kind == k.kind || (k.kind == "" && other) {
				g.names = append(g.names, p.Park.Name)
			}
		}
		switch {
		case len(g.names) == 0:
			continue
		case k.kind == "":
		case len(g.names) == 1:
			g.label = w.t.T(k.one, map[string]any{"N": countWord(w.t, 1)})
		default:
			g.label = w.t.T(k.many, map[string]any{"N": countWord(w.t, len(g.names))})
		}
		groups = append(groups, g)
	}
	return groups
}

// andNames lists names closing with "and": 甲和乙, 甲、乙和丙; A and B, A, B and C. (A list followed by 等
// keeps 、 throughout: listNames.)
func andNames(t *assets.Translator, names []string) string {
	if len(names) < 2 || t.Lang != "zh" {
		return listNames(t, names)
	}
	return strings.Join(names[:len(names)-1], "、") + "和" + names[len(names)-1]
}

// parksLead names the parks as the published article does: “两园”即…和…，“一廊”即….
func (w workText) parksLead() string {
	groups := w.parkGroups()
	if len(groups) == 0 {
		return w.t.T("brief.work.parks.none")
	}
	var parts []string
	for _, g := range groups {
		key := "brief17.work.parks.group"
		if g.label == "" {
			key = "brief17.work.parks.other"
		}
		parts = append(parts, w.t.T(key, map[string]any{"Label": g.label, "N": len(g.names),
			"Parks": andNames(w.t, g.names)}))
	}
	sep := "，"
	if w.t.Lang != "zh" {
		sep = "; "
	}
	return w.t.T("brief17.work.parks.lead", map[string]any{"Label": w.parksLabel(), "Groups": strings.Join(parts, sep)})
}

// park: the park's focus, then its projects as sentences — who leads each and how far it has come — and
// what they invest, as the published article tells of the parks.
func (w workText) park(p WorkPark) string {
	t := w.t
	var s string
	if p.Park.Focus != "" {
		s = t.T("brief17.work.park.focus", map[string]any{"Park": p.Park.Name, "Focus": p.Park.Focus})
	}
	if len(p.Projects) == 0 {
		return sentences(t, s, t.T("brief.work.park.no_projects"))
	}
	var items []string
	var invest data.Yuan
	for _, pr := range p.Projects {
		invest += pr.Investment
	}
	for _, pr := range namedProjects(p.Projects) {
		items = append(items, w.project(pr))
	}
	sep := "；"
	if t.Lang != "zh" {
		sep = "; "
	}
	args := map[string]any{"N": len(p.Projects), "List": strings.Join(items, sep), "Invest": w.money(invest)}
	key := "brief17.work.park.projects"
	if invest == 0 {
		key = "brief17.work.park.projects.no_invest"
	}
	if len(p.Projects) == 1 {
		key = "brief17.work.park.project"
	}
	return sentences(t, s, t.T(key, args))
}

// project is a project in words: "大连海宝渔业有限公司牵头的海洋牧场建设项目已投入运营，面积45000亩". The area is
// left out when the title says it already (3000亩农业设施改造项目).
func (w workText) project(pr data.ParkProject) string {
	t := w.t
	area := pr.Area.String()
	if strings.Contains(area, ".") {
		area = strings.TrimSuffix(strings.TrimRight(area, "0"), ".")
	}
	args := map[string]any{"Title": pr.Title, "Lead": pr.Lead, "Status": t.T("brief17.work.status." + pr.Status),
		"Area": area}
	key := "brief17.work.project"
	if pr.Lead == "" {
		key = "brief17.work.project.nolead"
	}
	s := t.T(key, args)
	if pr.Area > 0 && !strings.Contains(pr.Title, area) {
		s += t.T("brief17.work.project.area", args)
	}
	return s
}

// closing ends the brief: the year's output in a word, and what the bureau does next.
func (w workText) closing() string {
	st, t := w.b.Stats, w.t
	if !st.OutputGrowth.Valid {
		return t.T("brief17.work.closing.plain", map[string]any{"Year": st.Year})
	}
	return t.T("brief17.work.closing", map[string]any{"Year": st.Year, "Change": changePhrase(t, st.OutputGrowth)})
}

// ProjectsNamed is how many projects of a park the work brief names; a park with more names its largest by
// investment and gives the count of all (the brief's workbook lists every project).
const ProjectsNamed = 5

// namedProjects picks the projects a park's paragraph names: all of them when there are few, else the
// ProjectsNamed largest by investment, in the order the store gives them.
func namedProjects(all []data.ParkProject) []data.ParkProject {
	if len(all) <= ProjectsNamed {
		return all
	}
	idx := make([]int, len(all))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(all[b].Investment, all[a].Investment) })
	idx = idx[:ProjectsNamed]
	slices.Sort(idx)
	out := make([]data.ParkProject, len(idx))
	for i, k := range idx {
		out[i] = all[k]
	}
	return out
}
