// Package envlocale gives the language settings of the environment a form Fyne can read, before Fyne reads
// them, so that no command prints a Fyne error about the locale.
//
// Fyne's lang package reads LC_ALL, LC_MESSAGES, LANG and LANGUAGE (through github.com/jeandeaual/go-locale)
// when the program starts, in the package's init, and logs "Fyne error: Error parsing user locale C" for a
// value it cannot parse: C.UTF-8 (the default of many Linux systems and containers), or a locale with a
// modifier such as de_DE@euro. Every command of scitech links Fyne for the window, so `scitech stats` printed
// those three lines before its figures. Nothing in package main runs early enough to prevent it: package
// initialisation runs before main, and Fyne's before any package of the scitech module.
//
// This is therefore a module of its own, named so that it sorts before "fyne.io": the Go specification
// initialises packages in the order of their import paths, each as soon as its imports are, so this package,
// which needs little, runs before Fyne's lang package. Where the settings would not parse, it sets LANGUAGE
// (which go-locale reads first after a locale other than C or POSIX, and which only chooses the language of
// messages) to the parts that do, or to English; it changes nothing where they parse, nor the locale itself.
// The window's and the commands' own language does not come from these settings (SCITECH_LANG, else Chinese).
package envlocale

import (
	"strings"

	"golang.org/x/text/language"
)

// Fix sets LANGUAGE, through setenv, to what of the language settings read through getenv parses as a
// language tag the way Fyne parses it, when some of them do not; English when none does. It reads the settings
// as github.com/jeandeaual/go-locale does on these systems: the first of LC_ALL, LC_MESSAGES and LANG that is
// set, unless that is C or POSIX (no language at all, which Fyne takes as English without a word), then
// LANGUAGE if set, a list separated by colons.
func Fix(getenv func(string) string, setenv func(string, string) error) {
	locale := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = getenv(name); locale != "" {
			break
		}
	}
	if locale == "C" || locale == "POSIX" {
		return
	}
	list := getenv("LANGUAGE")
	if list == "" {
		list = locale
	}
	if list == "" {
		return
	}
	var good []string
	changed := false
	for _, l := range strings.Split(list, ":") {
		if parses(l) {
			good = append(good, l)
			continue
		}
		changed = true
		if plain, _, found := strings.Cut(l, "@"); found && parses(plain) { // de_DE@euro
			good = append(good, plain)
		}
	}
	if !changed {
		return
	}
	if len(good) == 0 {
		good = []string{"en"}
	}
	_ = setenv("LANGUAGE", strings.Join(good, ":"))
}

// parses tells whether Fyne can parse a locale as go-locale gives it: without its encoding, lang_REGION as
// lang-REGION.
func parses(locale string) bool {
	l, _, _ := strings.Cut(locale, ".")
	l = strings.ReplaceAll(l, "-", "_")
	lang, region, _ := strings.Cut(l, "_")
	tag := lang
	if region != "" {
		tag += "-" + region
	}
	_, err := language.Parse(tag)
	return err == nil
}
