package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"scitech/data"
	"scitech/usertext"
)

const migrateUsage = "用法 / usage: scitech migrate --from FILE.db|postgres://… --to postgres://…|NEW.db\n"

// runMigrate is `scitech migrate --from SRC --to DST`: a desk's file onto the office's server, a server back
// into a new SQLite file (or a file into a new file, a server into another server's empty database). The copy
// goes into an empty database only, in one transaction, and proves itself before it is committed (data.Transfer):
// each table's rows equal, row by row, the issued briefs' files byte for byte, and the figures of every year. Any failure — a refused target, a copy that differs, a server gone midway — writes nothing and
// exits 2, naming the database and the reason.
func runMigrate(args []string, stdout, stderr io.Writer) int {
	tr := cliTranslator()
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "the database to copy: a file or postgres://USER@HOST:PORT/DB")
	to := fs.String("to", "", "where to copy it: an empty server database, or a new file")
	pos, err := parseFlags(tr, fs, args)
	if err != nil || len(pos) > 0 || *from == "" || *to == "" {
		fmt.Fprint(stderr, migrateUsage)
		return exitUsage
	}
	if dbName(*from) == dbName(*to) {
		fmt.Fprintln(stderr, tr.T("migrate.cli.same"))
		return exitUsage
	}
	src, code := openStoreToRead(tr, *from, stderr)
	if src == nil {
		return code
	}
	defer src.Close()
	ctx := context.Background()
	var rep data.TransferReport
	if onServer(*to) {
		dst, code := openCopyTarget(tr, *to, stderr)
		if dst == nil {
			return code
		}
		defer dst.Close()
		rep, err = data.Transfer(ctx, src, dst)
	} else {
		rep, err = data.TransferToFile(ctx, src, *to, false)
	}
	if err != nil {
		fmt.Fprintln(stderr, usertext.BackupError(tr, err))
		if data.ErrorCode(data.Explain(err)) == data.Internal {
			fmt.Fprintln(stderr, hidePassword(hidePassword(err.Error(), *from), *to))
		}
		return exitUsage
	}
	fmt.Fprintln(stdout, tr.T("migrate.cli.done", map[string]any{"From": dbName(*from), "To": dbName(*to),
		"Tables": len(rep.Tables), "Rows": rep.Rows(), "Briefs": rep.Briefs, "Years": len(rep.Years)}))
	return exitOK
}
