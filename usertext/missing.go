package usertext

import (
	"fmt"
	"strings"

	"scitech/assets"
	"scitech/reports"
)

// MissingChars says where characters no font has stand, as the window's dialog and the command line list them:
// 企业“大连𪚥科技有限公司”的名称：𪚥（U+2A6A5）. The window's own font lacks most of these characters too, so each
// is also given by its code point, which a user can look up or type.
func MissingChars(tr *assets.Translator, m reports.MissingText) string {
	args := map[string]any{"Kind": tr.T(m.Kind), "Record": m.Record, "Field": tr.T(m.Field), "Chars": charsText(tr, m.Chars)}
	if m.Record == "" {
		return tr.T("missing.row.section", args)
	}
	return tr.T("missing.row", args)
}

// charsText lists characters with their code points: 𪚥（U+2A6A5）、.
func charsText(tr *assets.Translator, chars []rune) string {
	parts := make([]string, len(chars))
	for i, r := range chars {
		parts[i] = tr.T("missing.char", map[string]any{"Char": string(r), "Code": fmt.Sprintf("U+%04X", r)})
	}
	return strings.Join(parts, tr.T("missing.sep"))
}
