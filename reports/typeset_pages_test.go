package reports

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"scitech/assets"
)

// TestClosingGoesToTheFootOfAnEvenPage sets the 版记 after text that ends on an odd page, on an even page with
// room, and on an even page without room: it always lands at the foot of an even last page (GB/T 9704 7.4); after
// a full even page a blank page comes first, and neither it nor the 版记's page is numbered (7.5).
func TestClosingGoesToTheFootOfAnEvenPage(t *testing.T) {
	t.Parallel()
	para := strings.Repeat("旅顺口区科技服务平台统筹推进产学研合作。", 5) // four lines
	for _, c := range []struct {
		name       string
		paragraphs int // four lines each, 22 lines to a page
		pages      int
		numbered   []bool
	}{
		{"ends on page 1", 2, 2, []bool{true, true}},
		{"ends high on page 2", 7, 2, []bool{true, true}},
		{"fills page 2", 11, 4, []bool{true, true, false, false}},
	} {
		d := newBriefDoc(defaultFonts(t), "test", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
		for range c.paragraphs {
			d.paragraph(para, bodyStyle)
		}
		d.distribution(assets.NewTranslator("zh"), DefaultDistribution("zh"))
		p := d.placement()
		assert.Equal(t, c.pages, p.Pages, c.name)
		var copiesY float64
		for _, r := range p.OnPage(p.Pages) {
			if strings.Contains(r.Text, "共印") {
				copiesY = r.Y
			}
		}
		assert.InDelta(t, textBottom, copiesY, closingPitch, "%s: the 版记 at the foot of the last page", c.name)
		for page := 1; page <= p.Pages && page <= len(c.numbered); page++ {
			number := false
			for _, r := range p.OnPage(page) {
				number = number || r.Y > textBottom+1 && strings.Contains(r.Text, "—")
			}
			assert.Equal(t, c.numbered[page-1], number, "%s: page %d numbered", c.name, page)
		}
	}
}

// TestANoteStaysWithItsTable: a table that ends at the foot of a page with no room for its note under it takes
// its last rows to the next page, under its header repeated, with the note — two rows at least, never the last
// alone; with room, the note follows the table on the same page and nothing moves.
func TestANoteStaysWithItsTable(t *testing.T) {
	t.Parallel()
	note := "注：金额单位为万元，四舍五入保留两位小数；增长按现价计算；“—”表示无上年数据，无法计算。"
	noteSt := paragraphStyle{role: RoleBody, size: tablePt, pitch: linePitch * 0.7, align: "J"}
	for rows := 9; rows <= 15; rows++ {
		d := newBriefDoc(defaultFonts(t), "test", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
		d.y = marginTop + 10*linePitch
		tb := table{cols: []column{{header: "园区", width: 100}, {header: "产值（万元）", width: 56, right: true}}}
		for i := range rows {
			tb.rows = append(tb.rows, []string{"第" + strconv.Itoa(i+1) + "行", "1.00"})
		}
		d.tableWithNote(tb, note, noteSt)
		p := d.placement()
		notePage, lastRowPage, headers, rowsOn := 0, 0, map[int]int{}, map[int]int{}
		for _, r := range p.Runs {
			if strings.HasPrefix(r.Text, "第") && strings.HasSuffix(r.Text, "行") {
				rowsOn[r.Page]++
			}
			switch {
			case strings.HasPrefix(r.Text, "注："):
				notePage = r.Page
			case r.Text == "第"+strconv.Itoa(rows)+"行":
				lastRowPage = r.Page
			case r.Text == "园区":
				headers[r.Page]++
			}
		}
		assert.Equal(t, lastRowPage, notePage, "%d rows: the note is on the page of the table's last row", rows)
		assert.Equal(t, 1, headers[lastRowPage], "%d rows: that page shows the table's header once", rows)
		assert.GreaterOrEqual(t, rowsOn[lastRowPage], 2, "%d rows: the last row is not alone on its page", rows)
	}
}

// TestAHeadingGoesToTheNextPageWithWhatItHeads: a heading with room under it for two lines but not for the chart,
// the table or the subheading and paragraph that follow it goes to the next page with them: a heading never
// ends a page.
func TestAHeadingGoesToTheNextPageWithWhatItHeads(t *testing.T) {
	t.Parallel()
	chart := barChart{categories: []string{"2024", "2025"}, caption: "图1　产值",
		series: []barSeries{{name: "产值", color: chartColors[0], values: []float64{43.5, 47.5}, labels: []string{"43.5", "47.5"}}}}
	tall := table{cols: []column{{header: "园区", width: 30}, {header: "说明", width: 126}},
		rows: [][]string{{"现代海洋产业园", strings.Repeat("重点发展海洋牧场、水产养殖与海洋生物。", 8)}}}
	for name, follow := range map[string]func(d *briefDoc){
		"chart": func(d *briefDoc) { d.barChart(chart) },
		"table": func(d *briefDoc) { d.table(tall) },
		"subheading and paragraph": func(d *briefDoc) {
			d.paragraph("（一）现代海洋产业园", subheadingStyle)
			d.paragraph(strings.Repeat("重点发展海洋牧场、水产养殖与海洋生物。", 3), bodyStyle)
		},
	} {
		d := newBriefDoc(defaultFonts(t), "test", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
		d.y = marginTop + (gridLines-3)*linePitch // three lines left
		d.paragraph("一、高新技术产品产值", headingStyle)
		follow(d)
		p := d.placement()
		headingPage, lastPage := 0, 0
		for _, r := range p.Runs {
			if r.Kind == PlacedText && strings.Contains(r.Text, "高新技术产品产值") {
				headingPage = r.Page
			}
			if r.Y < textBottom {
				lastPage = max(lastPage, r.Page)
			}
		}
		assert.Equal(t, 2, headingPage, "%s: the heading goes to page 2 with what it heads", name)
		assert.Equal(t, 2, lastPage, name)
	}
}

// TestATableDoesNotStartWithOneRowAtAPagesFoot: a table with room at the foot of a page for its header and one
// row, not two, starts on the next page (as the English output brief's table by field did, its first row alone
// under the header at the foot of page 1).
func TestATableDoesNotStartWithOneRowAtAPagesFoot(t *testing.T) {
	t.Parallel()
	for _, free := range []float64{2.2, 2.6, 3.5} { // room, in rows of the table, for the header and rows
		d := newBriefDoc(defaultFonts(t), "test", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
		tb := table{cols: []column{{header: "园区", width: 100}, {header: "产值", width: 56, right: true}}}
		for i := range 6 {
			tb.rows = append(tb.rows, []string{"第" + strconv.Itoa(i+1) + "行", "1.00"})
		}
		d.y = textBottom - free*d.rowHeight([][]string{{"园区"}})
		d.table(tb)
		p := d.placement()
		rowsOn := map[int]int{}
		for _, r := range p.Runs {
			if strings.HasPrefix(r.Text, "第") {
				rowsOn[r.Page]++
			}
		}
		assert.NotEqual(t, 1, rowsOn[1], "room for %.1f rows: not one row alone on page 1 (%v)", free, rowsOn)
		assert.Equal(t, 6, rowsOn[1]+rowsOn[2], "room for %.1f rows: every row set", free)
	}
}
