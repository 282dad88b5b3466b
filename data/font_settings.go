package data

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BriefFontRoles are the roles a brief's fonts play, as package reports names them (title 小标宋, body 仿宋,
// heading 黑体, sub-heading 楷体). A font file set for a role is kept under "brief.font.<role>".
var BriefFontRoles = []string{"title", "body", "heading", "subheading"}

const briefFontPrefix = "brief.font."

// maxFontPath bounds a font path; Windows paths longer than this are not usable anyway.
const maxFontPath = 1024

// BriefFonts reads the font file the user set for each role, by role; a role without its own file is absent.
func (s *Store) BriefFonts(ctx context.Context) (map[string]string, error) {
	return briefFonts(ctx, s.db)
}

func briefFonts(ctx context.Context, q querier) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM setting WHERE key LIKE 'brief.font.%'`)
	if err != nil {
		return nil, internal(err, "cannot read the brief fonts")
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, internal(err, "cannot read the brief fonts")
		}
		if role := strings.TrimPrefix(k, briefFontPrefix); slices.Contains(BriefFontRoles, role) && v != "" {
			out[role] = v
		}
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot read the brief fonts")
	}
	return out, nil
}

// SetBriefFont sets the font file of a role; an empty path puts the role back to its default fonts. Whether
// the file is a font a brief can use is checked by the caller (package reports reads fonts; data does not).
// The change writes one audit row with the role's file before and after.
func (s *Store) SetBriefFont(ctx context.Context, role, path string) error {
	path = strings.TrimSpace(path)
	if err := validateFontSetting(role, path); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := briefFonts(ctx, tx)
		if err != nil {
			return err
		}
		if before[role] == path {
			return nil // nothing changes, nothing to record
		}
		if path == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM setting WHERE key = ?`, briefFontPrefix+role)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, briefFontPrefix+role, path)
		}
		if err != nil {
			return internal(err, "cannot save the brief font")
		}
		type fontSetting struct{ Role, Path string }
		return s.audit(ctx, tx, "setting", 0, "update", fontSetting{role, before[role]}, fontSetting{role, path})
	})
}

func validateFontSetting(role, path string) error {
	if !slices.Contains(BriefFontRoles, role) {
		return &Error{Code: Invalid, Field: "role", Key: "err.font_role", Args: map[string]any{"Role": role},
			Message: fill("there is no font role {{.Role}}", map[string]any{"Role": role})}
	}
	if len(path) > maxFontPath || !utf8.ValidString(path) || strings.ContainsFunc(path, unicode.IsControl) {
		return &Error{Code: Invalid, Field: "path", Key: "err.font_path", Message: "the font path is not a usable file name"}
	}
	return nil
}
