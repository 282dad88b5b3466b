package main

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"envlocale"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Under LANG=C.UTF-8 every command printed three lines of "Fyne error: Error parsing user locale C" before its
// output: Fyne reads the locale as the program starts. A command run as the program runs, in a process of its
// own, prints no Fyne line under any of the usual settings.
func TestNoFyneLogLineUnderAnyLocale(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no locale in the environment")
	}
	db := demoDB(t)
	var base []string
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); name != "LANG" && name != "LANGUAGE" && !strings.HasPrefix(name, "LC_") {
			base = append(base, kv)
		}
	}
	for _, env := range [][]string{
		{"LANG=C"}, {"LANG=C.UTF-8"}, {"LC_ALL=C.utf8"}, {"LANG=POSIX"}, {},
		{"LANG=zh_CN.UTF-8"}, {"LANG=en_US.UTF-8"}, {"LANG=de_DE@euro"},
		{"LANG=zh_CN.UTF-8", "LANGUAGE=C.UTF-8:zh_CN"}, {"LC_MESSAGES=C.UTF-8", "LANG=zh_CN.UTF-8"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(append(append([]string{}, base...), env...),
			crashArgsEnv+"="+strings.Join([]string{"stats", "--year", "2025", "--db", db}, "\x1f"), "GORACE=atexit_sleep_ms=0")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%v: %s", env, out)
		assert.Contains(t, string(out), "output_yuan\t4745000000", env)
		assert.NotContains(t, string(out), "Fyne", "%v: %s", env, out)
	}
}

// What envlocale changes: LANGUAGE, only where the settings would not parse, and to what of them does.
func TestLocaleSettingsFyneCannotParseAreReplaced(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		env  map[string]string
		want string // LANGUAGE afterwards; "-" for not set
	}{
		{map[string]string{"LANG": "C"}, "-"},
		{map[string]string{"LANG": "POSIX", "LANGUAGE": "C.UTF-8"}, "-"}, // go-locale ignores LANGUAGE after C
		{map[string]string{}, "-"},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, "-"},
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LC_ALL": "C.utf8", "LANG": "zh_CN.UTF-8"}, "en"},
		{map[string]string{"LANG": "de_DE@euro"}, "de_DE"},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LANGUAGE": "C.UTF-8:zh_CN:en"}, "zh_CN:en"},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "zh_CN:en"}, "-"},
	} {
		got := map[string]string{}
		envlocale.Fix(func(k string) string {
			if v, ok := got[k]; ok {
				return v
			}
			return c.env[k]
		}, func(k, v string) error { got[k] = v; return nil })
		want := map[string]string{}
		if c.want != "-" {
			want["LANGUAGE"] = c.want
		}
		assert.Equal(t, want, got, "%v", c.env)
	}
}
