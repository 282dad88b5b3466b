package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"scitech/assets"
	"scitech/data"
)

// runPolicy prints every company's verdict on a policy for a year, one line each (USCC, name, verdict, the
// score's range, what is missing), or with --company the company's rule lines; --json prints the checks as
// data.PolicyCheck values, the same the window shows. --pdf and --xlsx write, with --company, the company's check-up
// letter (both policies) and, without it, the 高企培育库 (policy_letter.go).
func runPolicy(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs, db := newFlags("policy", stderr)
	policy := fs.String("policy", "", "gaoqi or kexiao")
	year := fs.Int("year", 0, "the year whose figures are checked")
	company := fs.String("company", "", "one company's USCC: its rule lines")
	asJSON := fs.Bool("json", false, "print JSON")
	pdfPath := fs.String("pdf", "", "with --company: the check-up letter (PDF); without: the 高企 pipeline (培育库)")
	xlsxPath := fs.String("xlsx", "", "as --pdf, as a workbook")
	lang := fs.String("lang", "zh", "language of the letter or pipeline: zh or en")
	pos, err := parseFlags(tr, fs, args)
	if err != nil || len(pos) > 0 {
		return exitUsage
	}
	if *year == 0 || (*policy != string(data.PolicyGaoqi) && *policy != string(data.PolicyKexiao)) {
		fmt.Fprintln(stderr, tr.T("policy.cli.usage"))
		return exitUsage
	}
	papers := policyPapers{pdf: *pdfPath, xlsx: *xlsxPath, lang: *lang, db: *db}
	if code := papers.refuse(tr, *db, *company, data.Policy(*policy), stderr); code != exitOK {
		return code
	}
	s, code := openStoreToRead(tr, *db, stderr)
	if s == nil {
		return code
	}
	defer s.Close()
	ctx := context.Background()
	p := data.Policy(*policy)
	if papers.wanted() {
		return papers.write(ctx, tr, s, p, *year, *company, stdout, stderr)
	}
	if *company != "" {
		pc, err := s.PolicyCheckOf(ctx, p, *year, *company)
		if err != nil {
			return refuse(tr, stderr, err)
		}
		if *asJSON {
			return writeJSON(stdout, pc)
		}
		printPolicyLines(tr, stdout, pc)
		return exitOK
	}
	var list []data.PolicyCheck
	err = s.PolicyChecks(ctx, p, *year, "", func(pc *data.PolicyCheck) error {
		if *asJSON {
			pc.Lines = nil // the list gives verdicts; a company's lines come with --company
			list = append(list, *pc)
			return nil
		}
		fmt.Fprintln(stdout, strings.Join([]string{pc.USCC, pc.Name, tr.T("policy.verdict." + string(pc.Verdict)),
			policyScore(*pc), policyFields(tr, pc.Missing)}, "\t"))
		return nil
	})
	if err != nil {
		return refuse(tr, stderr, err)
	}
	if *asJSON {
		if list == nil {
			list = []data.PolicyCheck{}
		}
		return writeJSON(stdout, list)
	}
	return exitOK
}

func writeJSON(w io.Writer, v any) int {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return exitUsage
	}
	return exitOK
}

// policyScore is the range of the check's score ("42–90"), or "" when its policy's score was not reached.
func policyScore(pc data.PolicyCheck) string {
	for _, l := range pc.Lines {
		if l.Score != nil {
			if l.Score.Min == l.Score.Max {
				return fmt.Sprint(l.Score.Min)
			}
			return fmt.Sprintf("%d–%d", l.Score.Min, l.Score.Max)
		}
	}
	return ""
}

// policyFields names fields in the user's language; "annual_output.2024" is the row of a year.
func policyFields(tr *assets.Translator, fields []string) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		key, year := f, ""
		if j := strings.LastIndexByte(f, '.'); j > 0 && len(f)-j == 5 && f[j+1] >= '0' && f[j+1] <= '9' {
			key, year = f[:j], f[j+1:]
		}
		name := key
		if tr.Has("policy.field." + key) {
			name = tr.T("policy.field." + key)
		}
		if year != "" {
			name = tr.T("policy.year_of", map[string]any{"Year": year, "Field": name})
		}
		names[i] = name
	}
	return strings.Join(names, tr.T("policy.list_sep"))
}

// printPolicyLines prints one line per rule: clause, threshold, the company's figures, the ratio, verdict and
// reason, tab-separated.
func printPolicyLines(tr *assets.Translator, w io.Writer, pc data.PolicyCheck) {
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", pc.USCC, pc.Name, tr.T("policy.verdict."+string(pc.Verdict)), policyScore(pc))
	for _, l := range pc.Lines {
		figs := make([]string, len(l.Figures))
		for i, f := range l.Figures {
			name := policyFields(tr, []string{f.Field})
			if f.Year != 0 {
				name = tr.T("policy.year_of", map[string]any{"Year": f.Year, "Field": name})
			}
			value := fmt.Sprint(f.Value)
			if f.Unit == "yuan" {
				value = tr.T("policy.wan", map[string]any{"Wan": data.Yuan(f.Value).Wan()})
			}
			figs[i] = name + " " + value
		}
		reason := ""
		if l.Reason != "" {
			reason = tr.T("policy.reason." + l.Reason)
		}
		if len(l.Missing) > 0 {
			reason += tr.T("policy.missing_prefix") + policyFields(tr, l.Missing)
		}
		fmt.Fprintln(w, strings.Join([]string{l.Clause, l.Threshold, strings.Join(figs, tr.T("policy.list_sep")), l.Ratio,
			tr.T("policy.verdict." + string(l.Verdict)), reason}, "\t"))
	}
}
