package data

import (
	"strings"
	"time"
)

// DateLayout is how dates are written in SQLite, in files and in forms.
const DateLayout = "2006-01-02"

// FormatDate writes a date as YYYY-MM-DD; the zero date is the empty string.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// ParseDate reads YYYY-MM-DD (also with / or . and without leading zeros). An empty string is the zero date.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	norm := strings.NewReplacer("/", "-", ".", "-").Replace(s)
	for _, layout := range []string{DateLayout, "2006-1-2"} {
		if t, err := time.Parse(layout, norm); err == nil {
			return t, nil
		}
	}
	// The value is shown back to the user: bytes that are not text (a damaged cell) show as �.
	return time.Time{}, invalid("err.date", "{{.Value}} is not a date like 2025-03-01",
		map[string]any{"Value": strings.ToValidUTF8(s, "\uFFFD")})
}

// dateOnly drops the time of day, keeping the calendar date in UTC.
func dateOnly(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Today is the current calendar date.
func Today() time.Time { return dateOnly(time.Now()) }

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return FormatDate(t)
}

func scanDate(s *string) time.Time {
	if s == nil || *s == "" {
		return time.Time{}
	}
	t, err := time.Parse(DateLayout, *s)
	if err != nil {
		return time.Time{}
	}
	return t
}
