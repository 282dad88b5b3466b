package exchange

import (
	"strings"
	"sync"

	"scitech/assets"
	"scitech/data"
)

// kindLabels is what a sheet of one kind may be called and what its headers and codes may say, folded for
// comparison: the zh and en texts of the export (sheet title "export.kind."+Kind, header "col."+Key, code
// label CodeLabels+code), the synonyms of data.ExchangeSheets, and the keys themselves.
type kindLabels struct {
	sheet     data.ExchangeSheet
	names     map[string]bool
	headers   map[string]int      // folded header → field index
	exact     map[string]int      // header as the template writes it → field index, for the per-row check
	labelZh   []string            // per field
	labelEn   []string            // per field
	codes     []map[string]string // per field: folded label or code → code (fields with fixed codes)
	allowedZh []string            // per field: the labels a code field accepts, for the message
	allowedEn []string
}

var exchangeLabels = sync.OnceValue(func() []*kindLabels {
	zh, en := assets.NewTranslator("zh"), assets.NewTranslator("en")
	out := make([]*kindLabels, 0, len(data.ExchangeSheets))
	for _, s := range data.ExchangeSheets {
		k := &kindLabels{sheet: s, names: map[string]bool{}, headers: map[string]int{}, exact: map[string]int{}}
		for _, n := range append([]string{zh.T("export.kind." + s.Kind), en.T("export.kind." + s.Kind), s.Kind}, s.Synonyms...) {
			k.names[normalizeKey(n)] = true
		}
		for i, f := range s.Fields {
			lz, le := zh.T("col."+f.Key), en.T("col."+f.Key)
			k.labelZh, k.labelEn = append(k.labelZh, lz), append(k.labelEn, le)
			for _, h := range append([]string{lz, le, f.Key}, f.Synonyms...) {
				key, _, _ := headerKey(h)
				if _, taken := k.headers[key]; !taken {
					k.headers[key] = i
				}
				k.exact[h] = i
			}
			codes, allZh, allEn := map[string]string(nil), []string(nil), []string(nil)
			if f.Type == data.ExCode && f.Codes != nil {
				codes = map[string]string{}
				for _, c := range f.Codes {
					cz, ce := zh.T(f.CodeLabels+c), en.T(f.CodeLabels+c)
					codes[normalizeKey(c)], codes[normalizeKey(cz)], codes[normalizeKey(ce)] = c, c, c
					allZh, allEn = append(allZh, cz), append(allEn, ce)
				}
			}
			k.codes = append(k.codes, codes)
			k.allowedZh = append(k.allowedZh, strings.Join(allZh, "、"))
			k.allowedEn = append(k.allowedEn, strings.Join(allEn, ", "))
		}
		out = append(out, k)
	}
	return out
})

// kindByName finds the kind a sheet's name says, or nil.
func kindByName(name string) *kindLabels {
	key := normalizeKey(name)
	for _, k := range exchangeLabels() {
		if k.names[key] {
			return k
		}
	}
	return nil
}

// headerField maps one header cell to a field of the kind: its index (-1 for none) and the amount unit it names.
func (k *kindLabels) headerField(cell string) (field, unit int) {
	key, unit, _ := headerKey(cell)
	if key == "" {
		return -1, unit
	}
	if i, ok := k.headers[key]; ok {
		return i, unit
	}
	return -1, unit
}

// unknownUnit finds a header that names a field with a unit in parentheses the reader does not know
// (营业收入（千元）): the field and the unit, or -1. Read as another column, its figures would be dropped, or
// read in the wrong unit, without a word.
func (k *kindLabels) unknownUnit(cell string) (field int, unit string) {
	key := normalizeKey(cell)
	open := strings.LastIndexByte(key, '(')
	if !strings.HasSuffix(key, ")") || open <= 0 {
		return -1, ""
	}
	if i, ok := k.headers[key[:open]]; ok {
		return i, key[open+1 : len(key)-1]
	}
	return -1, ""
}

// headerScore counts the distinct fields a row's cells map to, and the row's non-empty cells. exact compares
// the cells as written only (cheap enough for every data row); otherwise they are folded first.
func (k *kindLabels) headerScore(cells []string, exact bool) (fields, filled int) {
	var seen uint64
	for _, c := range cells {
		if c == "" {
			continue
		}
		filled++
		i := -1
		if exact {
			if j, ok := k.exact[strings.TrimSpace(c)]; ok {
				i = j
			}
		} else if len(c) < 200 {
			i, _ = k.headerField(c)
		}
		if i >= 0 && i < 64 && seen&(1<<i) == 0 {
			seen |= 1 << i
			fields++
		}
	}
	return fields, filled
}

// looksLikeHeader says whether a row reads as a header row of the kind: at least two fields, and at least half
// of its filled cells are headers (so a data row holding one value that happens to equal a header is not one).
func (k *kindLabels) looksLikeHeader(cells []string, exact bool) bool {
	fields, filled := k.headerScore(cells, exact)
	return fields >= 2 && fields*2 >= filled
}

// minHeaderFields is how many of a kind's fields a row must name to be its header row.
const minHeaderFields = 2

// headerRowIn finds the first of the rows that names at least two fields of the kind; -1 when none does.
func (k *kindLabels) headerRowIn(rows [][]string) (index, score int) {
	for i, r := range rows {
		if n, _ := k.headerScore(r, false); n >= minHeaderFields {
			return i, n
		}
	}
	return -1, 0
}

// kindByHeaders finds the kind whose fields the first rows name best. A tie between kinds is no kind: the sheet
// is reported as not understood rather than read as the wrong records.
func kindByHeaders(rows [][]string) *kindLabels {
	var best *kindLabels
	bestScore, tie := 0, false
	for _, k := range exchangeLabels() {
		_, score := k.headerRowIn(rows)
		switch {
		case score > bestScore:
			best, bestScore, tie = k, score, false
		case score == bestScore && score > 0:
			tie = true
		}
	}
	if bestScore < minHeaderFields || tie {
		return nil
	}
	return best
}

// code maps a code cell to its code: a fixed code by its zh or en label or the code itself; a park by its name
// among parks (any text when no park list is given).
func (k *kindLabels) code(field int, raw string, parks []string) (string, *data.Error) {
	f := k.sheet.Fields[field]
	key := normalizeKey(raw)
	if codes := k.codes[field]; codes != nil {
		if c, ok := codes[key]; ok {
			return c, nil
		}
		return "", readErr("err.import.code", "is not one of the allowed values", raw,
			"Allowed", k.allowedZh[field], "AllowedEn", k.allowedEn[field])
	}
	if f.Key != "park" || len(parks) == 0 {
		return trimCell(raw), nil
	}
	for _, p := range parks {
		if normalizeKey(p) == key {
			return p, nil
		}
	}
	return "", readErr("err.import.park", "is not a park the bureau knows", raw,
		"Allowed", strings.Join(parks, "、"), "AllowedEn", strings.Join(parks, ", "))
}
