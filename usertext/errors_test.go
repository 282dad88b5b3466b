package usertext

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/assets"
	"scitech/data"
)

// usccLength is what data.ValidateUSCC says of a three-character code, placed on the company's code field.
var usccLength = &data.Error{Code: data.Invalid, Field: "uscc", Key: "err.uscc.length", Args: map[string]any{"N": 3},
	Message: "must have 18 characters, not 3"}

func TestErrorInEachLanguage(t *testing.T) {
	t.Parallel()
	required := &data.Error{Code: data.Invalid, Field: "name", Key: "err.required", Message: "is required"}
	tests := []struct {
		name   string
		err    error
		zh, en string
	}{
		{"a data error names its field", usccLength,
			"统一社会信用代码：应为 18 位，现为 3 位", "Unified social credit code: must have 18 characters, not 3"},
		{"a wrapped data error is found", fmt.Errorf("saving: %w", usccLength),
			"统一社会信用代码：应为 18 位，现为 3 位", "Unified social credit code: must have 18 characters, not 3"},
		{"without a field, the message alone",
			&data.Error{Code: data.Invalid, Key: "err.uscc.length", Args: map[string]any{"N": 20}},
			"应为 18 位，现为 20 位", "must have 18 characters, not 20"},
		{"a list, one problem a line", data.Errors{usccLength, required},
			"统一社会信用代码：应为 18 位，现为 3 位\n企业名称：必须填写",
			"Unified social credit code: must have 18 characters, not 3\nCompany name: is required"},
		{"a key with no text falls back to the English message",
			&data.Error{Code: data.Invalid, Key: "err.no.such.key", Message: "plain words"}, "plain words", "plain words"},
		{"a field with no label is named as it is",
			&data.Error{Code: data.Invalid, Field: "zzz", Key: "err.required", Message: "is required"},
			"zzz：必须填写", "zzz: is required"},
		{"an internal error is a generic message",
			&data.Error{Code: data.Internal, Key: "err.internal", Message: "boom", Err: errors.New("SQL logic error")},
			"出现内部错误，详细信息已记入日志。", "An internal error occurred; the details are in the log."},
		{"any other error is a generic message", errors.New("no such table: companies"),
			"出现内部错误，详细信息已记入日志。", "An internal error occurred; the details are in the log."},
	}
	for _, tc := range tests {
		for lang, want := range map[string]string{"zh": tc.zh, "en": tc.en} {
			t.Run(tc.name+"/"+lang, func(t *testing.T) {
				t.Parallel()
				assert.Equal(t, want, Error(assets.NewTranslator(lang), tc.err))
			})
		}
	}
}

func TestErrorExplainsABareDiskFull(t *testing.T) {
	t.Parallel()
	err := &fs.PathError{Op: "write", Path: "scitech.db", Err: syscall.ENOSPC}
	for _, lang := range assets.Languages {
		tr := assets.NewTranslator(lang)
		assert.Equal(t, tr.T("err.db.disk_full"), Error(tr, err), lang)
	}
}

func TestTwoTranslatorsSideBySide(t *testing.T) {
	t.Parallel()
	zh, en := assets.NewTranslator("zh"), assets.NewTranslator("en")
	assert.Equal(t, "必须填写", Validation(zh, &data.Error{Code: data.Invalid, Key: "err.required"}))
	assert.Equal(t, "is required", Validation(en, &data.Error{Code: data.Invalid, Key: "err.required"}),
		"one translator does not change what the other says")
}

func TestValidationLeavesTheFieldToTheForm(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		err    error
		zh, en string
	}{
		{"a data error without its field", usccLength, "应为 18 位，现为 3 位", "must have 18 characters, not 3"},
		{"a key with no text reads as Error has it",
			&data.Error{Code: data.Invalid, Field: "name", Key: "err.no.such.key", Message: "plain words"},
			"企业名称：plain words", "Company name: plain words"},
		{"an internal error is a generic message", errors.New("boom"),
			"出现内部错误，详细信息已记入日志。", "An internal error occurred; the details are in the log."},
	}
	for _, tc := range tests {
		for lang, want := range map[string]string{"zh": tc.zh, "en": tc.en} {
			t.Run(tc.name+"/"+lang, func(t *testing.T) {
				t.Parallel()
				assert.Equal(t, want, Validation(assets.NewTranslator(lang), tc.err))
			})
		}
	}
}

func TestBackupErrorNamesWhatCouldNotBeWritten(t *testing.T) {
	t.Parallel()
	en := assets.NewTranslator("en")
	err := &data.Error{Code: data.Internal, Key: "err.backup.write", Args: map[string]any{"Path": "E:/b.db"},
		Err: errors.New("access denied")}
	assert.Contains(t, BackupError(en, err), "Cannot write the backup E:/b.db")
	assert.Contains(t, BackupError(assets.NewTranslator("zh"), err), "无法写入备份 E:/b.db")
	internal := &data.Error{Code: data.Internal, Key: "err.internal"}
	assert.Equal(t, Error(en, internal), BackupError(en, internal))
	assert.Equal(t, "must have 18 characters, not 3", BackupError(en, fmt.Errorf("x: %w", usccLength)),
		"a translated error of a backup is its text alone")
}

func TestFieldLabel(t *testing.T) {
	t.Parallel()
	tests := []struct{ field, zh, en string }{
		{"uscc", "统一社会信用代码", "Unified social credit code"},
		{"company", "企业名称", "Company name"},           // a company is named on forms by its name
		{"granted", "授权日", "Granted"},                 // no form label: the fieldlabel. text
		{"not_a_field", "not_a_field", "not_a_field"}, // nothing to say it better
	}
	for _, tc := range tests {
		assert.Equal(t, tc.zh, FieldLabel(assets.NewTranslator("zh"), tc.field), tc.field)
		assert.Equal(t, tc.en, FieldLabel(assets.NewTranslator("en"), tc.field), tc.field)
	}
}

func TestEveryKeyUsedHereIsTranslated(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`T\("([a-z_.]*[a-z_])"`)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	seen := 0
	for _, lang := range assets.Languages {
		tr := assets.NewTranslator(lang)
		for _, f := range files {
			src, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				seen++
				assert.True(t, tr.Has(m[1]), "%s: key %q has no %s text", f, m[1], lang)
			}
		}
		for _, key := range fieldLabels {
			assert.True(t, tr.Has(key), "field label %q has no %s text", key, lang)
		}
	}
	assert.Greater(t, seen, 10)
}
