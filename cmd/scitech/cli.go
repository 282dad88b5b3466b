package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	neturl "net/url"
	"os"
	"strings"

	"scitech/assets"
	"scitech/data"
	"scitech/data/dialect"
	"scitech/data/postgres"
	"scitech/usertext"
)

// Exit statuses of every sub-command.
const (
	exitOK      = 0
	exitRefused = 1 // the input was refused; nothing was written
	exitUsage   = 2 // usage error or unreadable file
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const usage = `用法 / usage:
  scitech [--db PATH]                                  打开窗口 / open the window
  scitech demo [--db PATH]                             载入示例数据 / load the sample data set
  scitech brief KIND --year Y [--pdf F] [--xlsx F] [--lang zh|en] [--issue] [--mark-missing]
               [--text-out T] [--text T [--keep-figures]] [--db PATH]   简报 / a brief:
        output work patents incubators cooperation; 未签发的是草稿，不编期号 / without --issue it is a draft, unnumbered;
        --issue 签发并登记为本年下一期 / registers it as the year's next issue;
        --text-out 写出简报文字供修改，--text 用修改后的文字 / write the brief's text to edit, print an edited one;
        字体缺字时列出并停止，--mark-missing 以〓标出后继续 / characters no font has are listed and stop the brief,
        or are printed as 〓 with --mark-missing
  scitech briefs [--db PATH]                           已签发简报 / the issued briefs, and whether their data changed
  scitech briefs save ID [--pdf F] [--xlsx F] [--db PATH]   另存已签发简报 / save an issued brief's files again
  scitech briefs correct ID [--pdf F] [--xlsx F] [--mark-missing] [--db PATH]   更正 / issue a correction of an issued
        brief whose data changed: the year's next number, saying which issue it replaces
  scitech stats --year Y [--json] [--db PATH]          统计数据 / the year's figures
  scitech policy --policy gaoqi|kexiao --year Y [--company USCC] [--json] [--pdf F] [--xlsx F] [--lang zh|en] [--db PATH]
        政策体检 / which companies meet the 高企 or 科小 rules, and why (with --company, each rule of one company);
        --pdf/--xlsx 写出企业的政策体检函（高企与科小，一页），无 --company 时写出高企培育库 / write the company's
        check-up letter (both policies, one page), or without --company the 高企 candidates (培育库)
  scitech export KIND FILE.xlsx [--db PATH]            导出 / export a record kind:
        companies outputs declared facts ip_rights institutions cooperations bases outcomes incubators applications
        plans patents parks projects
  scitech template FILE.xlsx [--company USCC] [--year Y] [--lang zh|en] [--db PATH]   企业填报模板 / fill-in template
  scitech import FILE.xlsx [FILE.xlsx…] [--dry-run] [--errors ERR.xlsx] [--db PATH]   导入 / import workbooks
  scitech check [--db PATH]                            检查数据库 / check the database: integrity, links, figures, histories
  scitech backup FILE [--db PATH]                      备份数据库 / write a checked backup of the database
  scitech restore FILE [--db PATH]                     从备份恢复 / bring a backup back (the current database is kept as a backup first)
  scitech server init URL                              在服务器的空数据库中建立数据库结构 / set up the schema in an empty server database
  scitech server upgrade URL                           升级服务器上的数据库结构（先用 pg_dump 备份）/ upgrade it (pg_dump first)
  scitech migrate --from FILE.db --to URL              把本机数据复制到服务器的空数据库，核对后提交 / copy a desk's file into an
        empty server database, proved equal before it is committed; --from URL --to NEW.db copies a server into a new file
  scitech version

PATH 可以是服务器地址 / PATH may be a server: postgres://USER@HOST:PORT/DB（密码取自 URL、PGPASSWORD 或 pgpass 文件 /
        the password comes from the URL, PGPASSWORD or the pgpass file）。在服务器上，backup 写出一个 SQLite 文件，
        restore 只恢复到空数据库 / on a server, backup writes a SQLite file and restore fills an empty database.

另一个程序正在写入数据库时，只读的命令（stats policy export brief briefs check template backup）以只读方式打开它，
写入的命令（demo import brief --issue briefs correct restore）停止。/ When another copy writes to the database, commands that
only read open it read-only; commands that write stop.
`

// opensWindow reports whether a command line opens the window: no arguments, or only the window's flags
// (--db). --version and --help answer on the command line, as the sub-commands version and help do.
func opensWindow(args []string) bool {
	if len(args) == 0 {
		return true
	}
	switch args[0] {
	case "--version", "-version", "-h", "-help", "--help":
		return false
	}
	return strings.HasPrefix(args[0], "-")
}

// run dispatches a command line, to the window or to a sub-command, and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if opensWindow(args) {
		return runWindow(args, stderr)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "demo":
		return runDemo(rest, stdout, stderr)
	case "brief":
		return runBrief(rest, stdout, stderr)
	case "briefs":
		return runBriefs(rest, stdout, stderr)
	case "stats":
		return runStats(rest, stdout, stderr)
	case "policy":
		return runPolicy(rest, stdout, stderr)
	case "export":
		return runExport(rest, stdout, stderr)
	case "template":
		return runTemplate(rest, stdout, stderr)
	case "import":
		return runImport(rest, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "backup":
		return runBackup(rest, stdout, stderr)
	case "restore":
		return runRestore(rest, stdout, stderr)
	case "server":
		return runServer(rest, stdout, stderr)
	case "migrate":
		return runMigrate(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "scitech", version)
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "未知的子命令 / unknown sub-command: %s\n\n%s", cmd, usage)
	return exitUsage
}

