package reports

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
	"scitech/data/datatest"
)

func samplePatentBrief(t *testing.T, lang string) PatentBrief {
	return sampleOf[PatentBrief](t, "patents", lang)
}

func writePatentPDF(t *testing.T, b PatentBrief) string {
	return writeTempPDF(t, "patents.pdf", func(w io.Writer) error { return WritePatentBriefPDF(w, b) })
}

func TestLoadPatentBriefOfTheSample(t *testing.T) {
	t.Parallel()
	b := samplePatentBrief(t, "zh")
	assert.Equal(t, 63, b.Stats.PatentApplications)
	assert.Equal(t, 31, b.Stats.PatentGrants)
	assert.Equal(t, 206, b.Stats.PatentsValid)
	apps, grants, valid := 0, 0, 0
	for _, k := range b.ByKind {
		apps, grants, valid = apps+k.Applications, grants+k.Grants, valid+k.Valid
	}
	assert.Equal(t, []int{63, 31, 206}, []int{apps, grants, valid}, "the kinds add up to the year's figures")
	require.Len(t, b.ByYear, PatentYears)
	assert.Equal(t, 2021, b.ByYear[0].Year)
	assert.Equal(t, b.Stats, b.ByYear[PatentYears-1])
	require.Len(t, b.Top, TopCount)
	for i := 1; i < len(b.Top); i++ {
		assert.GreaterOrEqual(t, b.Top[i-1].Count, b.Top[i].Count)
	}
	require.Len(t, b.Records, 3)
	assert.Len(t, b.Records[2].Table.Rows, 206, "the valid patents behind the figure")
}

func TestLoadPatentBriefRefusesAYearWithoutPatents(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	_, err := LoadPatentBrief(context.Background(), s, 2030, "zh", time.Time{})
	assert.Equal(t, data.Invalid, data.ErrorCode(err))
}

func TestPatentBriefPDFSaysTheFigures(t *testing.T) {
	t.Parallel()
	b := samplePatentBrief(t, "zh")
	text := flat(t, writePatentPDF(t, b))
	prev := b.ByYear[PatentYears-2]
	for _, want := range []string{"专利情况", "（2025年）", "一、总体情况", "二、按专利类型", "三、近五年情况",
		"四、有效专利前10位企业", "申请专利63件", "获得专利授权31件", "拥有有效专利206件",
		"比上年增加" + strconv.Itoa(63-prev.PatentApplications) + "件", "发明", "实用新型", "外观设计", "合计6331206",
		"2021年", b.Top[0].Name, "报：", "（共印20份）"} {
		assert.Contains(t, text, want)
	}
	label := map[string]string{data.PatentInvention: "发明", data.PatentUtility: "实用新型", data.PatentDesign: "外观设计"}
	for _, k := range b.ByKind {
		assert.Contains(t, text, label[k.Kind]+strconv.Itoa(k.Applications)+strconv.Itoa(k.Grants)+strconv.Itoa(k.Valid), "the row of %s", k.Kind)
	}
}

func TestPatentBriefPDFInEnglish(t *testing.T) {
	t.Parallel()
	text := strings.Join(strings.Fields(pdfText(t, writePatentPDF(t, samplePatentBrief(t, "en")))), " ")
	for _, want := range []string{"Patents", "63 patent applications", "31 patents", "206", "By kind",
		"Invention", "Utility model", "Design", "Total"} {
		assert.Contains(t, text, want)
	}
}

func TestPatentBriefPDFKeepsAShortTableOnOnePage(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	path := writePatentPDF(t, samplePatentBrief(t, "zh"))
	pages := strings.Split(pdfText(t, path), "\f")
	for _, p := range pages {
		if strings.Contains(p, "2021年") {
			assert.Contains(t, p, "2025年", "the five years are on one page")
		}
	}
}

func TestPatentBriefXLSXHoldsTheFigures(t *testing.T) {
	t.Parallel()
	b := samplePatentBrief(t, "zh")
	var buf bytes.Buffer
	require.NoError(t, WritePatentBriefXLSX(&buf, b))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	require.GreaterOrEqual(t, len(sheets), 7)
	assert.Equal(t, []string{"概况", "按专利类型", "按年度", "有效专利前十位企业"}, sheets[:4])
	get := func(sheet, ref string) string {
		v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		return v
	}
	assert.Equal(t, []string{"63", "31", "206"}, []string{get("概况", dataRef("B", 1)), get("概况", dataRef("B", 2)), get("概况", dataRef("B", 3))})
	assert.Equal(t, []string{"合计", "63", "31", "206"},
		[]string{get("按专利类型", dataRef("A", 4)), get("按专利类型", dataRef("B", 4)), get("按专利类型", dataRef("C", 4)), get("按专利类型", dataRef("D", 4))})
	assert.Equal(t, []string{"2025", "63", "31", "206"},
		[]string{get("按年度", dataRef("A", 5)), get("按年度", dataRef("B", 5)), get("按年度", dataRef("C", 5)), get("按年度", dataRef("D", 5))})
	assert.Equal(t, b.Top[0].Name, get("有效专利前十位企业", dataRef("B", 1)))
	for _, s := range sheets[:4] {
		panes, err := f.GetPanes(s)
		require.NoError(t, err)
		assert.True(t, panes.Freeze, "%s: the header is frozen", s)
	}
	style, err := f.GetCellStyle("按专利类型", dataRef("B", 1))
	require.NoError(t, err)
	st, err := f.GetStyle(style)
	require.NoError(t, err)
	assert.Equal(t, 3, st.NumFmt, "counts are integers with thousands separators")
	rows, err := f.GetRows(sheets[6])
	require.NoError(t, err)
	assert.Len(t, rows, headerRow+206, "the valid patents behind the figure, under a header")
}
