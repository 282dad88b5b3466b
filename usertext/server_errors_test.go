package usertext

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // "pgx", for the test's own look at the server
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
	"scitech/data/dialect"
	"scitech/data/pgtest"
	"scitech/data/postgres"
)

// Every message about a database server names it (issue 19, "Bad input and faults"): each err.server.* key is
// produced here as the program produces it and rendered through Error in both languages; the text must name
// the server and leave no template field empty ("<no value>"). A key without a way to produce it here fails the
// test, so that a new one is checked too.
func TestEveryServerErrorNamesTheServer(t *testing.T) {
	ctx := context.Background()
	const name = "clerk@office:5433/scitech"
	// What a server connection returns for a failure of the class (postgres.ServerError, naming the server),
	// reaching the user bare or through a store method (Explain, in Error, gives it its message).
	fromConnection := func(code string) func(*testing.T) (string, error) {
		return func(*testing.T) (string, error) {
			return name, &postgres.ServerError{Server: name, Class: dialect.Other, Err: &pgconn.PgError{Code: code}}
		}
	}
	producers := map[string]func(*testing.T) (string, error){
		"err.server.unreachable": fromConnection("57P01"),
		"err.server.auth":        fromConnection("28P01"),
		"err.server.no_database": fromConnection("3D000"),
		"err.server.denied":      fromConnection("42501"),
		"err.server.busy":        fromConnection("55P03"),
		"err.server.full":        fromConnection("53100"),
		"err.server.read_only":   fromConnection("25006"),
		"err.server.timeout":     fromConnection("57014"),
		"err.server.connections": fromConnection("53300"),
		"err.server.bad_url": func(*testing.T) (string, error) {
			return name, data.InitServer(ctx, "postgres://clerk@office:5433/scitech?sslmode=bogus")
		},
		"err.server.not_url": func(t *testing.T) (string, error) {
			file := filepath.Join(t.TempDir(), "scitech.db")
			return file, data.InitServer(ctx, file)
		},
		"err.server.file_only": func(t *testing.T) (string, error) {
			_, err := data.Restore("postgres://clerk@office:5433/scitech", filepath.Join(t.TempDir(), "b.db"), time.Now())
			return name, err
		},
		"err.server.not_set_up": func(t *testing.T) (string, error) {
			u := serverDatabase(t)
			_, err := data.Open(u)
			return dialect.ParseTarget(u).String(), err
		},
		"err.server.not_empty": func(t *testing.T) (string, error) {
			u := serverDatabase(t)
			require.NoError(t, data.InitServer(ctx, u))
			return dialect.ParseTarget(u).String(), data.InitServer(ctx, u)
		},
		"err.server.needs_upgrade": func(t *testing.T) (string, error) {
			u := serverDatabase(t)
			require.NoError(t, data.InitServer(ctx, u))
			db, err := sql.Open("pgx", u)
			require.NoError(t, err)
			defer db.Close()
			_, err = db.Exec(`DELETE FROM schema_migration WHERE version = (SELECT max(version) FROM schema_migration)`)
			require.NoError(t, err)
			_, err = data.Open(u)
			return dialect.ParseTarget(u).String(), err
		},
	}
	keys, err := assets.Keys("zh")
	require.NoError(t, err)
	for _, key := range keys {
		if !strings.HasPrefix(key, "err.server.") {
			continue
		}
		t.Run(key, func(t *testing.T) {
			produce, ok := producers[key]
			if !ok {
				t.Fatalf("no way to produce %s here: add one", key)
			}
			server, err := produce(t)
			require.Error(t, err)
			require.Equal(t, key, data.ErrorKey(data.Explain(err)), "%v", err)
			for _, lang := range assets.Languages {
				msg := Error(assets.NewTranslator(lang), err)
				assert.NotContains(t, msg, "<no value>", lang)
				assert.Contains(t, msg, server, "%s: %s", lang, msg)
			}
		})
	}
}

// serverDatabase is a new empty database on the test server, dropped when the test ends; without a server the
// test skips (or fails under SCITECH_REQUIRE_PG).
func serverDatabase(t *testing.T) string {
	t.Helper()
	server := pgtest.ServerURL(t)
	admin, err := sql.Open("pgx", server)
	require.NoError(t, err)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "usertext_" + hex.EncodeToString(b)
	_, err = admin.Exec(`CREATE DATABASE ` + name + ` ENCODING 'UTF8' TEMPLATE template0`)
	require.NoError(t, err)
	t.Cleanup(func() {
		_, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		admin.Close()
	})
	u, err := url.Parse(server)
	require.NoError(t, err)
	u.Path = "/" + name
	return u.String()
}