// cliLanguage is the language of messages: SCITECH_LANG, else Chinese.
func cliLanguage() string {
	if l := os.Getenv("SCITECH_LANG"); l != "" {
		return l
	}
	return "zh"
}

// cliTranslator is the translator of a sub-command's messages, in the language cliLanguage names. Each
// sub-command makes its own and hands it to the helpers that write to the user, so that no language is held
// in a package variable and two commands run side by side (in tests) each speak their own.
func cliTranslator() *assets.Translator { return assets.NewTranslator(cliLanguage()) }

// defaultDBPath is the database opened without --db: scitech.db in the folder chosen in Settings (kept in
// location.json, data.DatabasePath), else in the user's config folder (%APPDATA%\scitech on Windows). A chosen
// folder that has gone is still named here; the window says so at start (runWindow) rather than open it.
func defaultDBPath() string {
	path, _, _ := data.DatabasePath(data.DefaultDataDir())
	return path
}

// newFlags makes a flag set that reports usage errors to stderr and not by exiting.
func newFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDBPath(), "database file, or postgres://USER@HOST:PORT/DATABASE")
	return fs, db
}

// parseFlags parses flags placed before or after positional arguments. An argument given empty, a number
// given as zero or less, and an empty --db are usage errors, told on the flag set's output: `--db ""` (an empty path) would
// otherwise write to a temporary database SQLite deletes on closing, and report success.
func parseFlags(tr *assets.Translator, fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if err := checkArgs(tr, fs, pos); err != nil {
		fmt.Fprintln(fs.Output(), err)
		return nil, err
	}
	return pos, nil
}

// checkArgs refuses the arguments that say nothing: a flag given an empty (or blank) text or a number not
// above zero, an empty --db however it came (given, or a default that could not be found), and an empty
// positional argument. Leaving a flag out is the way to take its default. A text that looks like a server's
// address but is none (postgress://…, pg://…: data.RefuseMistypedURL) is refused wherever it stands, --db, --to,
// --pdf or a file to write, before anything is made under that name.
func checkArgs(tr *assets.Translator, fs *flag.FlagSet, pos []string) error {
	var bad error
	fs.Visit(func(f *flag.Flag) {
		g, ok := f.Value.(flag.Getter)
		if !ok || bad != nil {
			return
		}
		switch v := g.Get().(type) {
		case string:
			if strings.TrimSpace(v) == "" {
				bad = errors.New(tr.T("cli.arg.empty", map[string]any{"Flag": "--" + f.Name}))
			} else if err := data.RefuseMistypedURL(v); err != nil {
				bad = errors.New(usertext.Error(tr, err))
			}
		case int:
			if v <= 0 {
				bad = errors.New(tr.T("cli.arg.not_positive", map[string]any{"Flag": "--" + f.Name, "Value": v}))
			}
		}
	})
	if db := fs.Lookup("db"); bad == nil && db != nil && strings.TrimSpace(db.Value.String()) == "" {
		bad = errors.New(tr.T("cli.arg.empty", map[string]any{"Flag": "--db"}))
	}
	for _, p := range pos {
		if bad == nil && strings.TrimSpace(p) == "" {
			bad = errors.New(tr.T("cli.arg.empty_file"))
		} else if err := data.RefuseMistypedURL(p); bad == nil && err != nil {
			bad = errors.New(usertext.Error(tr, err)) // an output file named like a server's address
		}
	}
	return bad
}

