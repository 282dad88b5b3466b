package data

import (
	"container/heap"
	"context"
	"database/sql"
	"maps"
	"path/filepath"
	"strconv"
	"strings"
)

// Several files of one import. Each file is planned on its own against the database; JoinImports then checks
// the files against each other, and ApplyImports writes them all in one transaction or none. Written one
// transaction a file, a second file touching a record the first had just written was refused as changed "after
// the preview" while the first stayed written — and the command said nothing was.

// JoinImports checks the plans of files imported together against each other, in their order: a record a
// later file sets to other values than an earlier file is a problem of the later file's row, naming the
// earlier file's row; a record it sets to the same values is left to the earlier file and counted unchanged
// in the later one, so that each record is written once. The plans given are not changed; the first comes
// back as it is.
func JoinImports(plans []ImportPlan) []ImportPlan {
	out := append([]ImportPlan(nil), plans...)
	for i := 1; i < len(out); i++ {
		out[i] = joinOne(plans[i], plans[:i])
	}
	if len(out) > 1 {
		for i := range out {
			out[i] = declaredAgainstOutputs(out[i], i, out)
		}
	}
	return out
}

// declaredAgainstOutputs refuses a new declared row of a year another file of the import gives an output row
// of, as one file giving both is refused (the planner has refused it already when the database holds the
// output row, so the other file's row is a new one).
func declaredAgainstOutputs(p ImportPlan, at int, all []ImportPlan) ImportPlan {
	var issues []ImportIssue
	for _, ch := range p.New {
		if ch.item == nil || ch.item.kind != "declared" {
			continue
		}
		for j, other := range all {
			if j == at {
				continue
			}
			if _, ok := other.sets["outputs"+keySep+ch.item.key]; !ok {
				continue
			}
			mine := p.sets["declared"+keySep+ch.item.key]
			cell := ""
			if i := mine.layout.index("year"); i >= 0 {
				cell = mine.layout.Letters[i] + strconv.Itoa(mine.row)
			}
			year := ch.item.declared.Year
			issues = append(issues, ImportIssue{File: mine.file, Sheet: mine.sheet, Row: mine.row, Cell: cell, Field: "year",
				Value: strconv.Itoa(year), Err: &Error{Code: Invalid, Field: "year", Key: "err.declared.has_output",
					Args: map[string]any{"Year": year}, Message: fill("the company has annual output for {{.Year}}: the rules read that row",
						map[string]any{"Year": year})}})
			break
		}
	}
	if len(issues) == 0 {
		return p
	}
	q := p
	q.Issues, q.MoreIssues = keepIssues(append([]ImportIssue(nil), p.Issues...), p.MoreIssues, issues)
	return q
}

// joinOne is plan p checked against the plans of the files before it. Of the records it sets otherwise than
// an earlier file, only as many are made problems as the plan keeps (the first, by sheet and row); the rest are
// counted: two files of a million rows apart would otherwise build a million problems to keep a thousand.
func joinOne(p ImportPlan, earlier []ImportPlan) ImportPlan {
	room := max(MaxImportIssues-len(p.Issues), 0)
	if p.MoreIssues > 0 {
		room = 0
	}
	clashes := &clashHeap{}
	total, same := 0, 0
	for id, mine := range p.sets {
		first, ok := setEarlier(id, mine, earlier)
		switch {
		case !ok:
		case first.sum == mine.sum:
			same++
		default:
			total++
			heap.Push(clashes, clash{id: id, mine: mine, first: first})
			if clashes.Len() > room {
				heap.Pop(clashes) // the last by sheet and row goes; it is only counted
			}
		}
	}
	if total == 0 && same == 0 {
		return p
	}
	kept := make([]ImportIssue, clashes.Len())
	for i := len(kept) - 1; i >= 0; i-- {
		c := heap.Pop(clashes).(clash)
		kept[i] = clashIssue(c.id, c.mine, c.first)
	}
	q := p
	q.Issues = append(append([]ImportIssue(nil), p.Issues...), kept...) // p's list is not appended to
	q.MoreIssues += total - len(kept)
	if same > 0 {
		q.unchanged = maps.Clone(p.unchanged)
		if q.unchanged == nil {
			q.unchanged = map[string]int{}
		}
		q.New, q.Changed = q.leaveTo(p.New, earlier), q.leaveTo(p.Changed, earlier)
	}
	return q
}

// setEarlier is what the first of the earlier files that sets a record (kind + natural key) sets it to; ok is
// false when none does, or when mine or theirs is a row with problems (whose own problems say enough).
func setEarlier(id string, mine seenRow, earlier []ImportPlan) (seenRow, bool) {
	if mine.sum == 0 {
		return seenRow{}, false
	}
	for _, e := range earlier {
		if first, ok := e.sets[id]; ok && first.sum != 0 {
			return first, true
		}
	}
	return seenRow{}, false
}

// clash is a record a file sets otherwise than an earlier file.
type clash struct {
	id          string
	mine, first seenRow
}

// clashHeap holds the clashes to keep, the last by sheet and row on top, to be dropped first.
type clashHeap []clash

