package data

import (
	"context"
	"database/sql"
	"maps"
	"path/filepath"
	"sort"
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
	return out
}

// joinOne is plan p checked against the plans of the files before it.
func joinOne(p ImportPlan, earlier []ImportPlan) ImportPlan {
	var clash []ImportIssue
	same := map[string]bool{}
	for id, mine := range p.sets {
		if mine.sum == 0 {
			continue // a row with problems: its own problems say enough
		}
		for _, e := range earlier {
			first, ok := e.sets[id]
			if !ok || first.sum == 0 {
				continue
			}
			if first.sum != mine.sum {
				clash = append(clash, clashIssue(id, mine, first))
			} else {
				same[id] = true
			}
			break
		}
	}
	if len(clash) == 0 && len(same) == 0 {
		return p
	}
	sort.Slice(clash, func(i, j int) bool {
		a, b := clash[i], clash[j]
		return a.Sheet < b.Sheet || a.Sheet == b.Sheet && a.Row < b.Row
	})
	q := p
	q.Issues = append([]ImportIssue(nil), p.Issues...) // p's list is not appended to
	q.addIssues(clash...)
	if len(same) > 0 {
		q.unchanged = maps.Clone(p.unchanged)
		if q.unchanged == nil {
			q.unchanged = map[string]int{}
		}
		q.New, q.Changed = q.leaveTo(p.New, same), q.leaveTo(p.Changed, same)
	}
	return q
}

// leaveTo is the changes of list but those an earlier file makes already (by kind + natural key), which count
// as unchanged.
func (p *ImportPlan) leaveTo(list []ImportChange, same map[string]bool) []ImportChange {
	out := make([]ImportChange, 0, len(list))
	for _, ch := range list {
		if ch.item != nil && same[ch.item.kind+keySep+ch.item.key] {
			p.Unchanged++
			p.unchanged[ch.Kind]++
			continue
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
		db, err := loadImportDB(ctx, tx, joinKeys(plans))
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
	usccs, appNos, insts := map[string]bool{}, map[string]bool{}, map[string]bool{}
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
		for k, on := range p.keys.Kinds {
			out.Kinds[k] = out.Kinds[k] || on
		}
	}
	out.USCCs, out.AppNos, out.Institutions = sortedKeys(usccs), sortedKeys(appNos), sortedKeys(insts)
	return out
}
