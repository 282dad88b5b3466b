package data

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Workflow is the set of statuses a record moves through and the steps allowed between them. The store
// checks every change of status against it and keeps each step in a history table.
type Workflow struct {
	Initial  string              // the status a new record starts in
	Statuses []string            // every status, in the order lists offer them
	steps    map[string][]string // status → the statuses it may move to
}

// Next lists the statuses a record in status from may move to, in the order of Statuses.
func (w *Workflow) Next(from string) []string {
	return append([]string(nil), w.steps[from]...)
}

// Allows reports whether a record may move from one status to another.
func (w *Workflow) Allows(from, to string) bool {
	for _, s := range w.steps[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Has reports whether s is a status of the workflow.
func (w *Workflow) Has(s string) bool {
	for _, st := range w.Statuses {
		if st == s {
			return true
		}
	}
	return false
}

// Check refuses a step the workflow does not list, naming the field "status". The arguments From and To are
// status codes; the window shows them in the user's language.
func (w *Workflow) Check(from, to string) error {
	if w.Allows(from, to) {
		return nil
	}
	e := invalid("err.incubate.step", "cannot go from {{.From}} to {{.To}}", map[string]any{"From": from, "To": to})
	e.Field = "status"
	return e
}

// StatusChange is one step of a record's history: on Day it moved From one status To another (From is empty
// for the step that created it), with an optional Note, by Operator.
type StatusChange struct {
	ID       int64
	Day      time.Time
	From     string
	To       string
	Note     string
	Operator string
}

// workflowTable names the tables of one record kind that follows a workflow: the record's table (with status and
// status_date columns), its history table and the workflow itself. The names are constants, never user input.
type workflowTable struct {
	table   string // also the audit log's entity
	history string
	flow    *Workflow
}

// workflowStep is what the audit log keeps of a move.
type workflowStep struct {
	Status string
	Date   string
	Note   string `json:",omitempty"`
}

// workflowDeletion is what the audit log keeps of a deleted record: the record and its history.
type workflowDeletion[T any] struct {
	Application T
	History     []StatusChange
}

// maxStepNoteLen is the longest note a step may carry.
const maxStepNoteLen = 500

// moveAlong takes a record one step along its workflow on day, checking the step, the date and the note, and writes
// the history and audit rows in the caller's transaction.
func (s *Store) moveAlong(ctx context.Context, tx *sql.Tx, t workflowTable, id int64, to string, day time.Time, note string) error {
	var from, fromDay string
	err := tx.QueryRowContext(ctx, `SELECT status, status_date FROM `+t.table+` WHERE id = ?`, id).Scan(&from, &fromDay)
	if isNoRows(err) {
		return notFound(t.table, id)
	}
	if err != nil {
		return internal(err, "cannot read the record")
	}
	day = dateOnly(day)
	note = strings.TrimSpace(note)
	var errs Errors
	errs.add("status", t.flow.Check(from, to))
	errs.add("step_date", validateWorkflowDay(day, scanDate(&fromDay)))
	errs.add("step_note", maxLen(note, maxStepNoteLen))
	if err := errs.Err(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE `+t.table+` SET status = ?, status_date = ? WHERE id = ?`,
		to, FormatDate(day), id); err != nil {
		return internal(err, "cannot change the status")
	}
	if err := s.writeWorkflowStep(ctx, tx, t, id, day, from, to, note); err != nil {
		return err
	}
	return s.audit(ctx, tx, t.table, id, "update", workflowStep{Status: from, Date: fromDay},
		workflowStep{Status: to, Date: FormatDate(day), Note: note})
}

// validateWorkflowDay checks the date of a step: required, not in the future, not before the current status began.
func validateWorkflowDay(day, since time.Time) error {
	if day.IsZero() {
		return invalid("err.required", "is required", nil)
	}
	if err := ValidatePastDate(day); err != nil {
		return err
	}
	if day.Before(since) {
		return invalid("err.incubate.step_date", "{{.Value}} is before the current status began ({{.Since}})",
			map[string]any{"Value": FormatDate(day), "Since": FormatDate(since)})
	}
	return nil
}

// writeWorkflowStep adds a row to a record's history.
func (s *Store) writeWorkflowStep(ctx context.Context, tx *sql.Tx, t workflowTable, id int64, day time.Time, from, to, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO `+t.history+` (application_id, day, from_status, to_status, note, operator)
		VALUES (?, ?, ?, ?, ?, ?)`, id, FormatDate(day), from, to, note, s.operator)
	if err != nil {
		return internal(err, "cannot write the history")
	}
	return nil
}

// workflowHistory lists a record's steps, oldest first.
func workflowHistory(ctx context.Context, q querier, t workflowTable, id int64) ([]StatusChange, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, day, from_status, to_status, note, operator FROM `+t.history+`
		WHERE application_id = ? ORDER BY day, id`, id)
	if err != nil {
		return nil, internal(err, "cannot read the history")
	}
	defer rows.Close()
	var out []StatusChange
	for rows.Next() {
		var c StatusChange
		var day string
		if err := rows.Scan(&c.ID, &day, &c.From, &c.To, &c.Note, &c.Operator); err != nil {
			return nil, internal(err, "cannot read the history")
		}
		c.Day = scanDate(&day)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot read the history")
	}
	return out, nil
}

// deleteWorkflowHistory removes a record's history rows; the record's own audit row keeps them.
func deleteWorkflowHistory(ctx context.Context, tx *sql.Tx, t workflowTable, id int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.history+` WHERE application_id = ?`, id); err != nil {
		return internal(err, "cannot delete the history")
	}
	return nil
}
