package app

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
)

// storeChecks are the checks of every company as the store makes them (what `scitech policy --json` prints).
func storeChecks(t *testing.T, st *data.Store, p data.Policy, year int) map[string]data.PolicyCheck {
	t.Helper()
	checks := map[string]data.PolicyCheck{}
	require.NoError(t, st.PolicyChecks(bg(), p, year, "", func(pc *data.PolicyCheck) error {
		checks[pc.USCC] = *pc
		return nil
	}))
	return checks
}

// listVerdicts are the USCC and verdict of every row the policy list shows.
func listVerdicts(t *testing.T, s *policyScreen) map[string]string {
	t.Helper()
	rows := map[string]string{}
	for i := 0; i < s.list.count; i++ {
		rows[s.list.cellText(i, 1)] = s.list.cellText(i, 2)
	}
	return rows
}

// choosePolicy picks a policy and year in the section's selects, as a clerk does.
func choosePolicy(t *testing.T, s *policyScreen, p data.Policy, year int) {
	t.Helper()
	s.policy.SetSelectedIndex(slices.Index(checkupPolicies, p))
	s.year.SetSelected(fmt.Sprint(year))
	require.Equal(t, year, func() int { _, y := s.chosen(); return y }())
}

// cell is a check-up cell's text without its spaces and line breaks: a long clause wraps onto more lines at a
// space. Compare it with nospace of the text expected.
func cell(l *recordList[data.PolicyLine], row, col int) string { return nospace(l.cellText(row, col)) }

func nospace(s string) string { return strings.Join(strings.Fields(s), "") }

// The 政策服务 list shows every company of the sample with the verdict the store gives it, for both policies;
// the verdict filter keeps exactly that verdict's companies, the search narrows by name, and the export holds
// what the list shows.
func TestPolicyListShowsTheSampleVerdicts(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.policy")
	s := u.policy
	for _, p := range checkupPolicies {
		choosePolicy(t, s, p, 2025)
		want := storeChecks(t, st, p, 2025)
		require.NotEmpty(t, want)
		got := listVerdicts(t, s)
		require.Len(t, got, len(want), "%s: one row per company", p)
		counts := map[data.Verdict]int{}
		for uscc, pc := range want {
			assert.Equal(t, zh.T("policy.verdict."+string(pc.Verdict)), got[uscc], "%s %s", p, pc.Name)
			counts[pc.Verdict]++
		}
		for v, n := range counts {
			s.selectVerdict(v)
			assert.Equal(t, n, s.list.count, "%s: filtered by %s", p, v)
			for i := 0; i < s.list.count; i++ {
				assert.Equal(t, zh.T("policy.verdict."+string(v)), s.list.cellText(i, 2))
			}
		}
		s.list.filters["verdict"].SetSelected(zh.T("policyui.candidates"))
		assert.Equal(t, counts[data.VerdictMeets]+counts[data.VerdictPossible]+counts[data.VerdictNear], s.list.count,
			"%s: the candidates", p)
		s.list.filters["verdict"].SetSelectedIndex(0)
		assert.Equal(t, len(want), s.list.count, "all again")
	}
	test.Type(s.list.search, "海宝")
	require.Equal(t, 1, s.list.count)
	assert.Equal(t, "大连海宝渔业有限公司", s.list.cellText(0, 0))
	rows := exportList(t, s.list)
	require.Len(t, rows, 2)
	assert.Equal(t, zh.T("policyui.col.verdict"), rows[0][2])
	assert.Equal(t, "大连海宝渔业有限公司", rows[1][0])
}

