package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
)

// runStats prints the figures of a year, one name<TAB>value line each, or as a JSON object.
func runStats(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("stats", stderr)
	year := fs.Int("year", 0, "report year")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(tr, fs, args)
	if err != nil || len(pos) > 0 {
		return exitUsage
	}
	if *year == 0 {
		fmt.Fprintln(stderr, "缺少 --year / --year is required")
		return exitUsage
	}
	s, code := openStoreToRead(tr, *db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	st, err := s.Stats(context.Background(), *year)
	if err != nil {
		return refuse(tr, stderr, err)
	}
	figs := st.Figures()
	if *asJSON {
		m := make(map[string]string, len(figs))
		for _, f := range figs {
			m[f.Name] = f.Value
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m); err != nil {
			return exitUsage
		}
		return exitOK
	}
	for _, f := range figs {
		fmt.Fprintf(stdout, "%s\t%s\n", f.Name, f.Value)
	}
	return exitOK
}
