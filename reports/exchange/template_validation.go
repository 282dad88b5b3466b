package exchange

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"scitech/data"
)

// addValidation gives a column of a template its input message (unit and format) and, where Excel can check it,
// the rule refusing impossible values: a drop-down list for fixed values, numbers ≥ 0, years and dates in range,
// credit codes of 18 characters. The reader checks everything again; these only catch mistakes while typing.
func (t *templateWriter) addValidation(sheet, sqref string, def data.ExchangeSheet, field data.ExchangeField) error {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(sqref)
	dv.SetInput(truncateRunes(t.tr.T("col."+field.Key), 32), truncateRunes(t.prompt(def, field), 255))
	if !field.Info {
		msg, err := t.rule(dv, sqref, def, field)
		if err != nil {
			return err
		}
		if msg != "" {
			dv.SetError(excelize.DataValidationErrorStyleStop, t.tr.T("template.error.title"), msg)
		}
	}
	return t.f.AddDataValidation(sheet, dv)
}

// ownUSCC reports whether a field is the company's code on a sheet of its records, which a company template
// offers as a one-entry list.
func (t *templateWriter) ownUSCC(def data.ExchangeSheet, field data.ExchangeField) bool {
	return t.d.Company != nil && field.Type == data.ExUSCC && def.Kind != "companies"
}

// prompt is a column's input message: required or not, then unit and format.
func (t *templateWriter) prompt(def data.ExchangeSheet, field data.ExchangeField) string {
	if field.Info {
		return t.tr.T("template.prompt.info")
	}
	var b strings.Builder
	if field.Required {
		b.WriteString(t.tr.T("template.prompt.required"))
	} else {
		b.WriteString(t.tr.T("template.prompt.optional"))
	}
	switch {
	case t.ownUSCC(def, field):
		b.WriteString(t.tr.T("template.prompt.own_uscc"))
	case field.Key == "park" && len(t.d.Parks) > 0:
		b.WriteString(t.tr.T("template.prompt.park"))
	case field.Type == data.ExCode && field.Key != "park", field.Type == data.ExBool:
		b.WriteString(t.tr.T("template.prompt.list"))
	case field.Type != data.ExText && field.Type != data.ExCode:
		b.WriteString(t.tr.T("template.prompt." + field.Type))
	}
	if fieldPrompts[field.Key] {
		b.WriteString("\n")
		b.WriteString(t.tr.T("template.prompt." + field.Key))
	}
	if slices.Contains(def.Key, field.Key) {
		b.WriteString("\n")
		b.WriteString(t.tr.T("template.prompt.key"))
	}
	return b.String()
}

// fieldPrompts are the fields whose input message says more than their type does ("template.prompt."+key): the
// form a software copyright's number takes, what the year a right was used in means, and what a fact's number
// is for.
var fieldPrompts = map[string]bool{"reg_no": true, "used_in": true, "number": true}

// rule sets the check of a column and returns its error message, "" when Excel cannot check the field.
func (t *templateWriter) rule(dv *excelize.DataValidation, sqref string, def data.ExchangeSheet, field data.ExchangeField) (string, error) {
	first := strings.SplitN(sqref, ":", 2)[0]
	switch {
	case t.ownUSCC(def, field):
		return t.tr.T("template.error.list"), dv.SetDropList([]string{t.d.Company.USCC})
	case field.Type == data.ExCode || field.Type == data.ExBool:
		choices := t.choices(field)
		if len(choices) == 0 {
			return "", nil
		}
		inline, ref, err := t.listSource(choices)
		if err != nil {
			return "", err
		}
		if ref != "" {
			dv.SetSqrefDropList(ref)
			return t.tr.T("template.error.list"), nil
		}
		return t.tr.T("template.error.list"), dv.SetDropList(inline)
	case field.Type == data.ExUSCC:
		dv.Type, dv.Operator, dv.Formula1 = "textLength", "equal", "18"
		return t.tr.T("template.error.uscc"), nil
	case field.Type == data.ExWan:
		// Custom, to refuse a fifth decimal as well as a negative amount.
		dv.Type = "custom"
		dv.Formula1 = xmlEscape(fmt.Sprintf("AND(ISNUMBER(%[1]s),%[1]s>=0,ROUND(%[1]s,4)=%[1]s)", first))
		return t.tr.T("template.error.wan"), nil
	case field.Type == data.ExSignedWan:
		dv.Type = "custom"
		dv.Formula1 = xmlEscape(fmt.Sprintf("AND(ISNUMBER(%[1]s),ROUND(%[1]s,4)=%[1]s)", first))
		return t.tr.T("template.error.swan"), nil
	case field.Type == data.ExInt:
		dv.Type, dv.Operator, dv.Formula1 = "whole", "greaterThanOrEqual", "0"
		return t.tr.T("template.error.int"), nil
	case field.Type == data.ExYear:
		return t.tr.T("template.error.year", map[string]any{"Min": data.MinYear, "Max": data.MaxYear}),
			dv.SetRange(data.MinYear, data.MaxYear, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	case field.Type == data.ExDate:
		return t.tr.T("template.error.date", map[string]any{"Min": data.FormatDate(templateDateMin), "Max": data.FormatDate(templateDateMax)}),
			dv.SetRange(excelSerial(templateDateMin), excelSerial(templateDateMax), excelize.DataValidationTypeDate,
				excelize.DataValidationOperatorBetween)
	}
	return "", nil
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// truncateRunes cuts s to at most n characters, as Excel limits input titles and messages.
func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
