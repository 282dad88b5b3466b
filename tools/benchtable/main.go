// Command benchtable reads the output of `go test -bench` (as many runs as given, on standard input or in the
// files named) and prints the table of issue 7: what was measured, the tool's time and memory, its anchor's
// (the raw library doing the same work alone, measured in the same run), the ratio, the goal and whether it
// was met. With -count above 1 each figure is the median of the runs. `make bench` runs it.
//
// Issue 19: the work a PostgreSQL server store does too (searching, sorting, the dashboard, import, export,
// the brief) has a second figure, from the same benchmark run on the server: a sibling sub-benchmark whose
// first part ends in "-pg" (BenchmarkStats/tool-pg beside BenchmarkStats/tool, BenchmarkImport100k/scitech-pg
// beside /scitech). The table prints it beside SQLite's with the ratio server/SQLite, and calls it met when it
// is within 2× of SQLite's and meets the row's own goal (against the same anchor). For a family (every search
// fragment, every sort column) the server's figure is its slowest member, named when it is not SQLite's slowest,
// and the ratio is slowest to slowest; every member whose own ratio is above 2× is listed under the table. A run
// without the server prints the table without those columns.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// row is one line of the table: a benchmark of the tool beside its anchor.
type row struct {
	what           string
	tool, anchor   string // benchmark names without the -GOMAXPROCS suffix
	timeUnit       string // the metric that is the time, in ms ("ns/op" is turned into ms)
	memUnit        string // the metric that is the memory, in MB ("B/op" is turned into MB); "" for none
	memKind        string // what the memory is: "heap" (peak in use), "RSS" (peak resident), "alloc" (per op)
	maxRatio       float64
	maxMs, maxMB   float64
	goal           string
	anchorDescribe string
	pg             string // the same work on the PostgreSQL server; "" when there is none
	pgAnchor       string // the anchor of the server's figure when it has one of its own; else anchor
}

// pgMaxRatio is issue 19's bound: the server within 2× of SQLite.
const pgMaxRatio = 2

