package exchange

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"scitech/assets"
	"scitech/data"
	"scitech/data/datatest"
)

const haibao = "大连海宝渔业有限公司"

// companyUSCC finds a sample company's code by its name.
// TestMain removes the databases datatest built for the test binary's tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if err := datatest.Cleanup(); err != nil {
		fmt.Println(err)
		code = max(code, 1)
	}
	os.Exit(code)
}

func companyUSCC(t *testing.T, s *data.Store, name string) string {
	t.Helper()
	list, err := s.Companies(context.Background(), data.CompanyFilter{Query: name})
	require.NoError(t, err)
	require.NotEmpty(t, list, name)
	c, err := s.CompanyByUSCC(context.Background(), list[0].USCC)
	require.NoError(t, err)
	require.Equal(t, name, c.Name)
	return c.USCC
}

// writeTemplateFile writes a template to a file and returns its path.
func writeTemplateFile(t *testing.T, d data.TemplateData, lang string) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteTemplate(&buf, d, lang))
	path := filepath.Join(t.TempDir(), "template-"+lang+".xlsx")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}

func openTemplate(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

func templateOf(t *testing.T, s *data.Store, uscc string, year int) data.TemplateData {
	t.Helper()
	d, err := s.TemplateData(context.Background(), uscc, year)
	require.NoError(t, err)
	return d
}

func TestTemplateSheetsAndHeaders(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	d := templateOf(t, s, "", 0)
	for _, lang := range []string{"zh", "en"} {
		tr := assets.NewTranslator(lang)
		f := openTemplate(t, writeTemplateFile(t, d, lang))
		var want []string
		for _, sheet := range data.ExchangeSheets {
			want = append(want, tr.T("export.kind."+sheet.Kind))
		}
		// The hidden _lists sheet (the English labels of the company facts' kinds make a list longer than
		// Excel takes inline) comes after the company's sheets, before _meta.
		sheets := f.GetSheetList()
		if lang == "en" {
			require.Equal(t, TemplateListsSheet, sheets[len(sheets)-2])
			sheets = append(sheets[:len(sheets)-2:len(sheets)-2], MetaSheet)
		}
		assert.Equal(t, append(want, MetaSheet), sheets, lang)
		if lang == "zh" {
			assert.Equal(t, []string{"企业", "年度产值", "往年申报数据", "专利", "知识产权", "企业情况", "产学研合作", "合作成果"}, want)
		}
		assert.Equal(t, 0, f.GetActiveSheetIndex())
		for i, sheet := range data.ExchangeSheets {
			rows, err := f.GetRows(want[i])
			require.NoError(t, err)
			require.Len(t, rows, 1, "%s: a blank template has the header row only", want[i])
			var labels []string
			for _, field := range sheet.Fields {
				labels = append(labels, tr.T("col."+field.Key))
			}
			assert.Equal(t, labels, rows[0], "%s %s", lang, sheet.Kind)
			visible, err := f.GetSheetVisible(want[i])
			require.NoError(t, err)
			assert.True(t, visible)
			panes, err := f.GetPanes(want[i])
			require.NoError(t, err)
			assert.True(t, panes.Freeze, "header frozen")
			assert.Equal(t, 1, panes.YSplit)
		}
	}
}

func TestTemplateOfASampleCompanyIsFilledWithLabels(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	uscc := companyUSCC(t, s, haibao)
	f := openTemplate(t, writeTemplateFile(t, templateOf(t, s, uscc, 2025), "zh"))

	company, err := f.GetRows("企业")
	require.NoError(t, err)
	require.Len(t, company, 2)
	row := cellsByHeader(company[0], company[1])
	assert.Equal(t, uscc, row["统一社会信用代码"])
	assert.Equal(t, haibao, row["名称"])
	assert.Equal(t, "资源与环境", row["高新技术领域"], "a code as its label")
	assert.Equal(t, "现代海洋产业园", row["所在园区"])
	assert.Equal(t, "是", row["规模以上企业"])
	assert.Equal(t, "2009-10-19", row["成立日期"], "a date shown as YYYY-MM-DD")
	assert.Equal(t, "2027-03-23", row["证书到期日"])

	outputs, err := f.GetRows("年度产值")
	require.NoError(t, err)
	require.Len(t, outputs, 3, "2024 and 2025")
	o25 := cellsByHeader(outputs[0], outputs[2])
	assert.Equal(t, "2025", o25["年度"])
	assert.Equal(t, "45,272.90", o25["高新技术产品产值（万元）"], "amounts in 万元")
	v, err := f.GetCellValue("年度产值", "D3", excelize.Options{RawCellValue: true})
	require.NoError(t, err)
	assert.Equal(t, "45272.9", v, "stored as a number, exactly")
	typ, err := f.GetCellType("年度产值", "D3")
	require.NoError(t, err)
	assert.NotEqual(t, excelize.CellTypeSharedString, typ)

	patents, err := f.GetRows("专利")
	require.NoError(t, err)
	n, err := s.CountPatents(context.Background(), data.PatentFilter{CompanyID: mustCompany(t, s, uscc).ID})
	require.NoError(t, err)
	assert.Len(t, patents, n+1)
	for _, p := range patents[1:] {
		r := cellsByHeader(patents[0], p)
		assert.Contains(t, []string{"授权", "审查中", "未缴年费终止", "期限届满", "无效宣告", "撤回", "驳回"}, r["法律状态"])
		assert.Equal(t, haibao, r["企业名称"])
	}

	coops, err := f.GetRows("产学研合作")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(coops), 2)
	assert.Equal(t, "大连海洋大学", cellsByHeader(coops[0], coops[1])["高校院所"])
	outcomes, err := f.GetRows("合作成果")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(outcomes), 2)
	for _, o := range outcomes[1:] {
		r := cellsByHeader(outcomes[0], o)
		assert.Equal(t, "大连海洋大学", r["高校院所"])
		assert.Contains(t, []string{"项目", "新产品"}, r["成果类别"])
	}
}