// Sorting by score puts the highest maximum first when reversed, and the default order is best verdict first.
func TestPolicyListSortsByVerdictAndScore(t *testing.T) {
	u, _ := newTestUI(t, true)
	u.ShowSection("nav.policy")
	s := u.policy
	choosePolicy(t, s, data.PolicyGaoqi, 2025)
	order := func() []policySummary {
		rows, err := s.page(listQuery{Sort: s.list.query.Sort, Desc: s.list.query.Desc, Filters: s.list.query.Filters})
		require.NoError(t, err)
		return rows
	}
	rows := order()
	for i := 1; i < len(rows); i++ {
		assert.LessOrEqual(t, verdictOrder(rows[i-1].Verdict), verdictOrder(rows[i].Verdict), "best verdict first")
	}
	s.list.onSort(policySortScore)
	s.list.onSort(policySortScore) // tapped twice: descending
	rows = order()
	for i := 1; i < len(rows); i++ {
		assert.GreaterOrEqual(t, rows[i-1].ScoreMin, rows[i].ScoreMin, "highest score first")
	}
	assert.Equal(t, scoreText(rows[0]), s.list.cellText(0, 3))
}

// A row opens the company's 政策体检: for each policy one line per rule, whose clause, threshold, ratio, verdict
// and figures are those of the store's check (the JSON the CLI prints).
func TestPolicyCheckupLinesMatchTheStoresCheck(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.policy")
	s := u.policy
	test.Type(s.list.search, "海宝")
	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.openBtn)
	c := s.checkup
	require.NotNil(t, c)
	require.Len(t, c.lists, len(checkupPolicies))
	assert.Contains(t, c.title.Text, "大连海宝渔业有限公司")
	declared, shownDeclared := 0, 0
	for i, p := range checkupPolicies {
		want, err := st.PolicyCheckOf(bg(), p, 2025, "91210212MA07TC0001")
		require.NoError(t, err)
		l := c.lists[i]
		require.Equal(t, len(want.Lines), l.count, "%s: a line per rule", p)
		for row, line := range want.Lines {
			assert.Equal(t, nospace(zh.T("policyui.rule."+line.Rule)), cell(l, row, 0))
			assert.Equal(t, nospace(line.Clause), cell(l, row, 1))
			assert.Equal(t, nospace(line.Threshold), cell(l, row, 2))
			assert.Equal(t, line.Ratio, cell(l, row, 4))
			assert.Equal(t, zh.T("policy.verdict."+string(line.Verdict)), cell(l, row, 5))
			for _, f := range line.Figures {
				value := fmt.Sprint(f.Value)
				if f.Unit == "yuan" {
					value = data.Yuan(f.Value).Wan() + "万元" // an amount in 万元, as every amount of the window
				}
				assert.Contains(t, cell(l, row, 3), value, "%s %s", line.Rule, f.Field)
				if slices.Contains(line.Declared, f.Year) {
					declared++
				}
			}
			// A figure of a year without an output row says it is the company's declared figure.
			assert.Equal(t, declared-shownDeclared, strings.Count(cell(l, row, 3), nospace(zh.T("policyui.declared_mark"))),
				"%s: each declared figure marked", line.Rule)
			shownDeclared = declared
			if line.Reason != "" && line.Reason != "missing" {
				assert.Contains(t, cell(l, row, 6), nospace(zh.T("policy.reason."+line.Reason)))
			}
			if len(line.Missing) > 0 {
				assert.Contains(t, cell(l, row, 6), nospace(u.env.policyFields(line.Missing)))
			}
		}
		assert.Contains(t, c.tabs.Items[i].Text, zh.T("policy.verdict."+string(want.Verdict)))
	}
	assert.NotZero(t, declared, "the sample's 2023 figures of this company are declared ones")
	test.Tap(findButton(u.win.Content(), zh.T("policyui.back")))
	assert.False(t, s.view.paged, "back to the list")
}

