package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

func TestBaseListOpensABasePage(t *testing.T) {
	w := newCoopWorld(t)
	s := newBaseScreen(w.env, w.st, w.win)
	w.show(s.build())
	open := findButton(w.win.Canvas().Content(), "查看")
	require.NotNil(t, open, "the 合作基地 list has 查看 like the other lists")
	assert.True(t, open.Disabled(), "nothing selected, nothing to open")
	s.list.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(open)
	p := s.page
	require.NotNil(t, p, "查看 opens the base's page in the list's place")
	assert.Equal(t, "海洋材料联合研发基地", p.title.Text)
	assert.Equal(t, 1, p.coops.count, "the page lists the cooperations of the base's company with its institution")
	assert.Equal(t, "万名院士助创行动", p.coops.cellText(0, 0))
	test.Tap(p.backBtn)
	assert.Nil(t, s.page)
	assert.Equal(t, "共 1 条", s.list.countLabel.Text, "back to the list")
}

func TestBaseListYearFilterCountsAsTheDashboard(t *testing.T) {
	w := newCoopWorld(t)
	later := data.CoopBase{Name: "蓝海生物联合实验室", CompanyID: w.blue.ID, InstitutionID: w.dicp.ID,
		Established: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
	require.NoError(t, w.st.CreateCoopBase(bg(), &later))
	s := newBaseScreen(w.env, w.st, w.win)
	w.show(s.build())
	year := s.list.filters["year"]
	require.NotNil(t, year, "the 合作基地 list has a year filter")
	assert.Equal(t, []string{"全部", "2026", "2025", "2024", "2023", "2022"}, year.Options, "from the first base's year to this one")
	for y, n := range map[string]int{"2022": 1, "2023": 1, "2024": 2, "2026": 2} {
		year.SetSelected(y)
		assert.Equal(t, n, s.list.count, "the bases existing at the end of %s", y)
		yy, _ := time.Parse("2006", y)
		st, err := w.st.Stats(bg(), yy.Year())
		require.NoError(t, err)
		assert.Equal(t, st.CoopBases, s.list.count, "as many as the dashboard counts for %s", y)
	}
}