func (h clashHeap) Len() int { return len(h) }
func (h clashHeap) Less(i, j int) bool {
	a, b := h[i].mine, h[j].mine
	return a.sheet > b.sheet || a.sheet == b.sheet && a.row > b.row
}
func (h clashHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *clashHeap) Push(x any)   { *h = append(*h, x.(clash)) }
func (h *clashHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// leaveTo is the changes of list but those an earlier file makes alike (by kind + natural key), which count as
// unchanged.
func (p *ImportPlan) leaveTo(list []ImportChange, earlier []ImportPlan) []ImportChange {
	out := make([]ImportChange, 0, len(list))
	for _, ch := range list {
		if ch.item != nil {
			id := ch.item.kind + keySep + ch.item.key
			mine := p.sets[id]
			if first, ok := setEarlier(id, mine, earlier); ok && first.sum == mine.sum {
				p.Unchanged++
				p.unchanged[ch.Kind]++
				continue
			}
		}
		out = append(out, ch)
	}
	return out
}

// clashIssue is the problem of a row that sets a record an earlier file sets otherwise, on the cell of the
// record's key.
func clashIssue(id string, mine, first seenRow) ImportIssue {
	kind, key, _ := strings.Cut(id, keySep)
	field := importKeyField[kind]
	cell := ""
	if i := mine.layout.index(field); i >= 0 {
		cell = mine.layout.Letters[i] + strconv.Itoa(mine.row)
	}
	args := map[string]any{"File": filepath.Base(first.file), "Sheet": first.sheet, "Row": first.row, "Key": natKeyText(key)}
	return ImportIssue{File: mine.file, Sheet: mine.sheet, Row: mine.row, Cell: cell, Field: field,
		Err: &Error{Code: Invalid, Field: field, Key: "err.apply.other_file", Args: args,
			Message: fill("{{.File}} (row {{.Row}} of {{.Sheet}}) sets {{.Key}} to other values; keep one of the two", args)}}
}

// ApplyImports writes the plans of the files of one import in one transaction: all of them or none. The plans
// are joined first (JoinImports); a problem of any of them then — its own, or a record two files set
// differently — refuses them all (Invalid), and so does a record the database changed since its file was
// previewed (Conflict). Every plan is checked against the database before anything is written. Each file gets
// its own row in the import history, and its result, in the order given.
func (s *Store) ApplyImports(ctx context.Context, plans []ImportPlan, metas []ImportMeta) ([]ImportResult, error) {
	if len(plans) != len(metas) {
		return nil, internal(nil, "an import needs one description per file")
	}
	plans = JoinImports(plans)
	if err := refuseIssues(plans); err != nil {
		return nil, err
	}
	res := make([]ImportResult, len(plans))
	err := s.update(ctx, func(tx *sql.Tx) error {
		db, err := loadImportDB(ctx, s.d, tx, joinKeys(plans))
		if err != nil {
			return err
		}
		for _, p := range plans {
			if err := p.checkCurrent(db); err != nil {
				return err
			}
		}
		w := s.newImportWriter(ctx, tx, db)
		defer w.close()
		for i, p := range plans {
			res[i] = ImportResult{New: len(p.New), Changed: len(p.Changed), Unchanged: p.Unchanged}
			if res[i].ImportID, err = s.logImport(ctx, tx, metas[i], res[i], w.at); err != nil {
				return err
			}
			w.importID = res[i].ImportID
			if err := w.writeAll(p.ordered()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// refuseIssues is the error of plans with problems (or with rows the reader could not read), nil for clean ones.
func refuseIssues(plans []ImportPlan) error {
	n, unread := 0, 0
	for _, p := range plans {
		n, unread = n+p.IssueCount(), unread+p.unread
		if p.Unplanned {
			unread++ // never compared with the database: never written, whatever it counts
		}
	}
	if n == 0 {
		n = unread
	}
	if n == 0 {
		return nil
	}
	return &Error{Code: Invalid, Key: "err.apply.has_issues", Args: map[string]any{"N": n},
		Message: fill("the file has {{.N}} problems; correct them and import it again (nothing was written)", map[string]any{"N": n})}
}

// joinKeys is every key any of the plans read of the database.
func joinKeys(plans []ImportPlan) importKeys {
	if len(plans) == 1 {
		return plans[0].keys
	}
	usccs, appNos, insts, regNos := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	out := importKeys{Kinds: map[string]bool{}}
	for _, p := range plans {
		for _, k := range p.keys.USCCs {
			usccs[k] = true
		}
		for _, k := range p.keys.AppNos {
			appNos[k] = true
		}
		for _, k := range p.keys.Institutions {
			insts[k] = true
		}
		for _, k := range p.keys.RegNos {
			regNos[k] = true
		}
		for k, on := range p.keys.Kinds {
			out.Kinds[k] = out.Kinds[k] || on
		}
	}
	out.USCCs, out.AppNos, out.Institutions, out.RegNos = sortedKeys(usccs), sortedKeys(appNos), sortedKeys(insts), sortedKeys(regNos)
	return out
}
