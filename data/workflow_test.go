package data

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The steps DESIGN.md allows, written out again here so that a slip in the code's table is caught.
var (
	designIncubatorSteps = map[[2]string]bool{
		{"submitted", "reviewing"}: true, {"reviewing", "approved"}: true, {"reviewing", "rejected"}: true,
		{"approved", "signed"}: true, {"signed", "graduated"}: true, {"signed", "exited"}: true,
		{"submitted", "withdrawn"}: true, {"reviewing", "withdrawn"}: true, {"approved", "withdrawn"}: true,
		{"signed", "withdrawn"}: true,
	}
	designPlanSteps = map[[2]string]bool{
		{"draft", "submitted"}: true, {"submitted", "recommended"}: true, {"recommended", "approved"}: true,
		{"recommended", "rejected"}: true, {"approved", "contracted"}: true, {"contracted", "accepted"}: true,
		{"contracted", "terminated"}: true,
	}
)

func incDay(s string) time.Time {
	t, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// incPathTo finds the shortest way from the initial status to target through the allowed steps.
func incPathTo(initial, target string, steps map[[2]string]bool) []string {
	prev := map[string]string{initial: ""}
	queue := []string{initial}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == target {
			var path []string
			for s := target; s != initial; s = prev[s] {
				path = append([]string{s}, path...)
			}
			return path
		}
		for step := range steps {
			if step[0] == cur {
				if _, seen := prev[step[1]]; !seen {
					prev[step[1]] = cur
					queue = append(queue, step[1])
				}
			}
		}
	}
	return nil
}

// workflowCase drives one record kind through the store, so both workflows run the same table test.
type workflowCase struct {
	name     string
	flow     *Workflow
	steps    map[[2]string]bool
	create   func(t *testing.T, s *Store, start time.Time) int64
	move     func(s *Store, id int64, to string, day time.Time, note string) error
	history  func(s *Store, id int64) ([]StatusChange, error)
	status   func(s *Store, id int64) (string, time.Time)
	entity   string
	nextFunc func(string) []string
}

func workflowCases(t *testing.T, s *Store) []workflowCase {
	ctx := context.Background()
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	inc := Incubator{Name: "大连创新园", Level: "provincial", AreaM2: 12000}
	require.NoError(t, s.CreateIncubator(ctx, &inc))
	return []workflowCase{
		{
			name: "incubator", flow: IncubatorWorkflow, steps: designIncubatorSteps, entity: "incubator_application",
			nextFunc: NextIncubatorStatuses,
			create: func(t *testing.T, s *Store, start time.Time) int64 {
				a := IncubatorApplication{IncubatorID: inc.ID, ApplicantKind: "team", Applicant: "海洋传感创业团队", Submitted: start}
				require.NoError(t, s.CreateIncubatorApplication(ctx, &a))
				return a.ID
			},
			move: func(s *Store, id int64, to string, d time.Time, note string) error {
				return s.MoveIncubatorApplication(ctx, id, to, d, note)
			},
			history: func(s *Store, id int64) ([]StatusChange, error) { return s.IncubatorApplicationHistory(ctx, id) },
			status: func(s *Store, id int64) (string, time.Time) {
				a, err := s.IncubatorApplication(ctx, id)
				require.NoError(t, err)
				return a.Status, a.StatusDate
			},
		},
		{
			name: "plan", flow: PlanWorkflow, steps: designPlanSteps, entity: "plan_application",
			nextFunc: NextPlanStatuses,
			create: func(t *testing.T, s *Store, start time.Time) int64 {
				p := PlanApplication{CompanyID: c.ID, Level: "district", Plan: "旅顺口区科技计划", Title: "海参育苗智能监测",
					Year: 2024, Requested: 300_000, StatusDate: start}
				require.NoError(t, s.CreatePlanApplication(ctx, &p))
				return p.ID
			},
			move: func(s *Store, id int64, to string, d time.Time, note string) error {
				return s.MovePlanApplication(ctx, id, to, d, note)
			},
			history: func(s *Store, id int64) ([]StatusChange, error) { return s.PlanApplicationHistory(ctx, id) },
			status: func(s *Store, id int64) (string, time.Time) {
				p, err := s.PlanApplication(ctx, id)
				require.NoError(t, err)
				return p.Status, p.StatusDate
			},
		},
	}
}

