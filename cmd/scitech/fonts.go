package main

import (
	"context"
	"fmt"
	"io"

	"scitech/assets"
	"scitech/data"
	"scitech/reports"
	"scitech/usertext"
)

// settingsBriefFonts are the fonts briefs are printed with: for each role the file chosen in Settings, then
// the Windows system font, then the bundled one — the fonts the window prints with, so that a brief made on
// the command line looks the same. A file chosen in Settings that cannot be used any more is an error naming
// it (exit 1), not a brief quietly printed in another font.
func settingsBriefFonts(ctx context.Context, s *data.Store) (*reports.FontSet, error) {
	custom, err := s.BriefFonts(ctx)
	if err != nil {
		return nil, err
	}
	roles := make(map[reports.FontRole]string, len(custom))
	for role, path := range custom {
		roles[reports.FontRole(role)] = path
	}
	return reports.ResolveFonts(roles)
}

// printMissingChars lists, one per line, the texts of a brief that hold characters no font has, by record and
// field, and says how to go on; it reports whether there were any. With markMissing (--mark-missing) the
// brief is then written with the characters marked 〓; without it the command stops with exit 1.
func printMissingChars(tr *assets.Translator, w io.Writer, brief any, fonts *reports.FontSet, markMissing bool) bool {
	list := reports.CheckBrief(brief, fonts)
	for _, m := range list {
		fmt.Fprintln(w, usertext.MissingChars(tr, m))
	}
	if len(list) > 0 {
		if markMissing {
			fmt.Fprintln(w, tr.T("missing.cli.marked"))
		} else {
			fmt.Fprintln(w, tr.T("missing.cli.refused"))
		}
	}
	return len(list) > 0
}
