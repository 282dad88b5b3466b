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
)

func sampleIncubatorBrief(t *testing.T, lang string) IncubatorBrief {
	return sampleOf[IncubatorBrief](t, "incubators", lang)
}

func writeIncubatorPDF(t *testing.T, b IncubatorBrief) string {
	return writeTempPDF(t, "incubators.pdf", func(w io.Writer) error { return WriteIncubatorBriefPDF(w, b) })
}

func TestLoadIncubatorBriefOfTheSample(t *testing.T) {
	t.Parallel()
	b := sampleIncubatorBrief(t, "zh")
	assert.Equal(t, 6, b.Stats.TeamsIntroduced)
	assert.Equal(t, 106, b.Stats.IncubatorSigned)
	require.NotEmpty(t, b.Incubators)
	assert.Equal(t, "大连创新园", b.Incubators[0].Name, "the highest level first")
	assert.Equal(t, []string{"大连创新园"}, b.TeamsInto)
	require.Len(t, b.ByStatus, len(data.IncubatorWorkflow.Statuses))
	signed := b.Status(data.IAppSigned).AtEnd + b.Status(data.IAppGraduated).AtEnd + b.Status(data.IAppExited).AtEnd
	assert.LessOrEqual(t, signed, b.Stats.IncubatorSigned, "the companies signed by the year end are among those")
}

func TestLoadIncubatorBriefRefusesADistrictWithoutIncubators(t *testing.T) {
	t.Parallel()
	_, err := LoadIncubatorBrief(context.Background(), openStore(t), 2025, "zh", time.Time{})
	assert.Equal(t, data.Invalid, data.ErrorCode(err))
}

func TestIncubatorBriefPDFSaysTheFigures(t *testing.T) {
	t.Parallel()
	b := sampleIncubatorBrief(t, "zh")
	text := flat(t, writeIncubatorPDF(t, b))
	grad := b.Status(data.IAppGraduated)
	for _, want := range []string{"孵化器建设情况", "一、孵化载体", "二、引进团队和入驻企业", "三、入孵申请办理情况",
		"引进创业团队6个入驻大连创新园", "累计入驻孵化器企业106家", "其中已毕业" + strconv.Itoa(grad.AtEnd) + "家",
		"本年毕业" + strconv.Itoa(grad.Entered) + "家", "大连创新园省级", "已入驻", "已毕业", "（共印20份）"} {
		assert.Contains(t, text, want)
	}
	en := strings.Join(strings.Fields(pdfText(t, writeIncubatorPDF(t, sampleIncubatorBrief(t, "en")))), " ")
	for _, want := range []string{"6 start-up teams", "106 companies", "Provincial", "Applications by status"} {
		assert.Contains(t, en, want)
	}
}

func TestIncubatorBriefXLSXHoldsTheFigures(t *testing.T) {
	t.Parallel()
	b := sampleIncubatorBrief(t, "zh")
	var buf bytes.Buffer
	require.NoError(t, WriteIncubatorBriefXLSX(&buf, b))
	f, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer f.Close()
	sheets := f.GetSheetList()
	require.Len(t, sheets, 5)
	assert.Equal(t, []string{"概况", "孵化器", "申请状态"}, sheets[:3])
	get := func(sheet, ref string) string {
		v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		return v
	}
	assert.Equal(t, []string{"6", "106", strconv.Itoa(b.Status(data.IAppGraduated).AtEnd)},
		[]string{get("概况", dataRef("B", 3)), get("概况", dataRef("B", 4)), get("概况", dataRef("B", 5))})
	assert.Equal(t, "大连创新园", get("孵化器", dataRef("B", 1)))
	assert.Equal(t, "32000", get("孵化器", dataRef("D", 1)))
	for _, s := range sheets {
		panes, err := f.GetPanes(s)
		require.NoError(t, err)
		assert.True(t, panes.Freeze, "%s: the header is frozen", s)
	}
	rows, err := f.GetRows(sheets[3])
	require.NoError(t, err)
	assert.Len(t, rows, headerRow+6, "the six teams behind the figure, under a header")
}

func TestIncubatorBriefInEnglishAgreesWithItsCounts(t *testing.T) {
	t.Parallel()
	b := IncubatorBrief{Stats: data.Stats{Year: 2025, TeamsIntroduced: 1, IncubatorSigned: 1},
		Incubators:  []data.IncubatorRow{{Incubator: data.Incubator{Name: "Harbour Lab", Level: "district", AreaM2: 800}}},
		TeamsInto:   []string{"Harbour Lab"},
		BriefHeader: BriefHeader{Lang: "en", Fonts: defaultFonts(t)}}
	for _, st := range data.IncubatorWorkflow.Statuses {
		b.ByStatus = append(b.ByStatus, IncubatorStatusRow{Status: st})
	}
	text := strings.Join(strings.Fields(pdfText(t, writeIncubatorPDF(t, b))), " ")
	for _, want := range []string{"had 1 incubator with 800 m²", "1 start-up team was introduced into Harbour Lab",
		"1 company had signed", "of which 0 have graduated"} {
		assert.Contains(t, text, want)
	}
}

func TestIncubatorBriefSaysWhenNoCompanyHasSigned(t *testing.T) {
	t.Parallel()
	b := IncubatorBrief{Stats: data.Stats{Year: 2018},
		Incubators:  []data.IncubatorRow{{Incubator: data.Incubator{Name: "港湾孵化器", Level: "district", AreaM2: 800}}},
		BriefHeader: BriefHeader{Lang: "zh", Fonts: defaultFonts(t)}}
	text := flat(t, writeIncubatorPDF(t, b))
	assert.Contains(t, text, "2018年，没有创业团队入驻孵化器。")
	assert.Contains(t, text, "截至2018年末，还没有企业入驻孵化器。")
	assert.NotContains(t, text, "累计入驻孵化器企业0家")
}
