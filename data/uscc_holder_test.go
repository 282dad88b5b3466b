package data

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A form asks while the clerk types whether the code is someone else's, and learns whose; Save, refused for a
// taken code, names the holder the same way.
func TestACodeAlreadyRegisteredNamesItsCompany(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	haibao, err := s.CompanyByUSCC(ctx, sampleUSCC(0))
	require.NoError(t, err)

	taken := func(err error) {
		t.Helper()
		var e *Error
		require.True(t, errors.As(err, &e), "%v", err)
		assert.Equal(t, Conflict, e.Code)
		assert.Equal(t, "uscc", e.Field)
		assert.Equal(t, "err.uscc.taken_by", e.Key)
		assert.Equal(t, "大连海宝渔业有限公司", e.Args["Company"])
		assert.Equal(t, sampleUSCC(0), e.Args["USCC"])
	}
	typed := " " + string([]byte(sampleUSCC(0))[:2]) + " " + string([]byte(sampleUSCC(0))[2:]) + " "
	taken(s.CheckUSCCFree(ctx, typed, 0))
	taken(s.CheckUSCCFree(ctx, sampleUSCC(0), haibao.ID+1))
	assert.NoError(t, s.CheckUSCCFree(ctx, sampleUSCC(0), haibao.ID), "a company's own code is no conflict")
	assert.NoError(t, s.CheckUSCCFree(ctx, "91350100M000100Y43", 0), "no one holds it")
	assert.NoError(t, s.CheckUSCCFree(ctx, sampleUSCC(0)[:10], 0), "half typed")

	c := newCompany()
	c.USCC = sampleUSCC(0)
	taken(s.CreateCompany(ctx, &c))
	other, err := s.CompanyByUSCC(ctx, sampleUSCC(1))
	require.NoError(t, err)
	other.USCC = sampleUSCC(0)
	taken(s.UpdateCompany(ctx, &other))
}