func mustCompany(t *testing.T, s *data.Store, uscc string) data.Company {
	t.Helper()
	c, err := s.CompanyByUSCC(context.Background(), uscc)
	require.NoError(t, err)
	return c
}

// cellsByHeader pairs a row's cells with the header row's labels.
func cellsByHeader(header, row []string) map[string]string {
	m := map[string]string{}
	for i, h := range header {
		if i < len(row) {
			m[h] = row[i]
		}
	}
	return m
}

func TestTemplateValidations(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	uscc := companyUSCC(t, s, haibao)
	for name, d := range map[string]data.TemplateData{"blank": templateOf(t, s, "", 0), "company": templateOf(t, s, uscc, 0)} {
		f := openTemplate(t, writeTemplateFile(t, d, "zh"))
		tr := assets.NewTranslator("zh")
		for _, sheet := range data.ExchangeSheets {
			title := tr.T("export.kind." + sheet.Kind)
			dvs, err := f.GetDataValidations(title)
			require.NoError(t, err)
			bySqref := map[string]*excelize.DataValidation{}
			for _, dv := range dvs {
				bySqref[dv.Sqref] = dv
			}
			for i, field := range sheet.Fields {
				col, _ := excelize.ColumnNumberToName(i + 1)
				dv := bySqref[col+"2:"+col+"500"]
				require.NotNil(t, dv, "%s %s %s: a validation down to row 500", name, sheet.Kind, field.Key)
				require.True(t, dv.ShowInputMessage, field.Key)
				require.NotNil(t, dv.Prompt)
				assert.NotEmpty(t, *dv.Prompt, field.Key)
				assert.Equal(t, tr.T("col."+field.Key), *dv.PromptTitle)
				checkRule(t, name+" "+sheet.Kind+" "+field.Key, d, sheet, field, dv)
			}
		}
	}
}

