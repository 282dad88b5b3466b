package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

func runPolicyCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := runPolicy(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestPolicyCommand(t *testing.T) {
	t.Setenv("SCITECH_LANG", "zh")
	db := demoDB(t)
	code, out, errs := runPolicyCLI("--policy", "gaoqi", "--year", "2025", "--db", db)
	require.Equal(t, exitOK, code, errs)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	assert.Len(t, lines, 36, "one line per company of the sample district")
	for _, l := range lines {
		f := strings.Split(l, "\t")
		require.Len(t, f, 5, l)
		assert.Contains(t, []string{"符合", "可能", "接近", "不符合", "缺数据"}, f[2], l)
	}

	s, err := data.OpenReadOnly(db)
	require.NoError(t, err)
	defer s.Close()
	uscc := strings.Split(lines[0], "\t")[0]
	want, err := s.PolicyCheckOf(context.Background(), data.PolicyKexiao, 2025, uscc)
	require.NoError(t, err)
	code, out, errs = runPolicyCLI("--policy", "kexiao", "--year", "2025", "--company", uscc, "--json", "--db", db)
	require.Equal(t, exitOK, code, errs)
	var got data.PolicyCheck
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Equal(t, want, got, "the CLI's JSON is the store's check")
	assert.Len(t, got.Lines, 5, "one line per 科小 rule")

	code, out, errs = runPolicyCLI("--policy", "kexiao", "--year", "2025", "--company", uscc, "--db", db)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "《科技型中小企业评价办法》第六条第（二）项\t职工总数 ≤ 500 人\t2025年职工总数 ")

	code, out, errs = runPolicyCLI("--policy", "gaoqi", "--year", "2025", "--company", "91210212MA0548600N", "--db", db)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "高新技术产品（服务）收入占总收入 ≥ 60%\t2025年高新技术产品（服务）收入 19502.86万元、2025年总收入 27861.23万元\t70.00%\t符合",
		"amounts in 万元, the ratio, the verdict")

	code, out, errs = runPolicyCLI("--policy", "gaoqi", "--year", "2025", "--json", "--db", db)
	require.Equal(t, exitOK, code, errs)
	var list []data.PolicyCheck
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	assert.Len(t, list, 36)

	for _, bad := range [][]string{{"--policy", "gaoqi", "--db", db}, {"--policy", "other", "--year", "2025", "--db", db}, {"--year", "2025", "--db", db}} {
		code, _, errs = runPolicyCLI(bad...)
		assert.Equal(t, exitUsage, code, "%v: %s", bad, errs)
	}
	code, _, errs = runPolicyCLI("--policy", "gaoqi", "--year", "2010", "--db", db)
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errs, "2010年早于有规则的第一年（2016年）")
	code, _, errs = runPolicyCLI("--policy", "gaoqi", "--year", "2025", "--company", "91110000600037341L", "--db", db)
	assert.Equal(t, exitRefused, code, errs)
}
