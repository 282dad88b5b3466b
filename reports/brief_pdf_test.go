package reports

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// longTableDoc is a document with a table long enough to run over several pages.
func longTableDoc(t *testing.T, rows int) string {
	d := newBriefDoc(defaultFonts(t), "test", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
	d.paragraph("表格测试", headingStyle)
	tb := table{cols: []column{{header: "表头甲", width: 100}, {header: "数额（万元）", width: 56, right: true}},
		totals: map[int]bool{rows: true}}
	for i := 1; i <= rows; i++ {
		name := fmt.Sprintf("第%d行", i)
		if i%7 == 0 {
			name += "，这一行的名称特别长，需要在单元格内折成两行才能放下全部文字"
		}
		tb.rows = append(tb.rows, []string{name, strconv.Itoa(i*1000) + ".00"})
	}
	tb.rows = append(tb.rows, []string{"合计", "1.00"})
	d.table(tb)
	var buf bytes.Buffer
	require.NoError(t, d.finish(&buf))
	path := filepath.Join(t.TempDir(), "table.pdf")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}

// pages turns a PDF into the text of each page (pdftotext ends every page with a form feed).
func pages(t *testing.T, path string) []string {
	t.Helper()
	p := strings.Split(pdfText(t, path), "\f")
	return p[:len(p)-1]
}

func TestTableRepeatsItsHeaderAndKeepsRowsWhole(t *testing.T) {
	const rows = 60
	path := longTableDoc(t, rows)
	seen := map[string]int{}
	rowName := regexp.MustCompile(`第(\d+)行`)
	texts := pages(t, path)
	require.GreaterOrEqual(t, len(texts), 3)
	for p, text := range texts {
		assert.Contains(t, text, "表头甲", "page %d repeats the header", p+1)
		assert.Equal(t, strings.Count(text, "特别长"), strings.Count(text, "全部文字"),
			"page %d: a two-line row stays on one page", p+1)
		for _, m := range rowName.FindAllString(text, -1) {
			seen[m]++
		}
	}
	for i := 1; i <= rows; i++ {
		assert.Equal(t, 1, seen[fmt.Sprintf("第%d行", i)], "row %d appears once, on one page", i)
	}
}

func TestPageNumbersAlternateSides(t *testing.T) {
	texts := pages(t, longTableDoc(t, 60))
	indent := func(page int) int {
		for _, line := range strings.Split(texts[page-1], "\n") {
			if strings.Contains(line, "— "+strconv.Itoa(page)+" —") {
				return len(line) - len(strings.TrimLeft(line, " "))
			}
		}
		t.Fatalf("page %d has no page number", page)
		return 0
	}
	odd, even := indent(1), indent(2)
	assert.Greater(t, odd, 20, "odd pages are numbered on the right")
	assert.Less(t, even, 5, "even pages are numbered on the left")
	assert.Greater(t, indent(3), 20)
}

func TestBriefPagesAreA4(t *testing.T) {
	needTool(t, "pdfinfo")
	out, err := exec.Command("pdfinfo", longTableDoc(t, 5)).Output()
	require.NoError(t, err)
	assert.Regexp(t, `Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)`, string(out))
}
