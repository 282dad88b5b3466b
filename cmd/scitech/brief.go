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
		fmt.Fprint(stderr, "需要简报种类 / the brief kind is required: output\n\n"+usage)
		return exitUsage
	case pos[0] != "output":
		fmt.Fprintf(stderr, "未知的简报种类 / unknown brief kind: %s (known: output)\n", pos[0])
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
	b, err := reports.LoadOutputBrief(context.Background(), s, *year, *lang, data.Today())
	if err != nil {
		return refuse(stderr, err)
	}
	for _, out := range []struct {
		path  string
		write func(io.Writer, reports.OutputBrief) error
	}{{*pdfPath, reports.WriteOutputBriefPDF}, {*xlsxPath, reports.WriteOutputBriefXLSX}} {
		if out.path == "" {
			continue
		}
		if err := writeFileAtomic(out.path, func(w io.Writer) error { return out.write(w, b) }); err != nil {
			fmt.Fprintf(stderr, "无法写入 / cannot write %s: %v\n", out.path, err)
			return exitUsage
		}
		fmt.Fprintln(stdout, out.path)
	}
	return exitOK
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
