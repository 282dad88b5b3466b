package reports

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

func sampleCoopBrief(t *testing.T, lang string) CoopBrief {
	return sampleOf[CoopBrief](t, "cooperation", lang)
}

func writeCoopPDF(t *testing.T, b CoopBrief) string {
	return writeTempPDF(t, "coop.pdf", func(w io.Writer) error { return WriteCoopBriefPDF(w, b) })
}

func TestLoadCoopBriefOfTheSample(t *testing.T) {
	t.Parallel()
	b := sampleCoopBrief(t, "zh")
	assert.Equal(t, 33, b.Stats.CoopCompanies)
	assert.Equal(t, 33, b.Stats.CoopInstitutions)
	assert.Equal(t, 11, b.Stats.CoopBases)
	assert.Equal(t, 32, b.Stats.CoopOutcomes)
	require.Len(t, b.ByInstitution, 33)
	coops, cumulative := 0, 0
	for _, in := range b.ByInstitution {
		coops += in.Cooperations
	}
	for _, o := range b.Outcomes {
		cumulative += o.Cumulative
	}
	assert.Equal(t, b.Cooperations, coops, "every cooperation is under its institution")
	assert.Equal(t, 32, cumulative, "projects and new products add up to the figure")
	assert.Len(t, b.Bases().Rows, 11)
}

func TestCoopBriefPDFSaysTheFigures(t *testing.T) {
	t.Parallel()
	b := sampleCoopBrief(t, "zh")
	path := writeCoopPDF(t, b)
	text := flat(t, path)
	for _, want := range []string{"产学研合作情况", "一、总体情况", "二、合作高校院所", "三、科技合作基地", "四、项目和新产品",
		"全区33家企业与33所高校院所开展产学研合作" + strconv.Itoa(b.Cooperations) + "项", "累计共建科技合作基地11个",
		"开发项目和新产品32项", "万名院士助创行动", "大连理工大学", "大连海事大学", "中国科学院大连化学物理研究所",
		"合计33" + strconv.Itoa(b.Cooperations), "2018-07-12", "（共印20份）"} {
		assert.Contains(t, text, want)
	}
	en := strings.Join(strings.Fields(pdfText(t, writeCoopPDF(t, sampleCoopBrief(t, "en")))), " ")
	for _, want := range []string{"33 companies", "33 universities and institutes", "11 cooperation bases",
		"32 projects and new products"} {
		assert.Contains(t, en, want)
	}
}

func TestCoopBriefXLSXHoldsTheFigures(t *testing.T) {
	t.Parallel()
	b := sampleCoopBrief(t, "zh")
	var buf bytes.Buffer
	require.NoError(t, WriteCoopBriefXLSX(&buf, b))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	require.Len(t, sheets, 7)
	assert.Equal(t, []string{"概况", "按高校院所", "按成果类别"}, sheets[:3])
	get := func(sheet, ref string) string {
		v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		return v
	}
	assert.Equal(t, []string{"33", "33", strconv.Itoa(b.Cooperations), "11", "32"},
		[]string{get("概况", dataRef("B", 1)), get("概况", dataRef("B", 2)), get("概况", dataRef("B", 3)),
			get("概况", dataRef("B", 4)), get("概况", dataRef("B", 5))})
	assert.Equal(t, "大连理工大学", get("按高校院所", dataRef("B", 1)))
	assert.Equal(t, "32", get("按成果类别", dataRef("C", 3)))
	for _, s := range sheets {
		panes, err := f.GetPanes(s)
		require.NoError(t, err)
		assert.True(t, panes.Freeze, "%s: the header is frozen", s)
	}
	rows, err := f.GetRows(sheets[5])
	require.NoError(t, err)
	assert.Len(t, rows, 11+headerRow, "the eleven bases under the title rows and a header")
}
