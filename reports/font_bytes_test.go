package reports

import (
	"io"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Two briefs written at once share the bundled fonts' bytes and must only read them: gofpdf pads each table it
// copies by appending to a slice of the bytes it is given, which wrote into the shared fonts (zeros over the
// zeros TrueType pads with, so the bytes look the same after; the race detector of make test sees the writes).
func TestTwoBriefsWrittenAtOnceOnlyReadTheSharedFonts(t *testing.T) {
	t.Parallel()
	b := sampleWorkBrief(t, "zh")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = WriteWorkBriefPDF(io.Discard, b)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		assert.NoError(t, err)
	}
}
