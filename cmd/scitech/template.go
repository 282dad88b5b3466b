package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"scitech/assets"
	"scitech/data"
	"scitech/reports/exchange"
)

const templateUsage = "用法 / usage: scitech template FILE.xlsx [--company USCC] [--year Y] [--lang zh|en] [--db PATH]\n"

// runTemplate writes a fill-in template for companies: blank, or filled with what the bureau has of one company.
func runTemplate(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("template", stderr)
	company := fs.String("company", "", "the company's unified social credit code; empty for a blank template")
	year := fs.Int("year", 0, "the report year: annual output of that year and the one before (left out: every year)")
	lang := fs.String("lang", "zh", "language of the sheets: zh or en")
	pos, err := parseFlags(tr, fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprint(stderr, templateUsage)
		return exitUsage
	}
	path := pos[0]
	if !strings.HasSuffix(strings.ToLower(path), ".xlsx") {
		fmt.Fprintf(stderr, "文件名应以 .xlsx 结尾 / the file name must end in .xlsx: %s\n", path)
		return exitUsage
	}
	if *lang != "zh" && *lang != "en" {
		fmt.Fprintf(stderr, "--lang 只能是 zh 或 en / --lang must be zh or en, not %q\n", *lang)
		return exitUsage
	}
	if code := refuseOutputs(tr, stderr, *db, []string{path}); code != exitOK {
		return code
	}
	s, code := openStoreToRead(tr, *db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	d, err := s.TemplateData(context.Background(), *company, *year)
	if err != nil {
		return refuse(tr, stderr, err)
	}
	if err := writeFileAtomic(path, func(w io.Writer) error { return exchange.WriteTemplate(w, d, *lang) }); err != nil {
		fmt.Fprintf(stderr, "无法写入 / cannot write %s: %v\n", path, err)
		return exitUsage
	}
	fmt.Fprintln(stdout, templateWritten(tr, path, d, *lang))
	return exitOK
}

// templateWritten says what the template holds: its sheets, named as the file names them, and for a company's
// template how many rows of the company's records it filled in ("t.xlsx：5 个工作表（企业、年度产值、…），空白模板").
func templateWritten(tr *assets.Translator, path string, d data.TemplateData, lang string) string {
	sheets := assets.NewTranslator(lang)
	names := make([]string, len(data.ExchangeSheets))
	for i, sheet := range data.ExchangeSheets {
		names[i] = exchange.TemplateSheetName(sheets, sheet.Kind)
	}
	args := map[string]any{"File": path, "Sheets": len(names), "Names": strings.Join(names, tr.T("template.written.sep"))}
	if d.Company == nil {
		return tr.T("template.written", args)
	}
	rows := 0
	for _, r := range d.Rows {
		rows += len(r)
	}
	args["Company"], args["Rows"] = d.Company.Name, rows
	return tr.T("template.written_company", args)
}
