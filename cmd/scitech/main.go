// Command scitech is the Lushunkou Sci-Tech Service Platform: without a sub-command it opens the window;
// the sub-commands serve scripts, the bureau's IT and the tests.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	_ "envlocale" // before Fyne reads the locale: no "Fyne error: Error parsing user locale C" on any output
)

func main() { attachConsole(os.Args[1:]); os.Exit(safeRun(os.Args[1:], os.Stdout, os.Stderr)) }

// safeRun runs the command line and turns a panic, should one ever happen, into a short message and a crash
// report beside the default database, instead of a stack trace on the user's screen.
func safeRun(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			report := filepath.Join(filepath.Dir(defaultDBPath()), "crash-"+time.Now().Format("20060102-150405")+".txt")
			_ = os.MkdirAll(filepath.Dir(report), 0o755)
			_ = os.WriteFile(report, fmt.Appendf(nil, "%v\n\n%s", r, debug.Stack()), 0o644)
			fmt.Fprintf(stderr, "程序出现内部错误，已停止；数据库未受影响。错误报告：%s\n"+
				"internal error; the program stopped, the database is unharmed. Report: %s\n", report, report)
			code = exitUsage
		}
	}()
	return run(args, stdout, stderr)
}