var rows = []row{
	{what: "export 100,000 companies (scitech export)", tool: "BenchmarkExport100k/scitech", anchor: "BenchmarkExport100k/excelize",
		pg: "BenchmarkExport100k/scitech-pg", pgAnchor: "BenchmarkExport100k/excelize-pg", timeUnit: "ms", memUnit: "peak-MB", memKind: "heap", maxRatio: 1.15, maxMB: 250, goal: "≤ 1.15×, < 250 MB",
		anchorDescribe: "excelize StreamWriter, same cells"},
	{what: "import 100,000 output rows (read+plan+commit)", tool: "BenchmarkImport100k/scitech", anchor: "BenchmarkImport100k/excelize",
		pg: "BenchmarkImport100k/scitech-pg", timeUnit: "ms", memUnit: "peak-MB", memKind: "heap", maxRatio: 1.3, maxMB: 250, goal: "≤ 1.3×, < 250 MB",
		anchorDescribe: "excelize Rows(), same file"},
	{what: "import 10,000 output rows", tool: "BenchmarkImportOutputs10k", anchor: "BenchmarkExcelizeRows10k",
		timeUnit: "ns/op", memUnit: "B/op", memKind: "alloc", goal: "(issue 3 figure)",
		anchorDescribe: "excelize Rows(), same file"},
	{what: "work brief, 100,000 companies (load+PDF+XLSX, 1 core)", tool: "BenchmarkWorkBrief100k/scitech", anchor: "BenchmarkWorkBrief100k/no-rows",
		pg: "BenchmarkWorkBrief100k/scitech-pg", timeUnit: "ms", memUnit: "B/op", memKind: "alloc", maxMs: 2000, goal: "< 2 s",
		anchorDescribe: "same brief without rows, written alone"},
	{what: "start-up to first frame, 100,000 companies", tool: "BenchmarkStartup100k/scitech", anchor: "BenchmarkStartup100k/empty-window",
		timeUnit: "ms", memUnit: "rss-MB", memKind: "RSS", maxMs: 1500, maxMB: 250, goal: "< 1.5 s; < 250 MB RSS on Companies",
		anchorDescribe: "empty Fyne window"},
	{what: "window with only the Companies list, 100,000 companies", tool: "BenchmarkCompaniesWindow100k/scitech", anchor: "BenchmarkStartup100k/empty-window",
		timeUnit: "ms", memUnit: "rss-MB", memKind: "RSS", maxMB: 250, goal: "< 250 MB RSS",
		anchorDescribe: "empty Fyne window"},
	{what: "search keystroke, first page of 50, 100,000 companies", tool: "BenchmarkCompanySearchPage/tool/*",
		anchor: "BenchmarkCompanySearchPage/sql/*", pg: "BenchmarkCompanySearchPage/tool-pg/*", timeUnit: "ns/op", memUnit: "B/op", memKind: "alloc", maxMs: 30,
		goal: "< 30 ms", anchorDescribe: "plain LIKE query, database/sql"},
	{what: "re-sort the Companies list, first page", tool: "BenchmarkCompanySortPage/tool/*",
		anchor: "BenchmarkCompanySortPage/sql/*", pg: "BenchmarkCompanySortPage/tool-pg/*", timeUnit: "ns/op", memUnit: "B/op", memKind: "alloc", maxMs: 100,
		goal: "< 100 ms", anchorDescribe: "same ORDER BY … LIMIT, database/sql"},
	{what: "dashboard figures of a year (Stats), 1,000,000 patents", tool: "BenchmarkStats/tool", anchor: "BenchmarkStats/sql",
		pg: "BenchmarkStats/tool-pg", timeUnit: "ns/op", memUnit: "B/op", memKind: "alloc", maxMs: 200, goal: "< 200 ms",
		anchorDescribe: "same counts, database/sql"},
	{what: "dashboard screen's reads in the background (2 years' figures, charts, attention)", tool: "BenchmarkDashboard/tool",
		pg: "BenchmarkDashboard/tool-pg", timeUnit: "ns/op", memUnit: "B/op", memKind: "alloc", goal: "(for information)", anchorDescribe: "–"},
	{what: "scroll Companies 1,000 rows: slowest frame", tool: "BenchmarkScrollCompanies100k/scitech", anchor: "BenchmarkScrollCompanies100k/memory-table",
		timeUnit: "max-frame-ms", maxMs: 16, goal: "< 16 ms",
		anchorDescribe: "same table over rows in memory"},
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(-\d+)?\s+(\d+)\s+(.*)$`)

func main() {
	var in []io.Reader
	for _, p := range os.Args[1:] {
		f, err := os.Open(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		in = append(in, f)
	}
	if len(in) == 0 {
		in = append(in, os.Stdin)
	}
	metrics := map[string]map[string][]float64{} // benchmark → unit → values of the runs
	var notes []string
	for _, r := range in {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if strings.Contains(line, "peak heap in use:") {
				notes = append(notes, strings.TrimSpace(line))
			}
			m := benchLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			f := strings.Fields(m[4])
			for i := 0; i+1 < len(f); i += 2 {
				v, err := strconv.ParseFloat(f[i], 64)
				if err != nil {
					continue
				}
				if metrics[m[1]] == nil {
					metrics[m[1]] = map[string][]float64{}
				}
				metrics[m[1]][f[i+1]] = append(metrics[m[1]][f[i+1]], v)
			}
		}
	}

	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	// The server's columns only when some benchmark ran on it.
	hasPG := false
	for name := range metrics {
		hasPG = hasPG || strings.Contains(name, "-pg/") || strings.HasSuffix(name, "-pg")
	}
	line := func(cells ...string) {
		if !hasPG {
			cells = cells[:9]
		}
		fmt.Fprintln(w, strings.Join(cells, "\t"))
	}
	line("what", "scitech time", "scitech memory", "anchor", "anchor time", "anchor memory", "ratio", "goal", "met",
		"PostgreSQL time", "PostgreSQL memory", "PG/SQLite", "PG met (goal, ≤ 2× SQLite)")
	var pgNotes []string
	for _, r := range rows {
		pgTool := r.pg // the server's benchmark: for a family, its slowest member
		if strings.HasSuffix(r.tool, "/*") {
			r = slowest(metrics, r)
			if r.pg != "" {
				pgTool = slowest(metrics, row{tool: r.pg, timeUnit: r.timeUnit}).tool
				pgNotes = append(pgNotes, slowerOnServer(metrics, r.pg, r.tool, r.timeUnit)...)
			}
		}
		tm, tok := value(metrics, r.tool, r.timeUnit)
		am, aok := value(metrics, r.anchor, r.timeUnit)
		if !tok && !aok {
			line(r.what, "(not run)", "", r.anchorDescribe, "", "", "", r.goal, "", "", "", "", "")
			continue
		}
		tmem, tmok := value(metrics, r.tool, r.memUnit)
		amem, amok := value(metrics, r.anchor, r.memUnit)
		timedOut := metrics[r.tool]["timeout"] != nil
		ratio, met := "", meets(r, tm, tok, am, aok, tmem, tmok, timedOut)
		if tok && aok && am > 0 {
			ratio = fmt.Sprintf("%.2f×", tm/am)
		}
		toolTime := ms(tm, tok)
		if timedOut {
			toolTime = "> " + toolTime + " (no frame)"
			ratio, tmok = "", false
		}
		pgTime, pgMem, pgRatio, pgMet := "", "", "", ""
		if r.pg != "" {
			pgTime, pgMem, pgRatio, pgMet = "(not run)", "", "", ""
			if pm, pok := value(metrics, pgTool, r.timeUnit); pok {
				pmem, pmok := value(metrics, pgTool, r.memUnit)
				pgTime, pgMem = ms(pm, true), mb(pmem, pmok, r.memKind)
				if pgTool != r.pg && lastPart(pgTool) != lastPart(r.tool) {
					pgTime += " (slowest: " + lastPart(pgTool) + ")"
				}
				pam, paok := am, aok
				if v, ok := value(metrics, r.pgAnchor, r.timeUnit); ok {
					pam, paok = v, true
				}
				pgMet = meets(r, pm, true, pam, paok, pmem, pmok, false)
				if tok && tm > 0 {
					q := pm / tm
					pgRatio = fmt.Sprintf("%.2f×", q)
					if q > pgMaxRatio {
						pgMet = "NO"
					}
				}
				if pgMet == "–" {
					pgMet = "yes" // the row has no goal of its own: within 2× of SQLite is the server's
				}
			}
		}
		line(r.what, toolTime, mb(tmem, tmok, r.memKind), r.anchorDescribe, ms(am, aok), mb(amem, amok, r.memKind), ratio,
			r.goal, met, pgTime, pgMem, pgRatio, pgMet)
	}
	w.Flush()
	if len(pgNotes) > 0 {
		fmt.Println()
		fmt.Println("on the server above 2× of SQLite (each search fragment or sort column):")
		for _, n := range pgNotes {
			fmt.Println("  " + n)
		}
	}
	if len(notes) > 0 {
		fmt.Println()
		for _, n := range notes {
			fmt.Println(n)
		}
	}
}

// meets says whether a figure meets the row's goal: "yes", "NO", or "–" for a row with no goal.
func meets(r row, tm float64, tok bool, am float64, aok bool, tmem float64, tmok, timedOut bool) string {
	if r.maxRatio == 0 && r.maxMs == 0 && r.maxMB == 0 {
		return "–"
	}
	met := "yes"
	if tok && aok && am > 0 && r.maxRatio > 0 && tm/am > r.maxRatio {
		met = "NO"
	}
	if r.maxMs > 0 && (!tok || tm >= r.maxMs || timedOut) {
		met = "NO"
	}
	if r.maxMB > 0 && (!tmok || tmem >= r.maxMB) {
		met = "NO"
	}
	return met
}

// slowerOnServer lists the members of the server's family pgFamily (a name ending in "/*") whose time is above
// 2× of the same member's on SQLite (sqliteMember is one of SQLite's family).
func slowerOnServer(metrics map[string]map[string][]float64, pgFamily, sqliteMember, unit string) []string {
	pgPrefix := strings.TrimSuffix(pgFamily, "*")
	sqlitePrefix := strings.TrimSuffix(sqliteMember, lastPart(sqliteMember))
	var names []string
	for name := range metrics {
		if strings.HasPrefix(name, pgPrefix) {
			names = append(names, strings.TrimPrefix(name, pgPrefix))
		}
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		pm, pok := value(metrics, pgPrefix+n, unit)
		sm, sok := value(metrics, sqlitePrefix+n, unit)
		if pok && sok && sm > 0 && pm/sm > pgMaxRatio {
			out = append(out, fmt.Sprintf("%s%s: %s on the server, %s on SQLite (%.1f×)", pgPrefix, n, ms(pm, true), ms(sm, true), pm/sm))
		}
	}
	return out
}

// lastPart is the part of a benchmark's name after its last slash.
func lastPart(name string) string { return name[strings.LastIndex(name, "/")+1:] }

// slowest turns a row over a family of benchmarks (tool and anchor ending in "/*": one sub-benchmark per
// search fragment or sort column) into the row of the family member whose tool time is the longest, beside
// the anchor of the same name.
func slowest(metrics map[string]map[string][]float64, r row) row {
	toolPrefix, anchorPrefix := strings.TrimSuffix(r.tool, "*"), strings.TrimSuffix(r.anchor, "*")
	worst, worstMs := "", -1.0
	for name := range metrics {
		if !strings.HasPrefix(name, toolPrefix) {
			continue
		}
		if v, ok := value(metrics, name, r.timeUnit); ok && (v > worstMs || v == worstMs && name < toolPrefix+worst) {
			worst, worstMs = strings.TrimPrefix(name, toolPrefix), v
		}
	}
	r.tool, r.anchor = toolPrefix+worst, anchorPrefix+worst
	if worst != "" {
		r.what += " (slowest: " + worst + ")"
	}
	return r
}

// value is the median of a benchmark's metric over the runs, in ms or MB.
func value(metrics map[string]map[string][]float64, bench, unit string) (float64, bool) {
	if unit == "" {
		return 0, false
	}
	vs := metrics[bench][unit]
	if len(vs) == 0 {
		return 0, false
	}
	s := append([]float64(nil), vs...)
	sort.Float64s(s)
	v := s[len(s)/2]
	switch unit {
	case "ns/op":
		v /= 1e6
	case "B/op":
		v /= 1 << 20
	}
	return v, true
}

func ms(v float64, ok bool) string {
	switch {
	case !ok:
		return "–"
	case v >= 100:
		return fmt.Sprintf("%.0f ms", v)
	default:
		return fmt.Sprintf("%.2f ms", v)
	}
}

func mb(v float64, ok bool, kind string) string {
	switch {
	case !ok:
		return "–"
	case v < 1:
		return fmt.Sprintf("%.0f KB %s", v*1024, kind)
	}
	return fmt.Sprintf("%.0f MB %s", v, kind)
}
