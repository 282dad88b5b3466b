package data

import (
	"context"
	"database/sql"
	"os"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// BriefFontRoles are the roles a brief's fonts play, as package reports names them (title 小标宋, body 仿宋,
// heading 黑体, sub-heading 楷体). A font file set for a role is kept under "brief.font.<role>".
//
// A font is a file on one computer. On a server, whose setting table every desk shares, each desk keeps its
// own choice under "brief.font.<role>@<desk>" (thisDesk: the computer and its user, as a per-user font file is
// that user's): a font chosen on one desk is never another desk's, so a path that exists on one computer only
// stops no other desk's briefs (issue 19, A19's D18). A choice kept under the plain key (set on a server before,
// or carried in from a desk's file by migrate) is used on a desk that has made none of its own, and only while
// its file exists on that desk. A file's store keeps the plain key, as before.
var BriefFontRoles = []string{"title", "body", "heading", "subheading"}

// thisDesk names this computer and its user, the owner of the brief fonts chosen here on a server.
var thisDesk = sync.OnceValue(func() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "unknown"
	}
	return host + "/" + currentOperator()
})

// fontDesk is the desk whose fonts the store reads and writes: this one on a server, "" (the plain keys) on a
// file.
func (s *Store) fontDesk() string {
	if s.Server() {
		return thisDesk()
	}
	return ""
}

// fontKey is the setting key of a role's font on desk ("": the plain key).
func fontKey(role, desk string) string {
	if desk == "" {
		return briefFontPrefix + role
	}
	return briefFontPrefix + role + "@" + desk
}

const briefFontPrefix = "brief.font."

// maxFontPath bounds a font path; Windows paths longer than this are not usable anyway.
const maxFontPath = 1024

// BriefFonts reads the font file the user set for each role, by role; a role without its own file is absent.
func (s *Store) BriefFonts(ctx context.Context) (map[string]string, error) {
	return briefFonts(ctx, s.db, s.fontDesk())
}

// briefFonts reads the fonts of desk: with desk "" the plain keys; else the desk's own keys, and for a role it
// has none for, the plain key's file if it exists here (a desk's own empty value is its choice of the default).
func briefFonts(ctx context.Context, q querier, desk string) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM setting WHERE key LIKE 'brief.font.%'`)
	if err != nil {
		return nil, internal(err, "cannot read the brief fonts")
	}
	defer rows.Close()
	plain, own := map[string]string{}, map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, internal(err, "cannot read the brief fonts")
		}
		role, at, keyed := strings.Cut(strings.TrimPrefix(k, briefFontPrefix), "@")
		switch {
		case !slices.Contains(BriefFontRoles, role):
		case !keyed:
			plain[role] = v
		case desk != "" && at == desk:
			own[role] = v
		}
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot read the brief fonts")
	}
	out := map[string]string{}
	for _, role := range BriefFontRoles {
		v, ok := own[role]
		if desk == "" {
			v = plain[role]
		} else if !ok && plain[role] != "" && fileExists(plain[role]) {
			v = plain[role]
		}
		if v != "" {
			out[role] = v
		}
	}
	return out, nil
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// SetBriefFont sets the font file of a role; an empty path puts the role back to its default fonts. Whether
// the file is a font a brief can use is checked by the caller (package reports reads fonts; data does not).
// The change writes one audit row with the role's file before and after.
func (s *Store) SetBriefFont(ctx context.Context, role, path string) error {
	return s.setBriefFont(ctx, role, path, s.fontDesk())
}

// setBriefFont sets the font of a role on desk ("": the plain key). A desk going back to the default keeps an
// empty value of its own, so that a plain key's font is not taken up again.
func (s *Store) setBriefFont(ctx context.Context, role, path, desk string) error {
	path = strings.TrimSpace(path)
	if err := validateFontSetting(role, path); err != nil {
		return err
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		before, err := briefFonts(ctx, tx, desk)
		if err != nil {
			return err
		}
		if before[role] == path {
			return nil // nothing changes, nothing to record
		}
		if path == "" && desk == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM setting WHERE key = ?`, fontKey(role, desk))
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, fontKey(role, desk), path)
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
