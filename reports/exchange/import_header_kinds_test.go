package exchange

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
)

// Every kind's header row, as the template and the export write it, names that kind and no other: a sheet
// under a name the reader does not know (Sheet1) is read as it, and a sheet under another kind's name (the
// patents sheet a company called 知识产权) is read by its headers. The three sheets issue 18 added share
// headers with the output and patents sheets (company code, year, amounts, title).
func TestEachKindIsKnownByItsHeaders(t *testing.T) {
	t.Parallel()
	for _, lang := range assets.Languages {
		tr := assets.NewTranslator(lang)
		for _, sheet := range data.ExchangeSheets {
			var header []string
			for _, f := range sheet.Fields {
				header = append(header, tr.T("col."+f.Key))
			}
			k := kindByHeaders([][]string{header})
			require.NotNil(t, k, "%s %s: a header row of no kind, or of two", lang, sheet.Kind)
			assert.Equal(t, sheet.Kind, k.sheet.Kind, lang)
			for _, other := range data.ExchangeSheets {
				if other.Kind == sheet.Kind {
					continue
				}
				named := kindByName(tr.T("export.kind." + other.Kind))
				require.NotNil(t, named)
				_, byName := named.headerRowIn([][]string{header})
				_, own := k.headerRowIn([][]string{header})
				assert.Greater(t, own, byName, "%s: %s's headers under %s's name", lang, sheet.Kind, other.Kind)
			}
		}
	}
}
