package app

import (
	"encoding/json"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"scitech/assets"
)

// fyneKeyPrefix marks the translations of the words Fyne's own widgets say (the file dialogs' title and
// buttons, OK, Yes and No, an entry's menu, a calendar's days): "fyne.Cancel" is Fyne's message "Cancel".
const fyneKeyPrefix = "fyne."

// fyneSpeaks is the language Fyne's own words were last set to; Fyne keeps them for the whole process.
var fyneSpeaks struct {
	sync.Mutex
	lang string
}

// speakToFyne makes Fyne's own widgets and dialogs say their words in tr's language, the one chosen in
// Settings. Fyne 2.7's lang package offers no way to choose its language: it takes the system's (the
// environment's LANG on Linux, the user's language on Windows) each time translations are added, and has no
// setter. What it does offer is adding translations for a locale at run time (AddTranslationsForLocale), which
// replace what it holds for that locale; so the chosen language's words are added for the system's locale,
// the one Fyne picks. Fyne names the file dialogs' places (Home, Documents, Desktop, Downloads, Computer) in
// English without asking its translations: namePlaces (file_dialogs.go) translates them as each dialog opens.
func speakToFyne(tr *assets.Translator) {
	fyneSpeaks.Lock()
	defer fyneSpeaks.Unlock()
	if fyneSpeaks.lang == tr.Lang {
		return // Fyne logs a system locale it cannot read each time translations are added; add them once
	}
	words, err := fyneWords(tr.Lang)
	if err == nil {
		err = lang.AddTranslationsForLocale(words, fyneLocale(lang.SystemLocale()))
	}
	if err != nil {
		fyne.LogError("setting the language of Fyne's dialogs", err)
		return
	}
	fyneSpeaks.lang = tr.Lang
}

// fyneWords are the fyne.* translations of a language as a translation file of Fyne's own: its message IDs
// and their texts.
func fyneWords(language string) ([]byte, error) {
	messages, err := assets.Messages(language)
	if err != nil {
		return nil, err
	}
	words := map[string]string{}
	for key, text := range messages {
		if id, ok := strings.CutPrefix(key, fyneKeyPrefix); ok {
			words[id] = text
		}
	}
	return json.Marshal(words)
}

// fyneLocale is the locale Fyne picks for the system's locale: itself, except that a locale Fyne cannot read
// ("und", from LANG=C.UTF-8) leaves Fyne with its default, English.
func fyneLocale(system fyne.Locale) fyne.Locale {
	if system == "" || system == "und" {
		return "en"
	}
	return system
}
