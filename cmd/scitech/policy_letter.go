package main

import (
	"context"
	"fmt"
	"io"

	"scitech/assets"
	"scitech/data"
	"scitech/reports"
)

// policyPapers are the files `scitech policy` writes when asked: a company's check-up letter (--company) or the
// 高企培育库, as PDF and XLSX, in the language given.
type policyPapers struct {
	pdf, xlsx, lang string
	db              string // the database, which no paper may be written over
}

func (pp policyPapers) wanted() bool { return pp.pdf != "" || pp.xlsx != "" }

// refuse checks the flags before the store is opened: a language the papers have, a pipeline only of 高企 (科小
// has no pipeline: a company registers itself each year), and no output over the database.
func (pp policyPapers) refuse(tr *assets.Translator, db, company string, p data.Policy, stderr io.Writer) int {
	if !pp.wanted() {
		return exitOK
	}
	switch {
	case pp.lang != "zh" && pp.lang != "en":
		fmt.Fprintf(stderr, "--lang 只能是 zh 或 en / --lang must be zh or en, not %q\n", pp.lang)
		return exitUsage
	case company == "" && p != data.PolicyGaoqi:
		fmt.Fprintln(stderr, tr.T("policy_letter.cli.pool_gaoqi"))
		return exitUsage
	}
	return refuseOutputs(tr, stderr, db, []string{pp.pdf, pp.xlsx})
}

// write writes the papers: with a company, its letter holding both policies' checks of the year (the 政策体检
// the window prints), or only the one asked for when the other has no rules for the year; without, the 培育库
// of the year, the district's 高企 checks kept as they come (reports.InPolicyPool) so that the checks of every
// company are never all held.
func (pp policyPapers) write(ctx context.Context, tr *assets.Translator, s *data.Store, p data.Policy, year int, company string,
	stdout, stderr io.Writer) int {
	settings, err := s.BriefSettings(ctx)
	if err != nil {
		return refuse(tr, stderr, err)
	}
	fonts, err := settingsBriefFonts(ctx, s)
	if err != nil {
		return refuse(tr, stderr, err)
	}
	// A font chosen in Settings is read to print the papers: a paper named as it would replace it (as brief
	// refuses).
	if code := refuseOutputs(tr, stderr, pp.db, []string{pp.pdf, pp.xlsx}, fontFiles(fonts)...); code != exitOK {
		return code
	}
	head := reports.BriefHeader{Settings: settings, Date: data.Today(), Lang: pp.lang, Fonts: fonts}
	if company != "" {
		l := reports.PolicyLetter{BriefHeader: head}
		for _, policy := range []data.Policy{data.PolicyGaoqi, data.PolicyKexiao} {
			if _, err := data.RuleSetFor(policy, year); err != nil && policy != p {
				// The other policy has no rules that year (科小's begin in 2022): the letter of a 高企 check of
				// 2021 holds that check alone, where it was refused whole.
				continue
			}
			pc, err := s.PolicyCheckOf(ctx, policy, year, company)
			if err != nil {
				return refuse(tr, stderr, err)
			}
			l.Checks = append(l.Checks, pc)
		}
		return writeBriefFiles(tr, pp.pdf, func(w io.Writer) error { return reports.WritePolicyLetterPDF(w, l) },
			pp.xlsx, func(w io.Writer) error { return reports.WritePolicyLetterXLSX(w, l) }, stdout, stderr)
	}
	pool := reports.PolicyPool{BriefHeader: head, Year: year}
	err = s.PolicyChecks(ctx, p, year, "", func(pc *data.PolicyCheck) error {
		pool.Checked++
		if reports.InPolicyPool(pc) {
			pool.Checks = append(pool.Checks, *pc)
		}
		return nil
	})
	if err != nil {
		return refuse(tr, stderr, err)
	}
	reports.RankPolicyPool(pool.Checks)
	return writeBriefFiles(tr, pp.pdf, func(w io.Writer) error { return reports.WritePolicyPoolPDF(w, pool) },
		pp.xlsx, func(w io.Writer) error { return reports.WritePolicyPoolXLSX(w, pool) }, stdout, stderr)
}
