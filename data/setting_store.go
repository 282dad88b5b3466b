package data

import (
	"context"
	"database/sql"
	"strconv"
)

// Setting keys kept in the database (they travel with the records, unlike window preferences).
const (
	SettingIssuingUnit = "brief.issuing_unit"
	SettingBriefName   = "brief.name"
	SettingIssueNo     = "brief.issue_no"
)

// BriefSettings are what the red header of a brief says.
type BriefSettings struct {
	IssuingUnit string // 旅顺口区科学技术局
	BriefName   string // 科技工作简报
	IssueNo     int    // 第X期
}

// DefaultBriefSettings are used until the user changes them.
var DefaultBriefSettings = BriefSettings{IssuingUnit: "旅顺口区科学技术局", BriefName: "科技工作简报", IssueNo: 1}

// Validate checks the brief settings.
func (b BriefSettings) Validate() error {
	var errs Errors
	errs.add("issuing_unit", ValidateName(b.IssuingUnit))
	errs.add("brief_name", ValidateName(b.BriefName))
	if b.IssueNo < 1 || b.IssueNo > 9999 {
		errs.add("issue_no", invalid("err.issue_no", "must be a whole number from 1 to 9999", nil))
	}
	return errs.Err()
}

// BriefSettings reads the brief settings, with defaults for those never set.
func (s *Store) BriefSettings(ctx context.Context) (BriefSettings, error) {
	return briefSettings(ctx, s.db)
}

func briefSettings(ctx context.Context, q querier) (BriefSettings, error) {
	b := DefaultBriefSettings
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM setting WHERE key IN (?, ?, ?)`,
		SettingIssuingUnit, SettingBriefName, SettingIssueNo)
	if err != nil {
		return b, internal(err, "cannot read settings")
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return b, internal(err, "cannot read settings")
		}
		switch k {
		case SettingIssuingUnit:
			b.IssuingUnit = v
		case SettingBriefName:
			b.BriefName = v
		case SettingIssueNo:
			if n, err := strconv.Atoi(v); err == nil {
				b.IssueNo = n
			}
		}
	}
	return b, rows.Err()
}

// SetBriefSettings validates and saves the brief settings, with one audit row.
func (s *Store) SetBriefSettings(ctx context.Context, b BriefSettings) error {
	if err := b.Validate(); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := briefSettings(ctx, tx)
		if err != nil {
			return err
		}
		for k, v := range map[string]string{SettingIssuingUnit: b.IssuingUnit, SettingBriefName: b.BriefName,
			SettingIssueNo: strconv.Itoa(b.IssueNo)} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return internal(err, "cannot save settings")
			}
		}
		return s.audit(ctx, tx, "setting", 0, "update", before, b)
	})
}
