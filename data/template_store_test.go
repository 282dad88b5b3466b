package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTemplateDataOfASampleCompany(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	uscc := sampleUSCC(0)

	d, err := s.TemplateData(ctx, " "+uscc[:4]+" "+uscc[4:], 0)
	require.NoError(t, err)
	require.NotNil(t, d.Company)
	assert.Equal(t, "大连海宝渔业有限公司", d.Company.Name)
	assert.Equal(t, []string{"现代海洋产业园", "现代园艺产业园", "现代都市休闲旅游产业长廊"}, d.Parks)

	for _, sheet := range ExchangeSheets {
		for _, row := range d.Rows[sheet.Kind] {
			assert.Len(t, row, len(sheet.Fields), "%s: every field of the sheet and nothing else", sheet.Kind)
			for _, f := range sheet.Fields {
				assert.Contains(t, row, f.Key, sheet.Kind)
			}
		}
	}

	require.Len(t, d.Rows["companies"], 1)
	c := d.Rows["companies"][0]
	assert.Equal(t, uscc, c["uscc"])
	assert.Equal(t, "environment", c["field"], "codes as stored")
	assert.Equal(t, "现代海洋产业园", c["park"], "a park by its name")
	assert.Equal(t, "2009-10-19", c["founded"])
	assert.Equal(t, "1", c["above_scale"])
	assert.Equal(t, "2024-03-23", c["cert_issued"])
	assert.Equal(t, "2027-03-23", c["cert_expires"])
	assert.Equal(t, "2024", c["techsme_year"])

	outputs := d.Rows["outputs"]
	require.Len(t, outputs, 2)
	assert.Equal(t, []string{"2024", "2025"}, []string{outputs[0]["year"], outputs[1]["year"]}, "oldest first")
	assert.Equal(t, "452729000", outputs[1]["output"], "amounts in whole yuan")
	assert.Equal(t, "124616000", outputs[1]["added_value"])
	assert.Equal(t, "557", outputs[1]["employees"])
	assert.Equal(t, "大连海宝渔业有限公司", outputs[1]["name"])

	n, err := s.CountPatents(ctx, PatentFilter{CompanyID: d.Company.ID})
	require.NoError(t, err)
	require.NotZero(t, n)
	assert.Len(t, d.Rows["patents"], n)
	for _, p := range d.Rows["patents"] {
		assert.Equal(t, uscc, p["uscc"])
		assert.NotEmpty(t, p["app_no"])
		assert.Contains(t, PatentStatuses, p["legal_status"])
	}

	require.NotEmpty(t, d.Rows["cooperations"])
	k := d.Rows["cooperations"][0]
	assert.Equal(t, "大连海洋大学", k["institution"])
	require.NotEmpty(t, d.Rows["outcomes"])
	for _, o := range d.Rows["outcomes"] {
		assert.Equal(t, "大连海洋大学", o["institution"])
		assert.Equal(t, k["started"], o["started"], "an outcome names its cooperation by institution and start")
		assert.Contains(t, OutcomeKinds, o["outcome_kind"])
	}
}

func TestTemplateDataOfAYear(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)
	c, err := s.CompanyByUSCC(ctx, sampleUSCC(0))
	require.NoError(t, err)
	require.NoError(t, s.CreateOutput(ctx, &AnnualOutput{CompanyID: c.ID, Year: 2023, Output: 1000, AddedValue: 100}))

	all, err := s.TemplateData(ctx, c.USCC, 0)
	require.NoError(t, err)
	assert.Len(t, all.Rows["outputs"], 3)

	for year, want := range map[int][]string{2025: {"2024", "2025"}, 2024: {"2023", "2024"}, 2030: nil} {
		d, err := s.TemplateData(ctx, c.USCC, year)
		require.NoError(t, err)
		var got []string
		for _, o := range d.Rows["outputs"] {
			got = append(got, o["year"])
		}
		assert.Equal(t, want, got, "year %d and the one before", year)
		assert.Len(t, d.Rows["patents"], len(all.Rows["patents"]), "patents are not limited by the year")
	}
}

func TestTemplateDataBlankAndRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := sampleStore(t)

	d, err := s.TemplateData(ctx, "", 2025)
	require.NoError(t, err)
	assert.Nil(t, d.Company)
	assert.Empty(t, d.Rows)
	assert.Len(t, d.Parks, 3)

	unknown := sampleUSCC(100)
	_, err = s.TemplateData(ctx, unknown, 0)
	require.Error(t, err)
	assert.Equal(t, NotFound, ErrorCode(err))
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "uscc", e.Field)
	assert.Equal(t, "err.template.company", e.Key)
	assert.Equal(t, unknown, e.Args["USCC"])

	bad := sampleUSCC(0)[:17] + "X"
	_, err = s.TemplateData(ctx, bad, 0)
	require.ErrorAs(t, err, &e)
	assert.Equal(t, Invalid, e.Code)
	assert.Equal(t, "uscc", e.Field)
	assert.Equal(t, "err.uscc.check", e.Key)

	_, err = s.TemplateData(ctx, sampleUSCC(0), 1800)
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "year", e.Field)
}