func incFieldOf(err error) string {
	var list Errors
	if errors.As(err, &list) && len(list) > 0 {
		return list[0].Field
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// Every pair of statuses, through the store: the steps DESIGN.md lists succeed and grow the history by one row;
// every other step is refused naming the field "status" and changes nothing.
func TestWorkflowEveryPairOfStatuses(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	for _, wc := range workflowCases(t, s) {
		for _, from := range wc.flow.Statuses {
			path := incPathTo(wc.flow.Initial, from, wc.steps)
			require.True(t, from == wc.flow.Initial || path != nil, "%s: %s cannot be reached", wc.name, from)
			for _, to := range append(append([]string{}, wc.flow.Statuses...), "", "bogus") {
				t.Run(wc.name+"/"+from+"→"+to, func(t *testing.T) {
					start := incDay("2024-01-01")
					id := wc.create(t, s, start)
					d := start
					for _, st := range path {
						d = d.AddDate(0, 0, 1)
						require.NoError(t, wc.move(s, id, st, d, ""), "reaching %s", st)
					}
					before, err := wc.history(s, id)
					require.NoError(t, err)
					require.Len(t, before, len(path)+1)
					audits := auditCount(t, s)

					stepDay := d.AddDate(0, 0, 3)
					err = wc.move(s, id, to, stepDay, "第 "+to+" 步")
					after, herr := wc.history(s, id)
					require.NoError(t, herr)
					status, since := wc.status(s, id)
					if wc.steps[[2]string{from, to}] {
						require.NoError(t, err)
						assert.Equal(t, to, status)
						assert.Equal(t, stepDay, since)
						require.Len(t, after, len(before)+1, "one history row per step")
						last := after[len(after)-1]
						assert.Equal(t, StatusChange{ID: last.ID, Day: stepDay, From: from, To: to, Note: "第 " + to + " 步",
							Operator: "tester"}, last)
						assert.Equal(t, audits+1, auditCount(t, s), "one audit row per step")
						assert.Contains(t, wc.nextFunc(from), to)
					} else {
						require.Error(t, err)
						assert.Equal(t, Invalid, ErrorCode(err))
						assert.Equal(t, "status", incFieldOf(err))
						assert.Equal(t, from, status, "a refused step changes nothing")
						assert.Equal(t, before, after)
						assert.Equal(t, audits, auditCount(t, s))
						assert.NotContains(t, wc.nextFunc(from), to)
					}
				})
			}
		}
	}
}

func TestWorkflowTablesMatchDesign(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		flow  *Workflow
		steps map[[2]string]bool
	}{"incubator": {IncubatorWorkflow, designIncubatorSteps}, "plan": {PlanWorkflow, designPlanSteps}} {
		n := 0
		for _, from := range c.flow.Statuses {
			for _, to := range c.flow.Next(from) {
				assert.True(t, c.steps[[2]string{from, to}], "%s: %s → %s is not in DESIGN.md", name, from, to)
				assert.True(t, c.flow.Has(to))
				n++
			}
		}
		assert.Equal(t, len(c.steps), n, name)
	}
	next := NextIncubatorStatuses("submitted")
	next[0] = "changed"
	assert.Equal(t, []string{"reviewing", "withdrawn"}, NextIncubatorStatuses("submitted"), "callers get a copy")
	assert.Empty(t, NextPlanStatuses("accepted"), "a closed application goes nowhere")
}

func TestWorkflowStepDates(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	for _, wc := range workflowCases(t, s) {
		t.Run(wc.name, func(t *testing.T) {
			id := wc.create(t, s, incDay("2025-03-10"))
			first := wc.flow.Next(wc.flow.Initial)[0]

			err := wc.move(s, id, first, incDay("2025-03-09"), "")
			assert.Equal(t, Invalid, ErrorCode(err), "a day before the current status began")
			assert.Equal(t, "step_date", incFieldOf(err))
			err = wc.move(s, id, first, Today().AddDate(0, 0, 1), "")
			assert.Equal(t, "step_date", incFieldOf(err), "a day in the future")
			err = wc.move(s, id, first, time.Time{}, "")
			assert.Equal(t, "step_date", incFieldOf(err), "no day at all")
			long := make([]rune, maxStepNoteLen+1)
			for i := range long {
				long[i] = '注'
			}
			assert.Equal(t, "step_note", incFieldOf(wc.move(s, id, first, incDay("2025-03-10"), string(long))))
			hist, err := wc.history(s, id)
			require.NoError(t, err)
			require.Len(t, hist, 1, "refused steps leave no trace")
			assert.Equal(t, StatusChange{ID: hist[0].ID, Day: incDay("2025-03-10"), To: wc.flow.Initial, Operator: "tester"}, hist[0])

			require.NoError(t, wc.move(s, id, first, incDay("2025-03-10"), "  同日受理  "), "the same day as the status began")
			hist, err = wc.history(s, id)
			require.NoError(t, err)
			require.Len(t, hist, 2)
			assert.Equal(t, "同日受理", hist[1].Note, "notes are trimmed")

			s.SetOperator("王科员")
			second := wc.flow.Next(first)[0]
			require.NoError(t, wc.move(s, id, second, incDay("2025-04-01"), ""))
			s.SetOperator("tester")
			hist, err = wc.history(s, id)
			require.NoError(t, err)
			assert.Equal(t, "王科员", hist[2].Operator, "the store's operator signs each step")

			assert.Equal(t, NotFound, ErrorCode(wc.move(s, 9999, first, incDay("2025-04-01"), "")))
		})
	}
}

// A step is one transaction: if the audit row cannot be written, neither the status nor the history changes.
func TestWorkflowStepIsAllOrNothing(t *testing.T) {
	t.Parallel()
	s := openTestStore(t)
	wc := workflowCases(t, s)[0]
	id := wc.create(t, s, incDay("2025-01-02"))
	refuseAuditRows(t, s)
	assert.Equal(t, Internal, ErrorCode(wc.move(s, id, "reviewing", incDay("2025-01-03"), "")))
	status, _ := wc.status(s, id)
	assert.Equal(t, "submitted", status)
	hist, err := wc.history(s, id)
	require.NoError(t, err)
	assert.Len(t, hist, 1)
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM incubator_application_history`).Scan(&n))
	assert.Equal(t, 1, n)
}

// refuseAuditRows makes every later insert into audit_log fail, the last write of a step, by a trigger in the
// store's own SQL: SQLite's RAISE(ABORT), or on a server a PL/pgSQL function raising an exception.
func refuseAuditRows(t *testing.T, s *Store) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER no_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no'); END`}
	if s.Server() {
		stmts = []string{
			`CREATE FUNCTION no_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no'; END $$`,
			`CREATE TRIGGER no_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION no_audit()`,
		}
	}
	for _, q := range stmts {
		_, err := s.db.Exec(q)
		require.NoError(t, err)
	}
}
