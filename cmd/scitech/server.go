package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"scitech/assets"
	"scitech/data"
)

const serverUsage = `用法 / usage:
  scitech server init postgres://USER@HOST:PORT/DB      在空数据库中建立数据库结构 / set up the schema in an empty database
  scitech server upgrade postgres://USER@HOST:PORT/DB   升级数据库结构（先用 pg_dump 备份）/ upgrade the schema (pg_dump first)
`

// runServer is `scitech server init URL` and `scitech server upgrade URL`, the bureau's IT person's commands
// for the office's database server. init sets the program's schema up in an empty database made with
// createdb, and refuses one holding any table; upgrade applies the migrations of a newer program, which
// opening the database never does on a server (a desk must not change the office's database by starting a
// new version). Both exit 2 on any failure, naming the server and the reason.
func runServer(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	if len(args) == 0 {
		fmt.Fprint(stderr, serverUsage)
		return exitUsage
	}
	sub := args[0]
	fs := flag.NewFlagSet("server "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	pos, err := parseFlags(tr, fs, args[1:])
	if err != nil || len(pos) != 1 || (sub != "init" && sub != "upgrade") {
		fmt.Fprint(stderr, serverUsage)
		return exitUsage
	}
	url := pos[0]
	if !onServer(url) {
		fmt.Fprintln(stderr, tr.T("server.cli.not_url", map[string]any{"Arg": url}))
		return exitUsage
	}
	ctx := context.Background()
	if sub == "init" {
		if err := data.InitServer(ctx, url); err != nil {
			return serverFailed(tr, url, err, stderr)
		}
		fmt.Fprintln(stdout, tr.T("server.cli.initialised", map[string]any{"Server": dbName(url)}))
		return exitOK
	}
	n, err := data.UpgradeServer(ctx, url)
	if err != nil {
		return serverFailed(tr, url, err, stderr)
	}
	key := "server.cli.upgraded"
	if n == 0 {
		key = "server.cli.up_to_date"
	}
	fmt.Fprintln(stdout, tr.T(key, map[string]any{"Server": dbName(url), "N": n}))
	return exitOK
}

// serverFailed says why a server command failed, naming the server, with the detail for the log when the
// cause is not one the message tells whole. Always exit 2.
func serverFailed(tr *assets.Translator, url string, err error, stderr io.Writer) int {
	err = data.Explain(err)
	fmt.Fprintln(stderr, tr.T("server.cli.failed", map[string]any{"Server": dbName(url), "Reason": openProblem(tr, url, err)}))
	if data.ErrorCode(err) == data.Internal {
		fmt.Fprintln(stderr, hidePassword(err.Error(), url))
	}
	return exitUsage
}

// serverNotEmptyKey is data.InitServer's refusal of a database that holds tables already.
const serverNotEmptyKey = "err.server.not_empty"

// openCopyTarget opens a server's database that a copy (migrate, restore) is to fill: an empty database just
// made with createdb gets the program's schema first (server init), so that IT can go from createdb straight
// to migrate; one set up already is opened as it is, and the copier refuses it unless it holds no records.
func openCopyTarget(tr *assets.Translator, url string, stderr io.Writer) (*data.Store, int) {
	if err := data.InitServer(context.Background(), url); err != nil && data.ErrorKey(err) != serverNotEmptyKey {
		return nil, serverFailed(tr, url, err, stderr)
	}
	return openServer(tr, url, stderr)
}