// openStore opens the database for a command that writes. When another copy of the program holds it, the
// command stops (exit 1) with the holder's message, since two copies must never write side by side; a file
// that cannot be opened is a usage-class failure (exit 2).
func openStore(tr *assets.Translator, path string, stderr io.Writer) (*data.Store, int) {
	if onServer(path) {
		return openServer(tr, path, stderr)
	}
	if code := refuseGoneLocation(tr, path, stderr); code != exitOK {
		return nil, code
	}
	warnNetworkDrive(tr, path, stderr)
	s, err := data.Open(path)
	switch {
	case errors.Is(err, data.ErrLocked):
		fmt.Fprintln(stderr, usertext.Error(tr, err))
		fmt.Fprintln(stderr, tr.T("cli.db.locked_write"))
		return nil, exitRefused
	case err != nil:
		return nil, cannotOpen(tr, path, err, stderr)
	}
	return s, exitOK
}

// openStoreToRead opens the database for a command that only reads (openToRead), or says why it cannot. A
// file that is not there, or is no database (empty, or another kind of file), is an unreadable file (exit 2):
// opening it would write a new empty database there, and the command would report its zeros as the figures.
func openStoreToRead(tr *assets.Translator, path string, stderr io.Writer) (*data.Store, int) {
	if onServer(path) {
		return openServer(tr, path, stderr) // many desks share a server: no lock to step around, no file to look at
	}
	if code := refuseGoneLocation(tr, path, stderr); code != exitOK {
		return nil, code
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(stderr, tr.T("cli.db.no_file", map[string]any{"Path": path}))
		return nil, exitUsage
	}
	if p, err := data.FileProblem(path); p != nil || err != nil {
		if err != nil {
			fmt.Fprintln(stderr, usertext.Error(tr, err))
		} else {
			fmt.Fprintln(stderr, tr.T(p.Key(), p.Args))
		}
		return nil, exitUsage
	}
	s, err := openToRead(tr, path, stderr)
	if err != nil {
		return nil, cannotOpen(tr, path, err, stderr)
	}
	return s, exitOK
}

// openToRead opens the database for reading: when another copy of the program holds it, read-only beside
// that copy, with a one-line note naming the holder; when the file cannot be opened for writing (a read-only
// file or medium, a full disk), read-only too, since reading needs no writing.
func openToRead(tr *assets.Translator, path string, stderr io.Writer) (*data.Store, error) {
	warnNetworkDrive(tr, path, stderr)
	s, err := data.Open(path)
	switch {
	case errors.Is(err, data.ErrLocked):
		fmt.Fprintln(stderr, tr.T("cli.db.read_only_note", map[string]any{"Holder": lockHolder(tr, err)}))
		return data.OpenReadOnly(path)
	case data.ErrorCode(data.Explain(err)) == data.Storage:
		if ro, roErr := data.OpenReadOnly(path); roErr == nil {
			return ro, nil
		}
	}
	return s, err
}

// openServer opens a database on a server (a postgres:// --db) for any command: the server serves many desks
// at once, so there is no writer lock to step around and no file to look at first. The password comes from
// the URL, PGPASSWORD or the pgpass file, as for PostgreSQL's own tools. A server that cannot be reached, a
// refused login, a database the server has not, one not set up for the program or set up by a newer one:
// each is said naming the server (never the password), exit 2, and nothing is created anywhere.
func openServer(tr *assets.Translator, url string, stderr io.Writer) (*data.Store, int) {
	s, err := data.Open(url)
	if err != nil {
		return nil, cannotOpen(tr, url, err, stderr)
	}
	return s, exitOK
}

// cannotOpen prints why a database could not be opened: the user's message, and the detail for the log. A
// server is named user@host:port/database, without the password the URL may hold.
func cannotOpen(tr *assets.Translator, path string, err error, stderr io.Writer) int {
	err = data.Explain(err)
	fmt.Fprintf(stderr, "无法打开数据库 / cannot open the database %s: %s\n", dbName(path), openProblem(tr, path, err))
	if data.ErrorCode(err) == data.Internal {
		fmt.Fprintln(stderr, hidePassword(err.Error(), path))
	}
	return exitUsage
}

