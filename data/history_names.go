package data

import (
	"context"
	"strconv"
)

// RecordRef is one record the history speaks of: its kind (the audit log's entity, which is its table's name)
// and its id.
type RecordRef struct {
	Entity string
	ID     int64
}

// recordNameSQL reads, for each kind of record, the words a clerk knows one by. A cooperation has no name of its
// own and is known by its two parties; an annual output row by its company (its year is the history's label).
var recordNameSQL = map[string]string{
	"company":               `SELECT name FROM company WHERE id = ?`,
	"park":                  `SELECT name FROM park WHERE id = ?`,
	"institution":           `SELECT name FROM institution WHERE id = ?`,
	"incubator":             `SELECT name FROM incubator WHERE id = ?`,
	"coop_base":             `SELECT name FROM coop_base WHERE id = ?`,
	"coop_outcome":          `SELECT title FROM coop_outcome WHERE id = ?`,
	"patent":                `SELECT title FROM patent WHERE id = ?`,
	"park_project":          `SELECT title FROM park_project WHERE id = ?`,
	"incubator_application": `SELECT applicant FROM incubator_application WHERE id = ?`,
	"plan_application":      `SELECT title FROM plan_application WHERE id = ?`,
	"annual_output": `SELECT c.name FROM annual_output o JOIN company c ON c.id = o.company_id
		WHERE o.id = ?`,
	"company_fact": `SELECT c.name FROM company_fact f JOIN company c ON c.id = f.company_id WHERE f.id = ?`,
	"ip_right":     `SELECT title FROM ip_right WHERE id = ?`,
	"declared_figures": `SELECT c.name FROM declared_figures d JOIN company c ON c.id = d.company_id
		WHERE d.id = ?`,
	"cooperation": `SELECT c.name, i.name FROM cooperation k JOIN company c ON c.id = k.company_id
		JOIN institution i ON i.id = k.institution_id WHERE k.id = ?`,
}

// RecordNames names records for the history, which keeps only their ids where one record points at another
// (a company's park, a patent's company): each by the words a clerk knows it by — its name or title, a
// cooperation by its company and its institution (two parts, for the window to join in its language), an
// annual output row, a declared figures row and a company fact by its company. A record deleted since is named
// as the audit log last saw it. Refs of unknown kinds, and records never named, are left out of the map.
func (s *Store) RecordNames(ctx context.Context, refs []RecordRef) (map[RecordRef][]string, error) {
	out := map[RecordRef][]string{}
	for _, r := range refs {
		if _, done := out[r]; done || r.ID == 0 {
			continue
		}
		q, known := recordNameSQL[r.Entity]
		if !known {
			continue
		}
		parts, err := s.currentName(ctx, q, r)
		if err != nil {
			return nil, err
		}
		if parts == nil {
			if parts, err = s.auditedName(ctx, r); err != nil {
				return nil, err
			}
		}
		if parts != nil {
			out[r] = parts
		}
	}
	return out, nil
}

// currentName reads a record's name as it is now; nil when the record is gone.
func (s *Store) currentName(ctx context.Context, q string, r RecordRef) ([]string, error) {
	if r.Entity == "cooperation" {
		var company, institution string
		err := s.db.QueryRowContext(ctx, q, r.ID).Scan(&company, &institution)
		if isNoRows(err) {
			return nil, nil
		}
		if err != nil {
			return nil, internal(err, "cannot name a record of the history")
		}
		return []string{company, institution}, nil
	}
	var name string
	err := s.db.QueryRowContext(ctx, q, r.ID).Scan(&name)
	if isNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, internal(err, "cannot name a record of the history")
	}
	return []string{name}, nil
}

// auditedName names a deleted record from what the history kept of it: the row as it was before its last
// change (the change table, by column), else its last audit row (written before the history kept rows, by Go
// field, the record sometimes nested in what was deleted with it). A cooperation or an output row is named by
// the records it pointed at, which the row holds by id or, for a cooperation, by name.
func (s *Store) auditedName(ctx context.Context, r RecordRef) ([]string, error) {
	fields, err := s.lastSeen(ctx, r)
	if err != nil || fields == nil {
		return nil, err
	}
	switch r.Entity {
	case "cooperation":
		if fields["CompanyName"] != "" && fields["InstitutionName"] != "" {
			return []string{fields["CompanyName"], fields["InstitutionName"]}, nil
		}
		company, err := s.partyName(ctx, "company", fields, "company_id", "CompanyID")
		if err != nil || company == "" {
			return nil, err
		}
		institution, err := s.partyName(ctx, "institution", fields, "institution_id", "InstitutionID")
		if err != nil || institution == "" {
			return nil, err
		}
		return []string{company, institution}, nil
	case "annual_output", "declared_figures", "company_fact":
		company, err := s.partyName(ctx, "company", fields, "company_id", "CompanyID")
		if err != nil || company == "" {
			return nil, err
		}
		return []string{company}, nil
	}
	if label := recordLabel(fields); label != "" {
		return []string{label}, nil
	}
	return nil, nil
}

// lastSeen is a deleted record's fields as the history last saw them; nil when it never saw the record.
func (s *Store) lastSeen(ctx context.Context, r RecordRef) (map[string]string, error) {
	var text string
	err := s.db.QueryRowContext(ctx, `SELECT old FROM change WHERE tbl = ? AND row_id = ? AND old IS NOT NULL
		ORDER BY id DESC LIMIT 1`, r.Entity, r.ID).Scan(&text)
	if isNoRows(err) {
		err = s.db.QueryRowContext(ctx, `SELECT coalesce(after, before, '') FROM audit_log
			WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`, r.Entity, r.ID).Scan(&text)
	}
	if isNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, internal(err, "cannot name a record of the history")
	}
	fields, keys := jsonFields(text)
	if recordLabel(fields) == "" {
		// A deletion's audit row holds the record under its kind's name ({"Company": {…}, "Outputs": […]}).
		for _, k := range keys {
			if inner, _ := jsonFields(fields[k]); recordLabel(inner) != "" {
				return inner, nil
			}
		}
	}
	return fields, nil
}

// partyName names the record a deleted one pointed at, by the first of keys its audit row holds.
func (s *Store) partyName(ctx context.Context, entity string, fields map[string]string, keys ...string) (string, error) {
	for _, k := range keys {
		id, err := strconv.ParseInt(fields[k], 10, 64)
		if err != nil || id == 0 {
			continue
		}
		ref := RecordRef{Entity: entity, ID: id}
		parts, err := s.currentName(ctx, recordNameSQL[entity], ref)
		if err == nil && parts == nil {
			parts, err = s.auditedName(ctx, ref)
		}
		if err != nil || parts == nil {
			return "", err
		}
		return parts[0], nil
	}
	return "", nil
}