// checkRule checks the rule of one column's validation against its field.
func checkRule(t *testing.T, what string, d data.TemplateData, sheet data.ExchangeSheet, field data.ExchangeField, dv *excelize.DataValidation) {
	t.Helper()
	prompt := *dv.Prompt
	switch {
	case field.Info:
		assert.Empty(t, dv.Type, what)
		assert.Contains(t, prompt, "仅供参考", what)
	case field.Type == data.ExUSCC && d.Company != nil && sheet.Kind != "companies":
		assert.Equal(t, "list", dv.Type, what)
		assert.Equal(t, `"`+d.Company.USCC+`"`, dv.Formula1, what)
	case field.Type == data.ExUSCC:
		assert.Equal(t, "textLength", dv.Type, what)
		assert.Equal(t, "18", dv.Formula1, what)
		assert.Contains(t, prompt, "18位", what)
	case field.Key == "park":
		assert.Equal(t, "list", dv.Type, what)
		assert.Equal(t, `"`+strings.Join(d.Parks, ",")+`"`, dv.Formula1, what)
	case field.Type == data.ExCode:
		assert.Equal(t, "list", dv.Type, what)
		var labels []string
		tr := assets.NewTranslator("zh")
		for _, c := range field.Codes {
			labels = append(labels, tr.T(field.CodeLabels+c))
		}
		assert.Equal(t, `"`+strings.Join(labels, ",")+`"`, dv.Formula1, what)
		assert.Contains(t, prompt, "从下拉列表选择", what)
	case field.Type == data.ExBool:
		assert.Equal(t, "list", dv.Type, what)
		assert.Equal(t, `"是,否"`, dv.Formula1, what)
	case field.Type == data.ExWan:
		assert.Equal(t, "custom", dv.Type, what)
		assert.Contains(t, dv.Formula1, ">=0", what)
		assert.Contains(t, prompt, "金额单位：万元，最多4位小数", what)
	case field.Type == data.ExSignedWan:
		assert.Equal(t, "custom", dv.Type, what)
		assert.NotContains(t, dv.Formula1, ">=0", what)
		assert.Contains(t, prompt, "可为负数", what)
	case field.Type == data.ExInt:
		assert.Equal(t, "whole", dv.Type, what)
		assert.Equal(t, "greaterThanOrEqual", dv.Operator, what)
	case field.Type == data.ExYear:
		assert.Equal(t, "whole", dv.Type, what)
		assert.Equal(t, []string{"1990", "2100"}, []string{dv.Formula1, dv.Formula2}, what)
	case field.Type == data.ExDate:
		assert.Equal(t, "date", dv.Type, what)
		assert.Equal(t, []string{"18172", "73415"}, []string{dv.Formula1, dv.Formula2}, what, "1949-10-01 to 2100-12-31")
		assert.Contains(t, prompt, "日期格式：2025-03-01", what)
	case field.Type == data.ExAppNo:
		assert.Contains(t, prompt, "202310123456.6", what)
	}
	if field.Required && !field.Info {
		assert.True(t, strings.HasPrefix(prompt, "必填"), what)
	}
	if dv.Type != "" {
		assert.True(t, dv.ShowErrorMessage, what)
		require.NotNil(t, dv.Error, what)
		assert.NotEmpty(t, *dv.Error, what)
	}
}

func TestTemplateHeaderLockedDataUnlocked(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	path := writeTemplateFile(t, templateOf(t, s, companyUSCC(t, s, haibao), 0), "zh")
	f := openTemplate(t, path)
	for _, sheet := range data.ExchangeSheets {
		title := assets.NewTranslator("zh").T("export.kind." + sheet.Kind)
		last, _ := excelize.ColumnNumberToName(len(sheet.Fields))
		for _, cell := range []string{"A1", last + "1", "AZ1"} {
			assert.True(t, cellLocked(t, f, title, cell), "%s!%s: the header is locked", title, cell)
		}
		for _, cell := range []string{"A2", last + "2", "A3", "B77", last + "500", "A900", "AZ2"} {
			assert.False(t, cellLocked(t, f, title, cell), "%s!%s: a data cell is unlocked", title, cell)
		}
	}
	// Excel's sheet protection, as the worksheet XML says it: on, without a password, with sorting, filtering
	// and inserting and deleting rows allowed (false = not protected against).
	for i := range data.ExchangeSheets {
		xml := zipPart(t, path, "xl/worksheets/sheet"+string(rune('1'+i))+".xml")
		prot := regexp.MustCompile(`<sheetProtection[^>]*>`).FindString(xml)
		require.NotEmpty(t, prot, "sheet %d is protected", i+1)
		assert.Contains(t, prot, `sheet="true"`)
		assert.NotContains(t, prot, "password")
		assert.NotContains(t, prot, "hashValue")
		for _, allowed := range []string{"sort", "autoFilter", "insertRows", "deleteRows", "formatColumns"} {
			assert.Contains(t, prot, allowed+`="false"`, allowed)
		}
		assert.Contains(t, xml, "<autoFilter ")
	}
}

// cellLocked reports whether a cell is locked: Excel locks a cell unless its style says otherwise. A cell never
// written takes its row's style when the row has one, else its column's (as GetCellStyle resolves it).
func cellLocked(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	require.NoError(t, err)
	st, err := f.GetStyle(id)
	require.NoError(t, err)
	return st.Protection == nil || st.Protection.Locked
}