// A figure typed on the output form changes the company's verdict in the list once the list is shown again:
// 总资产 is all the sample lacks for a 科小 verdict of some companies.
func TestPolicyVerdictFollowsTheOutputForm(t *testing.T) {
	u, st := newTestUI(t, true)
	var uscc, name string
	for _, pc := range storeChecks(t, st, data.PolicyKexiao, 2025) {
		if pc.Verdict == data.VerdictMissing && slices.Equal(pc.Missing, []string{"annual_output.total_assets"}) {
			uscc, name = pc.USCC, pc.Name
			break
		}
	}
	require.NotEmpty(t, uscc, "a company lacking only its total assets for 科小")
	u.ShowSection("nav.policy")
	choosePolicy(t, u.policy, data.PolicyKexiao, 2025)
	require.Equal(t, zh.T("policy.verdict.missing"), listVerdicts(t, u.policy)[uscc])

	u.ShowSection("nav.companies")
	l := u.companies.list
	test.Type(l.search, uscc)
	l.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(l.openBtn)
	p := u.companies.page
	require.Equal(t, name, p.company.Name)
	p.table.Select(widget.TableCellID{Row: 0, Col: 0}) // 2025
	test.Tap(p.editOutBtn)
	f := p.outForm
	require.Equal(t, "2025", f.year.Text)
	test.Type(f.policyYuan["total_assets"], "1000")
	test.Tap(f.saveBtn)

	u.ShowSection("nav.policy")
	choosePolicy(t, u.policy, data.PolicyKexiao, 2025)
	after, err := st.PolicyCheckOf(bg(), data.PolicyKexiao, 2025, uscc)
	require.NoError(t, err)
	require.NotEqual(t, data.VerdictMissing, after.Verdict)
	assert.Equal(t, zh.T("policy.verdict."+string(after.Verdict)), listVerdicts(t, u.policy)[uscc])
}

// In English the section, its columns, verdicts and thresholds read in English; in Chinese the thresholds are
// the rule set's own text, which the translation file repeats only for checking it has not drifted.
func TestPolicyScreenInEnglish(t *testing.T) {
	en := assets.NewTranslator("en")
	rs, err := data.RuleSetFor(data.PolicyGaoqi, 2025)
	require.NoError(t, err)
	for _, p := range checkupPolicies {
		rs, err := data.RuleSetFor(p, 2025)
		require.NoError(t, err)
		for _, r := range rs.Rules {
			assert.Equal(t, r.Threshold, zh.T("policyui.threshold."+r.ID), "zh threshold of %s", r.ID)
			assert.True(t, en.Has("policyui.threshold."+r.ID), r.ID)
			assert.True(t, en.Has("policyui.rule."+r.ID), r.ID)
		}
	}
	u, _ := newTestUI(t, true)
	u.env = u.env.inLanguage("en")
	s := newPolicyScreen(u.env, u.store, u.win)
	u.win.SetContent(s.build())
	u.win.Resize(fyne.NewSize(1280, 760))
	assert.Equal(t, "High-tech enterprise", s.policy.Selected)
	assert.Equal(t, "Verdict", en.T(s.list.cfg.Columns[2].Key))
	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.openBtn)
	c := s.checkup
	require.NotNil(t, c)
	assert.Equal(t, nospace(en.T("policyui.threshold."+rs.Rules[0].ID)), cell(c.lists[0], 0, 2))
	assert.NotContains(t, cell(c.lists[0], 0, 0), "注册")
}

