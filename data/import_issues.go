package data

import (
	"strings"
	"unicode/utf8"
)

// The problems and warnings an import keeps. A workbook of a million bad rows has millions of problems: kept
// whole they took gigabytes and printed millions of lines nobody reads. A plan keeps the first MaxImportIssues
// of each list, in the order they were found, and counts the rest, so the preview, the command line and the
// problems workbook show the first thousand and say how many more there are — and a plan is refused on the
// count, never on what was kept.

// MaxImportIssues is how many problems, and apart from them how many warnings, an import keeps to show.
const MaxImportIssues = 1000

// IssueCount is every problem found, the ones kept in Issues and the ones only counted (MoreIssues).
func (p ImportPlan) IssueCount() int { return len(p.Issues) + p.MoreIssues }

// WarningCount is every warning found, kept in Warnings or only counted (MoreWarnings).
func (p ImportPlan) WarningCount() int { return len(p.Warnings) + p.MoreWarnings }

// addIssues adds problems after those found before, keeping at most MaxImportIssues.
func (p *ImportPlan) addIssues(list ...ImportIssue) {
	p.Issues, p.MoreIssues = keepIssues(p.Issues, p.MoreIssues, list)
}

// addWarnings adds warnings after those found before, keeping at most MaxImportIssues.
func (p *ImportPlan) addWarnings(list ...ImportIssue) {
	p.Warnings, p.MoreWarnings = keepIssues(p.Warnings, p.MoreWarnings, list)
}

// PrependIssues puts problems found before the plan was made (the reader's: cells it could not read, sheets it
// refused) in front of the plan's own, keeping the first MaxImportIssues of them all. more is how many the
// reader found beyond the ones it passed.
func (p *ImportPlan) PrependIssues(front []ImportIssue, more int) {
	p.Issues, p.MoreIssues = prependKept(front, more, p.Issues, p.MoreIssues)
}

// PrependWarnings puts the reader's warnings (characters removed from a cell, a formula's cached value read) in
// front of the plan's own, keeping the first MaxImportIssues of them all; more is how many the reader counted
// beyond the ones it passed.
func (p *ImportPlan) PrependWarnings(front []ImportIssue, more int) {
	p.Warnings, p.MoreWarnings = prependKept(front, more, p.Warnings, p.MoreWarnings)
}

// prependKept is front (with more not kept) followed by own (with ownMore not kept), as kept and counted.
func prependKept(front []ImportIssue, more int, own []ImportIssue, ownMore int) ([]ImportIssue, int) {
	list, n := keepIssues(nil, 0, front)
	n += more
	if n > 0 { // the reader's were cut short: the plan's own come after the ones not kept
		return list, n + len(own) + ownMore
	}
	list, n = keepIssues(list, n, own)
	return list, n + ownMore
}

// keepIssues appends add to kept as long as kept holds fewer than MaxImportIssues, and counts the rest in
// more. It appends in place: a caller whose kept is shared copies it first.
func keepIssues(kept []ImportIssue, more int, add []ImportIssue) ([]ImportIssue, int) {
	room := max(MaxImportIssues-len(kept), 0)
	if more > 0 {
		room = 0 // once one is only counted, every later one is: the kept ones are the first
	}
	n := min(room, len(add))
	if n > 0 {
		kept = append(kept, add[:n]...)
	}
	return kept, more + len(add) - n
}

// UnplannedImport is the plan of a file whose reader gave up keeping its rows for their problems: the problems
// and warnings it kept, and how many more it counted. It creates and changes nothing and is always refused.
func UnplannedImport(issues []ImportIssue, more int, warnings []ImportIssue, moreWarnings int) ImportPlan {
	p := ImportPlan{Unplanned: true, unchanged: map[string]int{}}
	p.PrependIssues(issues, more)
	p.PrependWarnings(warnings, moreWarnings)
	return p
}

// MaxShownRunes is how many characters of a cell a problem or warning keeps: a cell may hold 32,767, and a
// thousand problems about such cells, each holding its whole value, printed and kept tens of megabytes.
const MaxShownRunes = 1000

// ShownValue is a cell's text as a problem keeps it: whole up to MaxShownRunes characters, else its start and
// "…" in MaxShownRunes, in a copy of its own (the cut does not keep the whole cell's memory alive).
func ShownValue(s string) string {
	if len(s) <= MaxShownRunes { // never more characters than bytes
		return s
	}
	n := 0
	for i := range s {
		if n == MaxShownRunes-1 {
			if _, size := utf8.DecodeRuneInString(s[i:]); i+size == len(s) {
				return s // the last character: nothing to cut
			}
			return strings.Clone(s[:i]) + "…"
		}
		n++
	}
	return s
}
