package exchange

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/data"
	"scitech/data/datatest"
)

// readTemplate reads a template back as an import would, and fails on any issue or ignored sheet.
func readTemplate(t *testing.T, path string, d data.TemplateData) WorkbookRead {
	t.Helper()
	read, err := ReadWorkbook(context.Background(), path, ReadOptions{Parks: d.Parks})
	require.NoError(t, err)
	for _, is := range read.Issues {
		t.Errorf("%s %s: %v (%q)", is.Sheet, is.Cell, is.Err, is.Value)
	}
	assert.Empty(t, read.Ignored, "no sheet of the template is ignored")
	return read
}

// rowsByKind groups the rows read by their sheet's kind, keeping only their values.
func rowsByKind(read WorkbookRead) map[string][]map[string]string {
	out := map[string][]map[string]string{}
	for _, r := range read.Rows {
		out[r.Kind] = append(out[r.Kind], r.Map())
	}
	return out
}

// A template of every sample company, sent back unchanged, reads back to the company's records exactly, and an
// import of it would change nothing.
func TestTemplateReadsBackUnchanged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := datatest.SampleStore(t)
	companies, err := s.Companies(ctx, data.CompanyFilter{})
	require.NoError(t, err)
	require.Len(t, companies, 36)
	covered := map[string]bool{} // the record kinds some company's template has carried so far
	for i, c := range companies {
		lang, year := "zh", 0
		if i%3 == 1 {
			lang, year = "en", 2025
		}
		// Every fourth company, and any company whose template holds a kind of record no earlier one did:
		// all kinds and both languages are read back, at a quarter of the time of all 36 under -race.
		d := templateOf(t, s, c.USCC, year)
		news := false
		for kind, rows := range d.Rows {
			if len(rows) > 0 && !covered[kind] {
				covered[kind], news = true, true
			}
		}
		if i%4 != 0 && !news {
			continue
		}
		t.Run(fmt.Sprintf("%s-%s", c.Name, lang), func(t *testing.T) {
			require.NotEmpty(t, d.Rows["outputs"])
			read := readTemplate(t, writeTemplateFile(t, d, lang), d)
			assert.Equal(t, d.Rows, rowsByKind(read))
			assert.Equal(t, TemplateVersion, read.Meta["template_version"])
			assert.Equal(t, c.USCC, read.Meta["company_uscc"])

			plan, err := s.PlanImport(ctx, read.Rows)
			require.NoError(t, err)
			assert.Empty(t, plan.Issues)
			assert.Empty(t, plan.New)
			assert.Empty(t, plan.Changed)
			assert.Equal(t, len(read.Rows), plan.Unchanged)
		})
	}
}

func TestBlankTemplateReadsBackEmpty(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	for _, lang := range []string{"zh", "en"} {
		d := templateOf(t, s, "", 0)
		read := readTemplate(t, writeTemplateFile(t, d, lang), d)
		assert.Empty(t, read.Rows)
		assert.Equal(t, "", read.Meta["company_uscc"])
	}
}

// What a clerk types into a template — numbers as numbers, dates as Excel dates, choices from the lists — reads
// back as the records meant, and an import would create exactly them.
func TestTemplateTypedRowsReadBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := datatest.SampleStore(t)
	uscc := companyUSCC(t, s, haibao)
	d := templateOf(t, s, uscc, 0)
	path := writeTemplateFile(t, d, "zh")
	year := data.Today().Year()

	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	out := fmt.Sprint(len(d.Rows["outputs"]) + 2)
	set := func(sheet, cell string, v any) { require.NoError(t, f.SetCellValue(sheet, cell, v)) }
	set("年度产值", "A"+out, uscc)
	set("年度产值", "C"+out, year)
	set("年度产值", "D"+out, 50000.5)
	set("年度产值", "E"+out, 12000)
	set("年度产值", "F"+out, "70,000.1234")
	set("年度产值", "G"+out, 4321.0)
	set("年度产值", "H"+out, 560)
	set("年度产值", "I"+out, 190)
	set("年度产值", "J"+out, 80000) // 总收入（万元）, a policy figure (issue 18)
	set("年度产值", "P"+out, "95")  // 科技人员

	appNo := newAppNo(t, year, "1", 424242)
	pat := fmt.Sprint(len(d.Rows["patents"]) + 2)
	set("专利", "A"+pat, appNo)
	set("专利", "C"+pat, "一种海带烘干装置")
	set("专利", "D"+pat, uscc)
	set("专利", "F"+pat, time.Date(year, 3, 1, 0, 0, 0, 0, time.UTC))
	set("专利", "H"+pat, "审查中")
	set("专利", "I"+pat, time.Date(year, 3, 1, 0, 0, 0, 0, time.UTC))
	require.NoError(t, f.Save())
	require.NoError(t, f.Close())

	read := readTemplate(t, path, d)
	got := rowsByKind(read)
	require.Len(t, got["outputs"], len(d.Rows["outputs"])+1)
	typed := got["outputs"][len(got["outputs"])-1]
	assert.Equal(t, map[string]string{"uscc": uscc, "name": "", "year": strconv.Itoa(year), "output": "500005000",
		"added_value": "120000000", "revenue": "700001234", "rd_expense": "43210000", "employees": "560",
		"rd_staff": "190", "total_income": "800000000", "hightech_income": "", "rd_domestic": "", "total_costs": "",
		"net_assets": "", "total_assets": "", "st_staff": "95", "conversions": ""}, typed, "an empty policy figure reads as not recorded")
	newPatent := got["patents"][len(got["patents"])-1]
	assert.Equal(t, fmt.Sprintf("%d-03-01", year), newPatent["filed"])
	assert.Equal(t, "pending", newPatent["legal_status"])

	plan, err := s.PlanImport(ctx, read.Rows)
	require.NoError(t, err)
	for _, is := range plan.Issues {
		t.Errorf("%s %s: %v", is.Sheet, is.Cell, is.Err)
	}
	require.Len(t, plan.New, 2)
	assert.Equal(t, "outputs", plan.New[0].Kind)
	assert.Equal(t, "patents", plan.New[1].Kind)
	assert.Empty(t, plan.Changed)
}

// newAppNo makes a valid invention application number of a year with its check character.
func newAppNo(t *testing.T, year int, typeDigit string, serial int) string {
	t.Helper()
	digits := fmt.Sprintf("%d%s%07d", year, typeDigit, serial)
	c, ok := data.PatentCheckChar(digits)
	require.True(t, ok)
	no := digits + "." + string(c)
	_, err := data.ValidatePatentAppNo(no)
	require.NoError(t, err)
	return no
}
