package main

import (
	"context"
	"fmt"
	"io"

	"scitech/app"
	"scitech/data"
)

// runDemo loads the sample data set into an empty database.
func runDemo(args []string, stdout, stderr io.Writer) int {
	fs, db := newFlags("demo", stderr)
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) > 0 {
		return exitUsage
	}
	s, code := openStore(*db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.LoadSample(ctx); err != nil {
		return refuse(stderr, err)
	}
	n, err := s.CountCompanies(ctx, data.CompanyFilter{})
	if err != nil {
		return refuse(stderr, err)
	}
	fmt.Fprintln(stdout, app.T("home.sample_loaded", map[string]any{"Companies": n}))
	fmt.Fprintln(stdout, *db)
	return exitOK
}
