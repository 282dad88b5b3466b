package usertext

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"

	"scitech/assets"
	"scitech/data"
)

// usccLength is what data.ValidateUSCC says of a three-character code, placed on the company's code field.
var usccLength = &data.Error{Code: data.Invalid, Field: "uscc", Key: "err.uscc.length", Args: map[string]any{"N": 3},
	Message: "must have 18 characters, not 3"}

func TestErrorInEachLanguage(t *testing.T) {
	t.Parallel()
	required := &data.Error{Code: data.Invalid, Field: "name", Key: "err.required", Message: "is required"}
	text := func(err error) func(*assets.Translator) string {
		return func(tr *assets.Translator) string { return Error(tr, err) }
	}
	checkTexts(t, []textCase{
		{"a data error names its field", text(usccLength),
			"统一社会信用代码：应为 18 位，现为 3 位", "Unified social credit code: must have 18 characters, not 3"},
		{"a wrapped data error is found", text(fmt.Errorf("saving: %w", usccLength)),
			"统一社会信用代码：应为 18 位，现为 3 位", "Unified social credit code: must have 18 characters, not 3"},
		{"without a field, the message alone",
			text(&data.Error{Code: data.Invalid, Key: "err.uscc.length", Args: map[string]any{"N": 20}}),
			"应为 18 位，现为 20 位", "must have 18 characters, not 20"},
		{"a list, one problem a line", text(data.Errors{usccLength, required}),
			"统一社会信用代码：应为 18 位，现为 3 位\n企业名称：必须填写",
			"Unified social credit code: must have 18 characters, not 3\nCompany name: is required"},
		{"a key with no text falls back to the English message",
			text(&data.Error{Code: data.Invalid, Key: "err.no.such.key", Message: "plain words"}), "plain words", "plain words"},
		{"a field with no label is named as it is",
			text(&data.Error{Code: data.Invalid, Field: "zzz", Key: "err.required", Message: "is required"}),
			"zzz：必须填写", "zzz: is required"},
		{"an internal error is a generic message",
			text(&data.Error{Code: data.Internal, Key: "err.internal", Message: "boom", Err: errors.New("SQL logic error")}),
			"出现内部错误，详细信息已记入日志。", "An internal error occurred; the details are in the log."},
		{"any other error is a generic message", text(errors.New("no such table: companies")),
			"出现内部错误，详细信息已记入日志。", "An internal error occurred; the details are in the log."},
	})
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
	text := func(err error) func(*assets.Translator) string {
		return func(tr *assets.Translator) string { return Validation(tr, err) }
	}
	checkTexts(t, []textCase{
		{"a data error without its field", text(usccLength), "应为 18 位，现为 3 位", "must have 18 characters, not 3"},
		{"a key with no text reads as Error has it",
			text(&data.Error{Code: data.Invalid, Field: "name", Key: "err.no.such.key", Message: "plain words"}),
			"企业名称：plain words", "Company name: plain words"},
		{"an internal error is a generic message", text(errors.New("boom")),
			"出现内部错误，详细信息已记入日志。", "An internal error occurred; the details are in the log."},
	})
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
		inLanguages(t, func(tr *assets.Translator) string { return FieldLabel(tr, tc.field) }, tc.zh, tc.en)
	}
	for _, lang := range assets.Languages {
		tr := assets.NewTranslator(lang)
		for _, key := range fieldLabels {
			assert.True(t, tr.Has(key), "field label %q has no %s text", key, lang)
		}
	}
}
