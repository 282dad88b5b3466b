package data

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
)

// A server URL that cannot be used is said in the user's language: what is wrong with it (a parameter the program
// does not support, a value it cannot use, a port, an escape), naming the server at most once (a URL net/url cannot read is named as unreadable), never the password; pgx's
// English only for what the program cannot tell. Before, every case read "… the address of the database server
// cannot be read" (a key without a translation), and libpq's parameters were internal errors.
func TestServerURLProblemsAreSaidInTheUsersWords(t *testing.T) {
	const secret = "s3cret"
	zh, en := assets.NewTranslator("zh"), assets.NewTranslator("en")
	for _, c := range []struct{ url, zh, en string }{
		{"postgres://clerk:" + secret + "@office:5433/scitech?gssencmode=disable",
			"连接参数 gssencmode 本程序不支持", "the connection parameter gssencmode, which the program does not support"},
		{"postgres://clerk:" + secret + "@office:5433/scitech?client_encoding=GBK",
			"总是使用 UTF8 编码：请从服务器地址 clerk@office:5433/scitech 中删去 client_encoding=GBK", "always talks to the database server in UTF8"},
		{"postgres://clerk:" + secret + "@office:5433/scitech?sslmode=bogus",
			"连接参数 sslmode 的值“bogus”不可用", `the value "bogus" of the connection parameter sslmode`},
		{"postgres://clerk:" + secret + "@office:99999/scitech",
			"端口“99999”不是 1 到 65535 之间的数字", `the port "99999" in the server address`},
		{"postgres://clerk:" + secret + "@office:notaport/scitech",
			"端口“notaport”不是", `the port "notaport"`},
		{"postgres://clerk:%zz" + secret + "@office/scitech",
			"% 后面不是两位十六进制数", "a % not followed by two hexadecimal digits"},
	} {
		_, err := Open(c.url)
		require.Error(t, err, c.url)
		assert.Equal(t, "err.server.bad_url", ErrorKey(err), "%v", err)
		assert.Equal(t, Invalid, ErrorCode(err))
		e := err.(*Error)
		for _, tc := range []struct {
			tr   *assets.Translator
			want string
		}{{zh, c.zh}, {en, c.en}} {
			msg := tc.tr.T(e.Key, e.Args)
			assert.Contains(t, msg, tc.want, c.url)
			assert.NotContains(t, msg, "<no value>", c.url)
			assert.NotContains(t, msg, secret, c.url)
			assert.NotContains(t, msg, "cannot be read", c.url)
			assert.LessOrEqual(t, strings.Count(msg, "office"), 1, "the server named at most once: %s", msg)
		}
		assert.NotContains(t, err.Error(), secret)
	}
}
