package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"scitech/data"
	"scitech/reports"
)

// runBrief writes a brief to the PDF and/or XLSX files named; with --issue it first registers the brief with the
// year's next 第X期 and writes the files the register keeps. Each file is written whole or not at all.
func runBrief(args []string, stdout, stderr io.Writer) int {
	fs, db := newFlags("brief", stderr)
	year := fs.Int("year", 0, "report year")
	pdfPath := fs.String("pdf", "", "PDF file to write")
	xlsxPath := fs.String("xlsx", "", "XLSX file to write")
	lang := fs.String("lang", "zh", "language of the brief: zh or en")
	issue := fs.Bool("issue", false, "register the brief with the year's next issue number")
	mark := fs.Bool("mark-missing", false, "print characters no font has as 〓 instead of refusing the brief")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return exitUsage
	}
	known := strings.Join(reports.BriefKindNames(), ", ")
	switch {
	case len(pos) != 1:
		fmt.Fprint(stderr, "需要简报种类 / the brief kind is required: "+known+"\n\n"+usage)
		return exitUsage
	case reports.BriefKindNamed(pos[0]) == nil:
		fmt.Fprintf(stderr, "未知的简报种类 / unknown brief kind: %s (known: %s)\n", pos[0], known)
		return exitUsage
	case *year == 0:
		fmt.Fprintln(stderr, "缺少 --year / --year is required")
		return exitUsage
	case *pdfPath == "" && *xlsxPath == "" && !*issue:
		fmt.Fprintln(stderr, "请给出 --pdf 或 --xlsx / give --pdf or --xlsx")
		return exitUsage
	case *lang != "zh" && *lang != "en":
		fmt.Fprintf(stderr, "--lang 只能是 zh 或 en / --lang must be zh or en, not %q\n", *lang)
		return exitUsage
	}
	outputs := []string{*pdfPath, *xlsxPath}
	if code := refuseOutputs(stderr, *db, outputs); code != exitOK {
		return code
	}
	open := openStoreToRead // only --issue writes (the register)
	if *issue {
		open = openStore
	}
	s, code := open(*db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	kind := reports.BriefKindNamed(pos[0])
	fonts, err := settingsBriefFonts(context.Background(), s)
	if err != nil {
		return refuse(stderr, err)
	}
	if code := refuseOutputs(stderr, *db, outputs, fontFiles(fonts)...); code != exitOK {
		return code
	}
	// Characters no font has are listed by record and field before anything is written or registered.
	b, err := kind.Load(context.Background(), s, *year, *lang, data.Today(), fonts)
	if err != nil {
		return refuse(stderr, err)
	}
	if printMissingChars(stderr, b.Value, fonts, *mark) {
		if !*mark {
			return exitRefused
		}
		fonts = fonts.WithMarkMissing(true)
		b.SetFonts(fonts)
	}
	if *issue {
		return issueBrief(s, kind, *year, *lang, fonts, *pdfPath, *xlsxPath, stdout, stderr)
	}
	return writeBriefFiles(*pdfPath, b.WritePDF, *xlsxPath, b.WriteXLSX, stdout, stderr)
}

// issueBrief registers a brief and writes the files the register keeps to the paths given.
func issueBrief(s *data.Store, kind *reports.BriefKind, year int, lang string, fonts *reports.FontSet,
	pdfPath, xlsxPath string, stdout, stderr io.Writer) int {
	ctx := context.Background()
	issued, err := reports.IssueBrief(ctx, s, s, kind, year, lang, data.Today(), fonts, nil)
	if err != nil {
		return refuse(stderr, err)
	}
	fmt.Fprintf(stdout, "第%d期\t%s\t%d\n", issued.IssueNo, issued.Title, issued.ID)
	return saveIssuedBrief(s, issued.ID, pdfPath, xlsxPath, stdout, stderr)
}

// saveIssuedBrief writes the stored files of an issued brief, byte for byte, to the paths given.
func saveIssuedBrief(s *data.Store, id int64, pdfPath, xlsxPath string, stdout, stderr io.Writer) int {
	stored := func(format string) func(io.Writer) error {
		return func(w io.Writer) error {
			b, err := s.IssuedBriefFile(context.Background(), id, format)
			if err == nil {
				_, err = w.Write(b)
			}
			return err
		}
	}
	return writeBriefFiles(pdfPath, stored(data.BriefPDF), xlsxPath, stored(data.BriefXLSX), stdout, stderr)
}

// writeBriefFiles writes each file whose path is given and prints its path.
func writeBriefFiles(pdfPath string, pdf func(io.Writer) error, xlsxPath string, xlsx func(io.Writer) error,
	stdout, stderr io.Writer) int {
	for _, out := range []struct {
		path  string
		write func(io.Writer) error
	}{{pdfPath, pdf}, {xlsxPath, xlsx}} {
		if out.path == "" {
			continue
		}
		if err := writeFileAtomic(out.path, out.write); err != nil {
			if de := (*data.Error)(nil); errors.As(err, &de) {
				return refuse(stderr, err)
			}
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
	if err := tmp.Chmod(outputMode(path)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// outputMode is the permission a file written in place of path gets: that of the file it replaces, else the
// usual 0644 (os.CreateTemp makes 0600, which would hide a brief from the other users of a shared folder).
func outputMode(path string) os.FileMode {
	if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() {
		return info.Mode().Perm()
	}
	return 0o644
}
