package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCooperationProgrammesAreListedOnceByPinyin(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openTestStore(t)
	c := Company{USCC: "91350100M000100Y43", Name: "大连测试科技有限公司", Field: "electronics"}
	require.NoError(t, s.CreateCompany(ctx, &c))
	in := Institution{Name: "大连理工大学", Kind: "university", City: "大连"}
	require.NoError(t, s.CreateInstitution(ctx, &in))
	for i, p := range []string{"万名院士助创行动", "", "校企联合研发", "万名院士助创行动"} {
		k := Cooperation{CompanyID: c.ID, InstitutionID: in.ID, Programme: p, Started: time.Date(2024, 3, 1+i, 0, 0, 0, 0, time.UTC)}
		require.NoError(t, s.CreateCooperation(ctx, &k))
	}
	got, err := s.CooperationProgrammes(ctx)
	require.NoError(t, err)
	assert.Equal(t, []string{"万名院士助创行动", "校企联合研发"}, got, "w before x, each once, none for no programme")
}
