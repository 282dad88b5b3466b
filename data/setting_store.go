package data

import (
	"context"
	"database/sql"
)

// Setting keys kept in the database (they travel with the records, unlike window preferences). The number a
// brief made without 签发 printed (brief.issue_no) is no longer one: a draft has no number (issue 17), and a
// value older versions stored is left unread.
const (
	SettingIssuingUnit = "brief.issuing_unit"
	SettingBriefName   = "brief.name"
	SettingDraftMark   = "brief.draft_mark"
)

// What the header of a draft (a brief made without 签发) says where an issued one says 第X期: the word 草稿, or
// the number left blank (第　期) to be written in by hand, as the bureau prefers.
const (
	DraftMarkWord  = "word"
	DraftMarkBlank = "blank"
)

// BriefSettings are what the red header of a brief says.
//
// The fields after IssueNo are tagged json:"-": a brief embeds its settings, and DataHash hashes the brief's
// JSON with them zeroed, which a new field would change (as "DraftMark":"") for every brief issued before it.
type BriefSettings struct {
	IssuingUnit string // 旅顺口区科学技术局
	BriefName   string // 科技工作简报
	// IssueNo is the 第X期 of an issued brief, given by the brief register as it is issued; 0 is a draft. It is
	// not a setting: the store always reads 0.
	IssueNo int
	// DraftMark is what a draft's header says instead of a number: DraftMarkWord or DraftMarkBlank; "" reads as
	// DraftMarkWord.
	DraftMark string `json:"-"`
	// Corrects is, on an issued correction (更正), the 第X期 it replaces; 0 on any other brief.
	Corrects int `json:"-"`
}

// DefaultBriefSettings are used until the user changes them.
var DefaultBriefSettings = BriefSettings{IssuingUnit: "旅顺口区科学技术局", BriefName: "科技工作简报", DraftMark: DraftMarkWord}

// Validate checks the brief settings. IssueNo and Corrects are not settings and are not checked.
func (b BriefSettings) Validate() error {
	var errs Errors
	errs.add("issuing_unit", ValidateName(b.IssuingUnit))
	errs.add("brief_name", ValidateName(b.BriefName))
	if b.DraftMark != "" && b.DraftMark != DraftMarkWord && b.DraftMark != DraftMarkBlank {
		errs.add("draft_mark", invalid("err.draft_mark", "must be word or blank", nil))
	}
	return errs.Err()
}

// briefSettingsAudit is what the audit log keeps of a change to the brief settings: the settings themselves,
// which BriefSettings' JSON leaves out in part (see its json:"-").
type briefSettingsAudit struct {
	IssuingUnit, BriefName, DraftMark string
}

// BriefSettings reads the brief settings, with defaults for those never set.
func (s *Store) BriefSettings(ctx context.Context) (BriefSettings, error) {
	return briefSettings(ctx, s.db)
}

func briefSettings(ctx context.Context, q querier) (BriefSettings, error) {
	b := DefaultBriefSettings
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM setting WHERE key IN (?, ?, ?)`,
		SettingIssuingUnit, SettingBriefName, SettingDraftMark)
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
		case SettingDraftMark:
			if v == DraftMarkBlank {
				b.DraftMark = v
			}
		}
	}
	return b, rows.Err()
}

// SetBriefSettings validates and saves the brief settings, with one audit row. IssueNo and Corrects are not
// settings and are not saved; an empty DraftMark saves DraftMarkWord.
func (s *Store) SetBriefSettings(ctx context.Context, b BriefSettings) error {
	if err := b.Validate(); err != nil {
		return err
	}
	if b.DraftMark == "" {
		b.DraftMark = DraftMarkWord
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := briefSettings(ctx, tx)
		if err != nil {
			return err
		}
		for k, v := range map[string]string{SettingIssuingUnit: b.IssuingUnit, SettingBriefName: b.BriefName,
			SettingDraftMark: b.DraftMark} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return internal(err, "cannot save settings")
			}
		}
		return s.audit(ctx, tx, "setting", 0, "update", briefSettingsAudit{before.IssuingUnit, before.BriefName, before.DraftMark},
			briefSettingsAudit{b.IssuingUnit, b.BriefName, b.DraftMark})
	})
}
