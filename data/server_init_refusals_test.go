package data

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data/dialect"
	"scitech/data/postgres"
)

// server init on the server's own database (postgres, a template) or by a user who is not the database's owner
// is refused with a message saying what to do, in both languages (H19's D7 and D17 refusals): before, both came
// out as "cannot set up the database", an internal error.
func TestServerInitRefusalsSayWhatToDo(t *testing.T) {
	admin := testServerURL(t)
	ctx := context.Background()
	pid := os.Getpid()
	owner, other := fmt.Sprintf("scitech_iowner_%d", pid), fmt.Sprintf("scitech_iother_%d", pid)
	name := fmt.Sprintf("scitech_init_refusal_%d", pid)
	db, err := postgres.New().Open(ctx, dialect.ParseTarget(admin))
	require.NoError(t, err)
	for _, stmt := range []string{`CREATE ROLE ` + owner + ` LOGIN`, `CREATE ROLE ` + other + ` LOGIN`,
		`CREATE DATABASE ` + name + ` OWNER ` + owner + ` ENCODING 'UTF8' TEMPLATE template0`} {
		_, err := db.ExecContext(ctx, stmt)
		require.NoError(t, err)
	}
	t.Cleanup(func() {
		for _, stmt := range []string{`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`,
			`DROP ROLE IF EXISTS ` + owner, `DROP ROLE IF EXISTS ` + other} {
			_, err := db.ExecContext(context.Background(), stmt)
			assert.NoError(t, err)
		}
		db.Close()
	})
	u, err := url.Parse(admin)
	require.NoError(t, err)
	u.Path = "/postgres"
	maintenance := u.String()
	u.Path = "/" + name
	u.User = url.User(other)
	byOther := u.String()
	zh, en := assets.NewTranslator("zh"), assets.NewTranslator("en")

	err = InitServer(ctx, maintenance)
	assert.Equal(t, "err.init.servers_own", ErrorKey(err), "%v", err)
	assert.Equal(t, Invalid, ErrorCode(err))
	e := err.(*Error)
	assert.Contains(t, zh.T(e.Key, e.Args), "/postgres 是数据库服务器自己的数据库")
	assert.Contains(t, en.T(e.Key, e.Args), "/postgres is the database server's own database")

	err = InitServer(ctx, byOther)
	assert.Equal(t, "err.init.not_owner", ErrorKey(err), "%v", err)
	assert.Equal(t, Invalid, ErrorCode(err))
	e = err.(*Error)
	assert.Contains(t, zh.T(e.Key, e.Args), "用户 "+other+" 不是数据库 "+other+"@")
	assert.Contains(t, zh.T(e.Key, e.Args), "的所有者 "+owner+"，也不能代表它：请以 "+owner+" 或管理员")
	assert.Contains(t, en.T(e.Key, e.Args), "the user "+other+" is not the owner "+owner+" of the database "+other+"@")
	for _, tr := range []*assets.Translator{zh, en} {
		assert.NotContains(t, tr.T(e.Key, e.Args), "<no value>")
	}
}