// The check-up's 体检函 button writes the one-page letter of both checks: read back, it names the company and
// states its figures and each policy's verdict; the Excel button writes a workbook.
func TestPolicyCheckupWritesTheLetter(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.policy")
	s := u.policy
	test.Type(s.list.search, "海宝")
	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(s.list.openBtn)
	c := s.checkup
	require.False(t, c.pdfBtn.Disabled())
	path := filepath.Join(t.TempDir(), "letter.pdf")
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	c.writeLetter(w, letterPDF)
	require.Equal(t, path, c.written)
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	require.NoError(t, err)
	text := nospace(string(out))
	assert.Contains(t, text, "大连海宝渔业有限公司")
	kx, err := st.PolicyCheckOf(bg(), data.PolicyKexiao, 2025, "91210212MA07TC0001")
	require.NoError(t, err)
	assert.Contains(t, text, zh.T("policy.verdict."+string(kx.Verdict)))
	assert.Contains(t, text, fmt.Sprint(kx.Lines[0].Figures[0].Value), "the staff count")

	xlsx := filepath.Join(t.TempDir(), "letter.xlsx")
	w, err = storage.Writer(storage.NewFileURI(xlsx))
	require.NoError(t, err)
	c.writeLetter(w, letterXLSX)
	f, err := excelize.OpenFile(xlsx)
	require.NoError(t, err)
	defer f.Close()
	assert.Len(t, f.GetSheetList(), len(checkupPolicies), "a sheet per policy")
}

