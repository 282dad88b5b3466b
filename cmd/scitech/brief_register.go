package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"scitech/assets"
	"scitech/data"
	"scitech/reports"
)

// runBriefs lists the brief register, or with "save ID" writes an issued brief's stored files again.
func runBriefs(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("briefs", stderr)
	pdfPath := fs.String("pdf", "", "PDF file to write")
	xlsxPath := fs.String("xlsx", "", "XLSX file to write")
	pos, err := parseFlags(tr, fs, args)
	if err != nil {
		return exitUsage
	}
	var id int64
	switch {
	case len(pos) == 0:
	case pos[0] != "save" || len(pos) != 2:
		fmt.Fprint(stderr, "用法 / usage: scitech briefs [save ID --pdf F --xlsx F]\n\n"+usage)
		return exitUsage
	default:
		if id, err = strconv.ParseInt(pos[1], 10, 64); err != nil || id <= 0 {
			fmt.Fprintf(stderr, "简报编号应为正整数 / the brief's id must be a positive whole number, not %q\n", pos[1])
			return exitUsage
		}
		if *pdfPath == "" && *xlsxPath == "" {
			fmt.Fprintln(stderr, "请给出 --pdf 或 --xlsx / give --pdf or --xlsx")
			return exitUsage
		}
	}
	if code := refuseOutputs(tr, stderr, *db, []string{*pdfPath, *xlsxPath}); code != exitOK {
		return code
	}
	s, code := openStoreToRead(tr, *db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	if id == 0 {
		return listIssuedBriefs(tr, s, stdout, stderr)
	}
	if _, err := s.IssuedBrief(context.Background(), id); err != nil {
		return refuse(tr, stderr, err)
	}
	return saveIssuedBrief(tr, s, id, *pdfPath, *xlsxPath, stdout, stderr)
}

// listIssuedBriefs prints the register, the latest issued first, one brief a line in tab-separated columns,
// saying whether the data each was made from has changed since.
func listIssuedBriefs(tr *assets.Translator, s *data.Store, stdout, stderr io.Writer) int {
	ctx := context.Background()
	list, err := s.ListIssuedBriefs(ctx)
	if err != nil {
		return refuse(tr, stderr, err)
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "id\tyear\tissue\tkind\tlang\tdate\tchanged\ttitle")
	for _, b := range list {
		changed, err := reports.DataChanged(ctx, s, b)
		if err != nil {
			return refuse(tr, stderr, err)
		}
		yes := "no"
		if changed {
			yes = "yes"
		}
		fmt.Fprintf(w, "%d\t%d\t第%d期\t%s\t%s\t%s\t%s\t%s\n", b.ID, b.Year, b.IssueNo, b.Kind, b.Lang,
			data.FormatDate(b.Date), yes, b.Title)
	}
	return flushOr(w, stderr)
}

func flushOr(w *tabwriter.Writer, stderr io.Writer) int {
	if err := w.Flush(); err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	return exitOK
}
