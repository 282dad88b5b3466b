package sqlite_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"scitech/data/sqlite"
)

func TestURIEscapesEveryByteThatMeansSomething(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("the paths below are Unix paths")
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ got, want string }{
		{sqlite.URI("/d/项目#1/a?b%c d+&=;'.db", "mode", "ro", "_pragma", "busy_timeout(5000)"),
			"file:///d/%E9%A1%B9%E7%9B%AE%231/a%3Fb%25c%20d%2B%26%3D%3B%27.db?mode=ro&_pragma=busy_timeout%285000%29"},
		{sqlite.URI(`/d/\%23.db`), "file:///d/%5C%2523.db"},
		{sqlite.URI("/d/a#.db", "mode", "ro", "immutable", "1"), "file:///d/a%23.db?mode=ro&immutable=1"},
		{sqlite.URI("a#b.db"), sqlite.URI(filepath.Join(wd, "a#b.db"))}, // a relative path is made absolute
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}