// The dashboard's 高企 radar counts what the store's radar gives as of today (certificates running out this year
// and next, reports not recorded), each line opening its companies; its candidates line names the closest and
// opens the 政策服务 list filtered to the candidates.
func TestDashboardRadarOpensItsCompanies(t *testing.T) {
	u, st := newTestUI(t, true)
	r := u.home.radar
	require.NotNil(t, r)
	want, err := st.PolicyRadar(bg(), testDay)
	require.NoError(t, err)
	lines := map[string][]data.RadarCompany{"radar.expiring_this_year": want.ExpiringThisYear,
		"radar.expiring_next_year": want.ExpiringNextYear, "radar.report_missing": want.ReportMissing, "radar.at_risk": want.StatusAtRisk}
	shown := labelTexts(r.box)
	for _, h := range r.links {
		shown = append(shown, h.Text)
	}
	for key, cs := range lines {
		text := zh.T(key, map[string]any{"N": len(cs), "Year": testDay.Year()})
		assert.Contains(t, shown, text)
		if len(cs) == 0 {
			continue
		}
		tapLink(r.links[key])
		require.Equal(t, len(cs), r.dialogList.Length(), key)
		assert.Contains(t, r.companyLine(cs[0]), cs[0].Name)
		r.dialogList.Select(0) // a row opens the company's page
		require.NotNil(t, u.companies.page, key)
		assert.Equal(t, cs[0].ID, u.companies.page.company.ID, key)
		u.ShowSection("nav.home")
		r = u.home.radar
	}
	// An earlier certificate running out names the day the company was recognised again: in 2025 the
	// certificates of 2022 run out, some of their companies recognised again that year.
	in2025, err := st.PolicyRadar(bg(), time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	renewed := 0
	for _, c := range in2025.ExpiringThisYear {
		if !c.Renewed.IsZero() {
			renewed++
			assert.Contains(t, r.companyLine(c), zh.T("radar.renewed", map[string]any{"Date": data.FormatDate(c.Renewed)}), c.Name)
		} else {
			assert.NotContains(t, r.companyLine(c), "重新认定", c.Name)
		}
	}
	assert.NotZero(t, renewed, "the sample has companies recognised again in 2025")

	pool := 0
	for _, pc := range storeChecks(t, st, data.PolicyGaoqi, 2025) {
		if keepVerdict(candidatesFilter, pc.Verdict) {
			pool++
		}
	}
	assert.Equal(t, pool, r.pool)
	assert.Equal(t, zh.T("radar.hint", map[string]any{"Year": 2025}), r.card.Subtitle)
	if pool == 0 {
		assert.Contains(t, labelTexts(r.box), zh.T("radar.no_candidates"))
		return
	}
	tapLink(r.links["radar.candidates"])
	s := u.policy
	assert.Equal(t, pool, s.list.count, "the list of the candidates")
	assert.Equal(t, zh.T("policyui.candidates"), s.list.filters["verdict"].Selected)
	require.Len(t, r.candidates, min(pool, radarShown))
	for i, c := range r.candidates {
		assert.Equal(t, c.Name, s.list.cellText(i, 0), "closest first, as the card names them")
	}
}

// The list's 培育库 buttons write the 高企培育库 of the year chosen: the PDF says how many companies were checked
// and names the candidates (or that there are none); the workbook has the pool's sheet.
func TestPolicyListWritesThePool(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.policy")
	s := u.policy
	want := storeChecks(t, st, data.PolicyGaoqi, 2025)
	path := filepath.Join(t.TempDir(), "pool.pdf")
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	s.writePool(w, poolPDF, 2025)
	require.Equal(t, path, s.written)
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	require.NoError(t, err)
	text := nospace(string(out))
	assert.Contains(t, text, nospace(zh.T("policy_letter.pool.title", map[string]any{"Year": 2025})))
	pool := 0
	for _, pc := range want {
		if keepVerdict(candidatesFilter, pc.Verdict) {
			pool++
			assert.Contains(t, text, pc.Name)
		}
	}
	if pool > 0 {
		assert.Contains(t, text, fmt.Sprintf("%d家企业", len(want)), "how many were checked")
	} else {
		assert.Contains(t, text, nospace(zh.T("policy_letter.pool.none", map[string]any{"Year": 2025})))
	}

	xlsx := filepath.Join(t.TempDir(), "pool.xlsx")
	w, err = storage.Writer(storage.NewFileURI(xlsx))
	require.NoError(t, err)
	s.writePool(w, poolXLSX, 2025)
	f, err := excelize.OpenFile(xlsx)
	require.NoError(t, err)
	defer f.Close()
	assert.Contains(t, f.GetSheetList(), zh.T("policy_letter.pool.sheet"))
}

// A 科小 company recognised directly (a 高企 certificate, an award…) says so in the score column, which would
// otherwise stand empty beside 符合.
func TestPolicyListNamesDirectRecognition(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.policy")
	s := u.policy
	choosePolicy(t, s, data.PolicyKexiao, 2025)
	direct := 0
	for uscc, pc := range storeChecks(t, st, data.PolicyKexiao, 2025) {
		for _, l := range pc.Lines {
			if strings.HasPrefix(l.Reason, "direct_") {
				direct++
				test.Type(s.list.search, uscc)
				require.Equal(t, 1, s.list.count)
				assert.Equal(t, zh.T("policyui.direct"), s.list.cellText(0, 3), pc.Name)
				s.list.search.SetText("")
			}
		}
	}
	require.NotZero(t, direct, "the sample has companies recognised directly")
}

// A company's page opens its 政策体检 for the latest year of output, the same lines as the 政策服务 list's, and
// 返回 comes back to the page.
func TestCompanyPageOpensItsPolicyCheckup(t *testing.T) {
	u, st := newTestUI(t, true)
	u.ShowSection("nav.companies")
	c, err := st.CompanyByUSCC(bg(), "91210212MA07TC0001")
	require.NoError(t, err)
	u.companies.openPage(c)
	p := u.companies.page
	test.Tap(findButton(u.win.Content(), zh.T("policyui.open_checkup")))
	require.NotNil(t, p.checkup)
	require.Len(t, p.checkup.lists, len(checkupPolicies))
	for i, pol := range checkupPolicies {
		want, err := st.PolicyCheckOf(bg(), pol, 2025, c.USCC)
		require.NoError(t, err)
		assert.Equal(t, len(want.Lines), p.checkup.lists[i].count, "%s: a line per rule of 2025, the latest year", pol)
		assert.Contains(t, p.checkup.tabs.Items[i].Text, zh.T("policy.verdict."+string(want.Verdict)))
	}
	test.Tap(findButton(u.win.Content(), zh.T("policyui.back_to_company")))
	assert.Same(t, p, u.companies.page, "back on the company's page")
	assert.NotNil(t, findButton(u.win.Content(), zh.T("company.edit")), "its buttons shown again")
}