// openProblem is why a database could not be opened, in the user's words. A server URL that cannot be read
// (a port that is no number, a stray character) is said by the store (err.server.bad_url, naming what is
// wrong); should it come back as an internal error, it is said as such here, and the URL itself, which may hold
// a password, is not repeated.
func openProblem(tr *assets.Translator, db string, err error) string {
	if onServer(db) && data.ErrorCode(err) == data.Internal {
		if _, perr := neturl.Parse(db); perr != nil {
			return tr.T("server.cli.bad_url")
		}
	}
	return usertext.Error(tr, err)
}

// onServer tells whether a --db value names a database server (postgres://… or postgresql://…) rather than a
// file. What is about files (making the database's folder, comparing output files with it, the lock holder,
// the read-only second copy, the network drive warning) applies to files only.
func onServer(db string) bool { return dialect.ParseTarget(db).Server() }

// dbName names the database in messages: the file's path, or user@host:port/database for a server.
func dbName(db string) string { return dialect.ParseTarget(db).String() }

// dbFile is the database's file, which no file a command writes may replace; "" for a server, which has none
// on this computer.
func dbFile(db string) string {
	if onServer(db) {
		return ""
	}
	return db
}

// hidePassword takes a server URL's password out of a text that is printed, should a driver's message ever
// repeat it: decoded, and as it stands in the URL, percent-encoded or not.
func hidePassword(text, db string) string {
	return postgres.HidePassword(text, dialect.ParseTarget(db))
}

// lockHolder is who holds the database, as the refusal of data.Open names them.
func lockHolder(tr *assets.Translator, err error) string {
	var e *data.Error
	if errors.As(err, &e) && e.Args["PID"] != nil {
		return tr.T("lock.holder", e.Args) // in the user's language: scitech（进程 4242，用户 wang，计算机 BUREAU-PC，… 起）
	}
	return "scitech"
}

// warnNetworkDrive warns, on stderr, of a database on a network drive, where SQLite's locking is not dependable.
func warnNetworkDrive(tr *assets.Translator, path string, stderr io.Writer) {
	if !onServer(path) && data.OnNetworkDrive(path) {
		fmt.Fprintln(stderr, tr.T("err.db.network_drive", map[string]any{"Path": path}))
	}
}

// refuse prints every reason of a refused input, one per line (and the detail of an internal error, for the
// log), and returns the exit status exitFor gives it.
func refuse(tr *assets.Translator, stderr io.Writer, err error) int {
	err = data.Explain(err)
	if data.ErrorCode(err) == data.Internal {
		fmt.Fprintln(stderr, usertext.Error(tr, err))
		fmt.Fprintln(stderr, err)
		return exitFor(err)
	}
	for _, line := range strings.Split(usertext.Error(tr, err), "\n") {
		fmt.Fprintln(stderr, line)
	}
	return exitFor(err)
}

// exitFor is the exit status of a command that failed with err: one mapping for every command, so that a full
// disk or a read-only database ends each of them alike, whether it struck while opening, writing the
// database or writing a file.
//   - 1: the input was refused (a rule it breaks, a record missing, a conflict), or another copy of the
//     program writes to the database; nothing was written.
//   - 2: a file cannot be read or written: the disk, the file system or another program stopped the database
//     (data.Storage: disk full, read-only, busy, damaged), a file named that the command must not write (the
//     database or one of its inputs), a file that cannot be read or is no file at all (a pipe, a device, a
//     folder), or an internal error.
func exitFor(err error) int {
	err = data.Explain(err)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, data.ErrLocked):
		return exitRefused
	}
	switch data.ErrorKey(err) {
	case "err.file.protected", "err.backup.unreadable", "err.file.not_regular":
		return exitUsage
	}
	switch data.ErrorCode(err) {
	case data.Storage, data.Internal:
		return exitUsage
	}
	return exitRefused
}

// refuseGoneLocation stops a command on the database of a folder chosen in Settings that is no longer there
// (a removed USB drive, a renamed folder): opening it would make a new empty database in its place.
func refuseGoneLocation(tr *assets.Translator, path string, stderr io.Writer) int {
	if err := locationGone(path); err != nil {
		fmt.Fprintln(stderr, usertext.Error(tr, err))
		return exitUsage
	}
	return exitOK
}