func zipPart(t *testing.T, path, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			require.NoError(t, err)
			defer rc.Close()
			b, err := io.ReadAll(rc)
			require.NoError(t, err)
			return string(b)
		}
	}
	t.Fatalf("%s has no part %s", path, name)
	return ""
}

func TestMetaSheet(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	uscc := companyUSCC(t, s, haibao)
	f := openTemplate(t, writeTemplateFile(t, templateOf(t, s, uscc, 2025), "zh"))
	visible, err := f.GetSheetVisible(MetaSheet)
	require.NoError(t, err)
	assert.False(t, visible)
	rows, err := f.GetRows(MetaSheet)
	require.NoError(t, err)
	meta := map[string]string{}
	for _, r := range rows {
		require.Len(t, r, 2)
		meta[r[0]] = r[1]
	}
	assert.Equal(t, TemplateVersion, meta["template_version"])
	assert.Equal(t, uscc, meta["company_uscc"])
	assert.Equal(t, haibao, meta["company_name"])
	assert.Equal(t, "2025", meta["year"])
	assert.Equal(t, data.FormatDate(data.Today()), meta["written"])
	assert.Contains(t, meta["note"], "直接发回")

	blank := openTemplate(t, writeTemplateFile(t, templateOf(t, s, "", 0), "en"))
	v, err := blank.GetCellValue(MetaSheet, "B2")
	require.NoError(t, err)
	assert.Empty(t, v, "a blank template names no company")
}

func TestTemplateLongListsGoToAHiddenSheet(t *testing.T) {
	t.Parallel()
	d := data.TemplateData{Rows: map[string][]map[string]string{}}
	for i := 0; i < 40; i++ {
		d.Parks = append(d.Parks, "旅顺口区第"+string(rune('一'+i))+"号产业园区")
	}
	d.Parks = append(d.Parks, "园区, 含逗号")
	f := openTemplate(t, writeTemplateFile(t, d, "zh"))
	assert.Contains(t, f.GetSheetList(), TemplateListsSheet)
	visible, err := f.GetSheetVisible(TemplateListsSheet)
	require.NoError(t, err)
	assert.False(t, visible)
	dvs, err := f.GetDataValidations("企业")
	require.NoError(t, err)
	var park *excelize.DataValidation
	for _, dv := range dvs {
		if dv.Sqref == "E2:E500" {
			park = dv
		}
	}
	require.NotNil(t, park)
	assert.Equal(t, "list", park.Type)
	assert.Equal(t, "'_lists'!$A$1:$A$41", park.Formula1)
	cols, err := f.GetCols(TemplateListsSheet)
	require.NoError(t, err)
	require.Len(t, cols, 1)
	assert.Equal(t, d.Parks, cols[0])

	read, err := ReadWorkbook(context.Background(), writeTemplateFile(t, d, "zh"), ReadOptions{Parks: d.Parks})
	require.NoError(t, err)
	assert.Empty(t, read.Issues)
	assert.Empty(t, read.Rows)
}

func TestTemplateKeepsRowsBeyondTheFormattedRange(t *testing.T) {
	t.Parallel()
	d := data.TemplateData{Rows: map[string][]map[string]string{}}
	for i := 0; i < 600; i++ {
		d.Rows["cooperations"] = append(d.Rows["cooperations"], map[string]string{"uscc": "91210212MA07TC0001",
			"company": haibao, "institution": "大连海洋大学", "programme": "", "started": "2019-01-05", "ended": ""})
	}
	f := openTemplate(t, writeTemplateFile(t, d, "zh"))
	rows, err := f.GetRows("产学研合作")
	require.NoError(t, err)
	assert.Len(t, rows, 601)
	dvs, err := f.GetDataValidations("产学研合作")
	require.NoError(t, err)
	assert.Equal(t, "A2:A850", dvs[0].Sqref, "validations reach 250 rows below the last one")
}

func TestWriteTemplateDoesNotChangeItsInput(t *testing.T) {
	t.Parallel()
	s := datatest.SampleStore(t)
	d := templateOf(t, s, companyUSCC(t, s, haibao), 0)
	before := len(d.Rows["patents"])
	var a, b bytes.Buffer
	require.NoError(t, WriteTemplate(&a, d, "zh"))
	require.NoError(t, WriteTemplate(&b, d, "zh"))
	assert.Equal(t, before, len(d.Rows["patents"]))
	assert.Greater(t, a.Len(), 5000)
}
