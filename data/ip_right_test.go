package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidateSoftwareCopyrightNo(t *testing.T) {
	for _, ok := range []string{"2025SR0123456", " 2025sr0123456 ", "1999SR0000001"} {
		assert.NoError(t, ValidateSoftwareCopyrightNo(ok), ok)
	}
	for _, bad := range []string{"", "2025SR012345", "2025SR01234567", "2025RS0123456", "25SR0123456", "2025SR012345X", "1800SR0123456"} {
		assert.Error(t, ValidateSoftwareCopyrightNo(bad), bad)
	}
}

// Rights besides patents count in the checks by class; a software copyright used in an earlier recognition
// counts no more.
func TestIPRightsCountInTheChecks(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	c := newCompany()
	require.NoError(t, s.CreateCompany(ctx, &c))
	ipOf := func(year int) []PolicyFigure {
		pc, err := s.PolicyCheckOf(ctx, PolicyGaoqi, year, c.USCC)
		require.NoError(t, err)
		return lineOf(t, pc, "gaoqi.ip").Figures
	}
	sw := IPRight{CompanyID: c.ID, Kind: "software_copyright", RegNo: "2024sr 0123456", Title: "海洋牧场监测软件", Granted: day(2024, 3, 1)}
	require.NoError(t, s.CreateIPRight(ctx, &sw))
	assert.Equal(t, "2024SR0123456", sw.RegNo)
	ic := IPRight{CompanyID: c.ID, Kind: "ic_layout", RegNo: "BS.245500123", Title: "导航芯片布图", Granted: day(2025, 2, 1)}
	require.NoError(t, s.CreateIPRight(ctx, &ic))
	assert.Equal(t, []PolicyFigure{{"ip_class1", 0, 1, ""}, {"ip_class2", 0, 1, ""}}, ipOf(2025))
	assert.Equal(t, []PolicyFigure{{"ip_class1", 0, 0, ""}, {"ip_class2", 0, 1, ""}}, ipOf(2024), "the layout design was granted in 2025")

	sw.UsedIn = 2025
	require.NoError(t, s.UpdateIPRight(ctx, &sw))
	assert.Equal(t, []PolicyFigure{{"ip_class1", 0, 1, ""}, {"ip_class2", 0, 0, ""}}, ipOf(2025), "used in 2025's recognition")
	assert.Equal(t, []PolicyFigure{{"ip_class1", 0, 0, ""}, {"ip_class2", 0, 1, ""}}, ipOf(2024), "still counted before it was used")

	dup := IPRight{CompanyID: c.ID, Kind: "software_copyright", RegNo: "2024SR0123456", Title: "副本", Granted: day(2024, 3, 1)}
	assert.Equal(t, Conflict, ErrorCode(s.CreateIPRight(ctx, &dup)))
	bad := IPRight{CompanyID: c.ID, Kind: "software_copyright", RegNo: "2024-0123456", Title: "软件", Granted: day(2024, 3, 1)}
	var errs Errors
	require.ErrorAs(t, s.CreateIPRight(ctx, &bad), &errs)
	assert.NotNil(t, errs.For("reg_no"))
	require.NoError(t, s.DeleteIPRight(ctx, ic.ID))
	list, err := s.IPRights(ctx, c.ID)
	require.NoError(t, err)
	assert.Len(t, list, 1)
}
