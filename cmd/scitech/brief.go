package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"scitech/data"
	"scitech/reports"
)

// runBrief writes a brief to the PDF and/or XLSX files named. Each file is written whole or not at all.
func runBrief(args []string, stdout, stderr io.Writer) int {
	fs, db := newFlags("brief", stderr)
	year := fs.Int("year", 0, "report year")
	pdfPath := fs.String("pdf", "", "PDF file to write")
	xlsxPath := fs.String("xlsx", "", "XLSX file to write")
	lang := fs.String("lang", "zh", "language of the brief: zh or en")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	switch {
	case len(pos) != 1:
		fmt.Fprint(stderr, "需要简报种类 / the brief kind is required: output, work, patents, incubators, cooperation\n\n"+usage)
		return exitUsage
	case briefWriters[pos[0]] == nil:
		fmt.Fprintf(stderr, "未知的简报种类 / unknown brief kind: %s (known: output, work, patents, incubators, cooperation)\n", pos[0])
		return exitUsage
	case *year == 0:
		fmt.Fprintln(stderr, "缺少 --year / --year is required")
		return exitUsage
	case *pdfPath == "" && *xlsxPath == "":
		fmt.Fprintln(stderr, "请给出 --pdf 或 --xlsx / give --pdf or --xlsx")
		return exitUsage
	case *lang != "zh" && *lang != "en":
		fmt.Fprintf(stderr, "--lang 只能是 zh 或 en / --lang must be zh or en, not %q\n", *lang)
		return exitUsage
	}
	s, code := openStore(*db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	pdfW, xlsxW, err := briefWriters[pos[0]](context.Background(), s, *year, *lang)
	if err != nil {
		return refuse(stderr, err)
	}
	for _, out := range []struct {
		path  string
		write func(io.Writer) error
	}{{*pdfPath, pdfW}, {*xlsxPath, xlsxW}} {
		if out.path == "" {
			continue
		}
		if err := writeFileAtomic(out.path, out.write); err != nil {
			fmt.Fprintf(stderr, "无法写入 / cannot write %s: %v\n", out.path, err)
			return exitUsage
		}
		fmt.Fprintln(stdout, out.path)
	}
	return exitOK
}

// briefLoader loads a brief of one kind and returns its PDF and XLSX writers.
type briefLoader func(ctx context.Context, s *data.Store, year int, lang string) (pdf, xlsx func(io.Writer) error, err error)

// briefWriters are the brief kinds the command line knows.
var briefWriters = map[string]briefLoader{
	"output": func(ctx context.Context, s *data.Store, year int, lang string) (pdf, xlsx func(io.Writer) error, err error) {
		b, err := reports.LoadOutputBrief(ctx, s, year, lang, data.Today())
		return func(w io.Writer) error { return reports.WriteOutputBriefPDF(w, b) },
			func(w io.Writer) error { return reports.WriteOutputBriefXLSX(w, b) }, err
	},
	"work": func(ctx context.Context, s *data.Store, year int, lang string) (pdf, xlsx func(io.Writer) error, err error) {
		b, err := reports.LoadWorkBrief(ctx, s, year, lang, data.Today())
		return func(w io.Writer) error { return reports.WriteWorkBriefPDF(w, b) },
			func(w io.Writer) error { return reports.WriteWorkBriefXLSX(w, b) }, err
	},
	"patents": func(ctx context.Context, s *data.Store, year int, lang string) (pdf, xlsx func(io.Writer) error, err error) {
		b, err := reports.LoadPatentBrief(ctx, s, year, lang, data.Today())
		return func(w io.Writer) error { return reports.WritePatentBriefPDF(w, b) },
			func(w io.Writer) error { return reports.WritePatentBriefXLSX(w, b) }, err
	},
	"incubators": func(ctx context.Context, s *data.Store, year int, lang string) (pdf, xlsx func(io.Writer) error, err error) {
		b, err := reports.LoadIncubatorBrief(ctx, s, year, lang, data.Today())
		return func(w io.Writer) error { return reports.WriteIncubatorBriefPDF(w, b) },
			func(w io.Writer) error { return reports.WriteIncubatorBriefXLSX(w, b) }, err
	},
	"cooperation": func(ctx context.Context, s *data.Store, year int, lang string) (pdf, xlsx func(io.Writer) error, err error) {
		b, err := reports.LoadCoopBrief(ctx, s, year, lang, data.Today())
		return func(w io.Writer) error { return reports.WriteCoopBriefPDF(w, b) },
			func(w io.Writer) error { return reports.WriteCoopBriefXLSX(w, b) }, err
	},
}

// writeFileAtomic writes to a temporary file beside path and renames it into place, so a failure never
// leaves a half-written brief.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".scitech-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
