package app

import (
	"net/url"
	"time"

	"scitech/assets"
	"scitech/usertext"
)

// The package-level language, clock and opener below serve the screens not yet given an env; they go once
// every screen is.

var tr = assets.NewTranslator(assets.Languages[0])

// T translates a key, filling {{.Name}} placeholders from data.
func T(key string, data ...any) string { return tr.T(key, data...) }

// SetLanguage switches the translations ("zh" or "en"); an unknown code selects Chinese.
func SetLanguage(code string) { tr = assets.NewTranslator(code) }

// Language is the current language code.
func Language() string { return tr.Lang }

// ErrorText turns an error into a sentence for the user (usertext.Error in the package's language).
func ErrorText(err error) string { return usertext.Error(tr, err) }

// validationText is the message of a data error without the field name, for display under an entry.
func validationText(err error) error { return legacyEnv().validation(err) }

// legacyEnv is an env over the package-level language, clock and opener.
func legacyEnv() *env {
	return &env{tr: tr, now: func() time.Time { return today() }, open: func(u *url.URL) error { return openURL(u) }}
}
