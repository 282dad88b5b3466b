package main

import (
	"context"
	"fmt"
	"io"

	"scitech/data"
)

// runDemo loads the sample data set into an empty database, or with --scale N a synthetic district of N
// companies for measuring the program at a city's or a province's scale.
func runDemo(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("demo", stderr)
	scale := fs.Int("scale", 0, "build a synthetic district of N companies instead of the sample set")
	pos, err := parseFlags(tr, fs, args)
	if err != nil || len(pos) > 0 {
		return exitUsage
	}
	if *scale > data.MaxScale {
		// Said before the database is opened, which would make an empty one for a district never built.
		fmt.Fprintln(stderr, tr.T("err.scale", nil))
		return exitUsage
	}
	s, code := openStore(tr, *db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	load := s.LoadSample
	if *scale != 0 {
		load = func(ctx context.Context) error { return s.LoadScaled(ctx, *scale) }
	}
	if err := load(ctx); err != nil {
		return refuse(tr, stderr, err)
	}
	n, err := s.CountCompanies(ctx, data.CompanyFilter{})
	if err != nil {
		return refuse(tr, stderr, err)
	}
	if *scale != 0 {
		fmt.Fprintln(stdout, tr.T("demo.scale_loaded", map[string]any{"Companies": n, "Years": data.ScaleYears,
			"Last": data.ScaleLastYear}))
	} else {
		fmt.Fprintln(stdout, tr.T("home.sample_loaded", map[string]any{"Companies": n}))
	}
	fmt.Fprintln(stdout, dbName(*db)) // a server without the password its URL may hold
	return exitOK
}
