package exchange

// go test -tags migrated_fynedo,no_emoji -run TestPrintOnA4 ./reports/exchange

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// A template's sheet prints on A4 one page wide, its header row on every page and its pages numbered, as read
// back from the written file.
func TestPrintOnA4NumbersThePages(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	require.NoError(t, f.SetSheetName("Sheet1", "企业"))
	require.NoError(t, PrintOnA4(f, "企业"))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))
	back, err := excelize.OpenReader(&buf)
	require.NoError(t, err)
	defer back.Close()
	layout, err := back.GetPageLayout("企业")
	require.NoError(t, err)
	require.NotNil(t, layout.Size)
	assert.Equal(t, 9, *layout.Size)
	hf, err := back.GetHeaderFooter("企业")
	require.NoError(t, err)
	require.NotNil(t, hf, "the sheet has a footer")
	assert.Equal(t, "&C&P / &N", hf.OddFooter)
	var titles string
	for _, n := range back.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == "企业" {
			titles = n.RefersTo
		}
	}
	assert.Equal(t, "'企业'!$1:$1", titles)
}
