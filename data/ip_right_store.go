package data

import (
	"context"
	"database/sql"
)

const ipRightColumns = `id, company_id, kind, reg_no, title, granted, used_in`

func scanIPRight(row interface{ Scan(...any) error }) (IPRight, error) {
	var r IPRight
	var granted *string
	err := row.Scan(&r.ID, &r.CompanyID, &r.Kind, &r.RegNo, &r.Title, &granted, &r.UsedIn)
	r.Granted = scanDate(granted)
	return r, err
}

// IPRights lists a company's IP rights besides patents, newest first.
func (s *Store) IPRights(ctx context.Context, companyID int64) ([]IPRight, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+ipRightColumns+` FROM ip_right WHERE company_id = ?
		ORDER BY granted DESC, id`, companyID)
	if err != nil {
		return nil, internal(err, "cannot list the IP rights")
	}
	defer rows.Close()
	var out []IPRight
	for rows.Next() {
		r, err := scanIPRight(rows)
		if err != nil {
			return nil, internal(err, "cannot list the IP rights")
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (r *IPRight) normalize() {
	if r.Kind == "software_copyright" {
		r.RegNo = NormalizeSoftwareCopyrightNo(r.RegNo)
	}
	r.Granted = dateOnly(r.Granted)
}

// CreateIPRight validates and records a right, setting its ID; a number already recorded for its kind is a
// conflict.
func (s *Store) CreateIPRight(ctx context.Context, r *IPRight) error {
	r.normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO ip_right (company_id, kind, reg_no, title, granted, used_in)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, r.CompanyID, r.Kind, r.RegNo, r.Title, FormatDate(r.Granted),
			r.UsedIn).Scan(&r.ID)
		if err != nil {
			return ipRightError(err)
		}
		return s.audit(ctx, tx, "ip_right", r.ID, "create", nil, r)
	})
}

// UpdateIPRight validates and saves a changed right (marking it used in a recognition, say).
func (s *Store) UpdateIPRight(ctx context.Context, r *IPRight) error {
	r.normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := scanIPRight(tx.QueryRowContext(ctx, `SELECT `+ipRightColumns+` FROM ip_right WHERE id = ?`, r.ID))
		if isNoRows(err) {
			return notFound("IP right", r.ID)
		}
		if err != nil {
			return internal(err, "cannot read the IP right")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE ip_right SET company_id = ?, kind = ?, reg_no = ?, title = ?, granted = ?,
			used_in = ? WHERE id = ?`, r.CompanyID, r.Kind, r.RegNo, r.Title, FormatDate(r.Granted), r.UsedIn, r.ID); err != nil {
			return ipRightError(err)
		}
		return s.audit(ctx, tx, "ip_right", r.ID, "update", before, r)
	})
}

// DeleteIPRight deletes a right.
func (s *Store) DeleteIPRight(ctx context.Context, id int64) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := scanIPRight(tx.QueryRowContext(ctx, `SELECT `+ipRightColumns+` FROM ip_right WHERE id = ?`, id))
		if isNoRows(err) {
			return notFound("IP right", id)
		}
		if err != nil {
			return internal(err, "cannot read the IP right")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM ip_right WHERE id = ?`, id); err != nil {
			return internal(err, "cannot delete the IP right")
		}
		return s.audit(ctx, tx, "ip_right", id, "delete", before, nil)
	})
}

func ipRightError(err error) error {
	if e := conflictOr(err, "reg_no", "err.ip.taken", "this registration number is already recorded", nil); ErrorCode(e) == Conflict {
		return e
	}
	if isForeignKey(err) {
		return &Error{Code: Invalid, Field: "company", Key: "err.company.unknown", Message: "the company does not exist"}
	}
	return internal(err, "cannot save the IP right")
}
