package data

import (
	"strings"
	"time"
)

// CertState is a state of a company's high-tech enterprise certificate on a day, as the company list filters by
// it; the list's 高企证书 column says the same (valid or expired, or none).
type CertState string

// States of the certificate on the day CompanyConditions.On.
const (
	CertAny      CertState = ""         // whatever the certificate
	CertValid    CertState = "valid"    // valid on the day (Company.CertValidOn)
	CertExpiring CertState = "expiring" // valid, and ends within AttentionAheadDays, as 需要关注 warns of it
	CertInvalid  CertState = "invalid"  // issued, but not valid on the day (expired, or without a number)
	CertNone     CertState = "none"     // never issued
)

// CertStates are the states a list offers, in the order it offers them.
var CertStates = []CertState{CertValid, CertExpiring, CertInvalid, CertNone}

// Scale narrows the company list to the companies above scale (规上企业) or the others.
type Scale string

// Choices of Scale.
const (
	ScaleAny   Scale = ""
	ScaleAbove Scale = "above" // 规上
	ScaleBelow Scale = "below" // 规下
)

// CompanyConditions narrows the company list to a park, a high-tech field, a state of the certificate on a
// day and being above scale or not. Its zero value narrows nothing. CompanyFilter embeds it, so that a list's
// count, its pages and its export all see the same companies.
type CompanyConditions struct {
	ParkID int64     // 0: any park
	Field  string    // one of HighTechFields; "": any
	Cert   CertState // judged on On
	On     time.Time // the day the certificate is judged on (the list's today); needed with Cert
	Scale  Scale
}

// certValid is the SQL of Company.CertValidOn for the day given twice, as the figures count 高新技术企业.
const certValid = `c.cert_no <> '' AND c.cert_issued <= ? AND c.cert_expires > ?`

// conditions are the SQL conditions on company c, joined by AND, with their arguments in order.
func (k CompanyConditions) conditions() (conds []string, args []any) {
	if k.ParkID > 0 {
		conds, args = append(conds, `c.park_id = ?`), append(args, k.ParkID)
	}
	if k.Field != "" {
		conds, args = append(conds, `c.field = ?`), append(args, k.Field)
	}
	day, ahead := FormatDate(k.On), FormatDate(dateOnly(k.On).AddDate(0, 0, AttentionAheadDays))
	switch k.Cert {
	case CertValid:
		conds, args = append(conds, certValid), append(args, day, day)
	case CertExpiring:
		conds, args = append(conds, certValid+` AND c.cert_expires <= ?`), append(args, day, day, ahead)
	case CertInvalid:
		conds = append(conds, `coalesce(c.cert_issued, '') <> '' AND NOT (`+certValid+`)`)
		args = append(args, day, day)
	case CertNone:
		conds = append(conds, `coalesce(c.cert_issued, '') = ''`)
	}
	switch k.Scale {
	case ScaleAbove: // above_scale is 0 or 1, an integer on both databases (a server takes no integer as a condition)
		conds = append(conds, `c.above_scale <> 0`)
	case ScaleBelow:
		conds = append(conds, `c.above_scale = 0`)
	}
	return conds, args
}

// and adds the conditions to a WHERE clause (" WHERE (…)" or "") and its arguments; the clause's own come first.
func (k CompanyConditions) and(where string, args []any) (string, []any) {
	conds, more := k.conditions()
	if len(conds) == 0 {
		return where, args
	}
	joined := strings.Join(conds, ` AND `)
	if where == "" {
		return ` WHERE ` + joined, more
	}
	return where + ` AND ` + joined, append(args, more...)
}
