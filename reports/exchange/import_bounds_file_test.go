package exchange_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
	"scitech/reports/exchange"
	"scitech/usertext"
)

// A workbook refused whole is said in its own message, which names the file — not after the field key "file"
// the program tells such refusals apart by.
func TestARefusedWorkbookIsNamedInTheUsersWords(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "notes.xlsx")
	require.NoError(t, os.WriteFile(p, []byte("not a workbook at all"), 0o644))
	_, err := exchange.ReadWorkbook(context.Background(), p, exchange.ReadOptions{})
	require.Error(t, err)
	var de *data.Error
	require.True(t, errors.As(err, &de))
	assert.Equal(t, "file", de.Field, "told apart from the database's errors by its field")
	for _, lang := range []string{"zh", "en"} {
		tr := assets.NewTranslator(lang)
		msg := usertext.Error(tr, err)
		assert.Equal(t, tr.T(de.Key, de.Args), msg, "%s: the message alone, which names the file", lang)
		assert.False(t, strings.HasPrefix(strings.ToLower(msg), "file"), "%s: %q", lang, msg)
	}
}
