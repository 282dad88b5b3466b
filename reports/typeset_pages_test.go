package reports

import (
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
