package exchange

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"scitech/data"
)

// FuzzReadWorkbook feeds the reader arbitrary files: it must never panic, and a refusal is always a *data.Error
// naming the file. The seeds are the bad files of the tests and good workbooks of every kind.
//
//	go test -run=^$ -fuzz=FuzzReadWorkbook -fuzztime=15s -fuzzminimizetime=2s ./reports/exchange
//
// (the default minimisation of each new input, up to a minute, would take most of a short run).
func FuzzReadWorkbook(f *testing.F) {
	dir := f.TempDir()
	for _, bad := range badFilesSmall(f, dir) {
		b, err := os.ReadFile(bad)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, p := range []string{goodOutputs(f, dir), templateLike(f, dir)} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "fuzz.xlsx")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		read, err := ReadWorkbook(context.Background(), p, ReadOptions{MaxBytes: 4 << 20})
		if err != nil {
			var de *data.Error
			if !errors.As(err, &de) || de.Field != "file" || de.Args["File"] != "fuzz.xlsx" {
				t.Fatalf("refusal is not a file error naming the file: %#v", err)
			}
			if de.Key == "err.import.panic" {
				t.Fatalf("the reader panicked: %v", err)
			}
			return
		}
		for _, r := range read.Rows {
			if r.Row < 1 || r.Row > maxSheetRows {
				t.Fatalf("row number %d", r.Row)
			}
		}
		if len(read.Issues) > 0 {
			_ = WriteErrorWorkbook(p, read.Issues, discard{}, "en")
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// badFilesSmall are the bad files but the zip bomb, whose 64 MB would only slow every fuzz run down.
func badFilesSmall(t testing.TB, dir string) []string {
	var out []string
	for name, bad := range badFiles(t, dir) {
		if name != "zip bomb" && name != "rows > max" {
			out = append(out, bad.path)
		}
	}
	return out
}

// templateLike is a workbook of every kind with a title row, header, data rows, a hidden meta sheet and an
// unknown sheet, as a template filled in by a company.
func templateLike(t testing.TB, dir string) string {
	return writeWorkbook(t, dir, "template.xlsx",
		testSheet{"企业", [][]any{{"企业基本信息"}, {"统一社会信用代码", "名称", "高新技术领域", "所在园区", "成立日期", "规模以上企业"},
			{"91210200MA0QCJ5X4T", "大连海宝渔业有限公司", "电子信息", "旅顺经济开发区", "2015/6/1", "是"}}},
		testSheet{"年度产值", [][]any{outputHeaders, {"91210200MA0QCJ5X4T", "大连海宝", 2024, 45272.9, 3954.7, 1, 2, 3, 4}}},
		testSheet{"专利", [][]any{{"申请号", "名称", "统一社会信用代码", "申请日", "法律状态"},
			{"201710601862.3", "一种装置", "91210200MA0QCJ5X4T", 42936, "授权"}}},
		testSheet{"产学研合作", [][]any{{"统一社会信用代码", "高校院所", "开始日期"}, {"91210200MA0QCJ5X4T", "大连理工大学", "2023年3月1日"}}},
		testSheet{"合作成果", [][]any{{"统一社会信用代码", "高校院所", "开始日期", "成果类别", "名称", "年度"},
			{"91210200MA0QCJ5X4T", "大连理工大学", "2023-03-01", "新产品", "智能网箱", "2024年"}}},
		testSheet{"备注", [][]any{{"说明"}}},
		testSheet{MetaSheet, [][]any{{"version", "1"}}})
}
