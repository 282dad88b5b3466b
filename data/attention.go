package data

import (
	"context"
	"slices"
	"sort"
	"time"
)

// Attention windows: how far ahead the dashboard warns, and how long a step may wait before it is flagged.
const (
	AttentionAheadDays = 90
	AttentionWaitDays  = 30
)

// AttentionItem is something that needs the bureau's attention soon.
type AttentionItem struct {
	Kind   string    // "cert_expiring", "application_waiting", "plan_waiting", "patent_term_ending"
	What   string    // the record, as the user knows it (company name, applicant, patent number and title)
	Status string    // the waiting status, for the two waiting kinds
	Day    time.Time // the day it happens (expiry, end of term) or the day the wait began
	Ref    RecordRef // the record to open: the company, the application or the patent
}

// waitingIncubatorStatuses and waitingPlanStatuses are the steps where an application waits for the bureau
// or the incubator to act; the others (signed, contracted, …) last by nature.
var (
	waitingIncubatorStatuses = []string{"submitted", "reviewing", "approved"}
	waitingPlanStatuses      = []string{"submitted", "recommended", "approved"}
)

// Attention lists what needs attention on day today: certificates expiring within 90 days, applications
// waiting more than 30 days in one status, and valid patents whose term ends within 90 days; soonest first,
// among the same day in the order of those kinds. A positive limit keeps the soonest limit items (a city's
// database has tens of thousands, which the dashboard does not list); total counts them all.
func (s *Store) Attention(ctx context.Context, today time.Time, limit int) (items []AttentionItem, total int, err error) {
	today = dateOnly(today)
	ahead := FormatDate(today.AddDate(0, 0, AttentionAheadDays))
	waited := FormatDate(today.AddDate(0, 0, -AttentionWaitDays))
	queries := []struct {
		kind, what, status, day, from string
		ref, refID                    string
		args                          []any
	}{
		{"cert_expiring", "name", "''", "cert_expires", ` FROM company
			WHERE cert_no <> '' AND cert_expires > ? AND cert_expires <= ?`, "company", "id", []any{FormatDate(today), ahead}},
		{"application_waiting", "applicant", "status", "status_date", ` FROM incubator_application
			WHERE status IN (?, ?, ?) AND status_date < ?`, "incubator_application", "id",
			append(strAny(waitingIncubatorStatuses), waited)},
		{"plan_waiting", "c.name || '：' || p.title", "p.status", "p.status_date", ` FROM plan_application p
			JOIN company c ON c.id = p.company_id WHERE p.status IN (?, ?, ?) AND p.status_date < ?`,
			"plan_application", "p.id", append(strAny(waitingPlanStatuses), waited)},
	}
	for _, q := range queries {
		sel := `SELECT ` + q.what + `, ` + q.status + `, ` + q.day + `, ` + q.refID + q.from + ` ORDER BY 3, 1`
		args := q.args
		if limit > 0 {
			sel += ` LIMIT ?`
			args = append(append([]any(nil), args...), limit)
		}
		got, err := s.attentionRows(ctx, q.kind, q.ref, sel, args...)
		if err != nil {
			return nil, 0, err
		}
		n := len(got)
		if limit > 0 && n == limit {
			if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+q.from, q.args...).Scan(&n); err != nil {
				return nil, 0, internal(err, "cannot count what needs attention")
			}
		}
		items, total = append(items, got...), total+n
	}
	ending, n, err := s.patentsEndingTerm(ctx, today, limit)
	if err != nil {
		return nil, 0, err
	}
	items, total = append(items, ending...), total+n
	sort.SliceStable(items, func(i, j int) bool { return items[i].Day.Before(items[j].Day) })
	if limit > 0 && len(items) > limit {
		items = slices.Clip(items[:limit])
	}
	return items, total, nil
}

func strAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// attentionRows reads items of a kind: the record as the user knows it, the status, the day, and the id of the
// record (of kind ref).
func (s *Store) attentionRows(ctx context.Context, kind, ref, q string, args ...any) ([]AttentionItem, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, internal(err, "cannot list what needs attention")
	}
	defer rows.Close()
	var items []AttentionItem
	for rows.Next() {
		var it AttentionItem
		var d string
		if err := rows.Scan(&it.What, &it.Status, &d, &it.Ref.ID); err != nil {
			return nil, internal(err, "cannot list what needs attention")
		}
		it.Kind, it.Day, it.Ref.Entity = kind, scanDate(&d), ref
		items = append(items, it)
	}
	return items, rows.Err()
}

// patentsEndingTerm finds the patents valid today whose term ends within the window, soonest first, by the
// SQL forms of Patent.ValidOn and TermEnds (tests hold them to the Go rules); a positive limit keeps the
// soonest limit of them, and n counts them all. The filing dates a term ending in the window can have narrow
// the candidates through the index on filed.
func (s *Store) patentsEndingTerm(ctx context.Context, today time.Time, limit int) (items []AttentionItem, n int, err error) {
	ends := s.d.PatentTermEnds("t")
	valid, args := s.patentValidSQL("t", today)
	where := ` FROM patent t WHERE ` + valid + ` AND ` + ends + ` <= ? AND (`
	args = append(args, FormatDate(today.AddDate(0, 0, AttentionAheadDays)))
	for i, years := range []int{10, 15, 20} {
		if i > 0 {
			where += ` OR `
		}
		where += `t.filed BETWEEN ? AND ?`
		args = append(args, FormatDate(today.AddDate(-years, 0, 0)), FormatDate(today.AddDate(-years, 0, AttentionAheadDays+1)))
	}
	where += `)`
	q, qargs := `SELECT t.app_no || ' ' || t.title, '', `+ends+`, t.id`+where+` ORDER BY 3, t.app_no`, args
	if limit > 0 {
		q += ` LIMIT ?`
		qargs = append(append([]any(nil), args...), limit)
	}
	if items, err = s.attentionRows(ctx, "patent_term_ending", "patent", q, qargs...); err != nil {
		return nil, 0, err
	}
	n = len(items)
	if limit > 0 && n == limit {
		if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+where, args...).Scan(&n); err != nil {
			return nil, 0, internal(err, "cannot count what needs attention")
		}
	}
	return items, n, nil
}
