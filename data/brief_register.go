package data

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// BriefIssue is what the register is told about a brief about to be issued.
type BriefIssue struct {
	Kind string    // output, work, patents, incubators, cooperation
	Lang string    // zh or en
	Year int       // the report year; issue numbers run per report year
	Date time.Time // the date printed in the header
	// Replaces is the issued brief (its ID) this one corrects (更正), which must be of the same kind, language
	// and year and not corrected yet; 0 for a brief that corrects none.
	Replaces int64
}

// RenderedBrief is a brief made with the issue number the register allotted it.
type RenderedBrief struct {
	Title    string // the brief's title, as the register lists it
	DataHash string // the hash of the data it was made from
	PDF      []byte
	XLSX     []byte
	// Text is the final text the PDF was set from, as the register keeps it (BriefText); nil keeps none.
	Text []byte
}

// IssuedBrief is one row of the brief register, without its files.
type IssuedBrief struct {
	ID       int64
	Kind     string
	Lang     string
	Year     int
	IssueNo  int // 第X期
	Title    string
	Date     time.Time // the date printed in the header
	IssuedAt time.Time // when it was registered
	Operator string
	DataHash string
	// A correction and the brief it replaces name each other: Replaces and ReplacesNo are the ID and 第X期 of the
	// brief this one corrects, ReplacedBy and ReplacedByNo those of the correction that replaced this one; 0
	// when there is none (and then left out of the audit log's JSON).
	Replaces     int64 `json:",omitempty"`
	ReplacesNo   int   `json:",omitempty"`
	ReplacedBy   int64 `json:",omitempty"`
	ReplacedByNo int   `json:",omitempty"`
}

// Brief file formats kept by the register.
const (
	BriefPDF  = "pdf"
	BriefXLSX = "xlsx"
	// BriefText is the final text a brief was set from (RenderedBrief.Text); briefs issued before issue 17 have
	// none, and IssuedBriefFile gives nil for them.
	BriefText = "text"
)

// IssueBrief registers a brief with the next issue number of its year. The number is taken, render is called
// with it and the files are stored in one immediate transaction, so two issuers never get the same number and
// a render that fails (or is cancelled through ctx) leaves neither a row nor a gap in the numbers. Numbers of
// a year start at 1 and are shared by every kind and language: the register is one series of the bureau's
// 简报. Only the register numbers a brief: one made without issuing it is a draft, with no number. A correction
// (BriefIssue.Replaces) takes the next number like any brief, and the register links it to the one it replaces.
func (s *Store) IssueBrief(ctx context.Context, b BriefIssue,
	render func(ctx context.Context, issueNo int) (RenderedBrief, error)) (IssuedBrief, error) {
	if err := b.validate(); err != nil {
		return IssuedBrief{}, err
	}
	lock := &s.issuing
	lock.Lock()
	defer lock.Unlock()
	var out IssuedBrief
	err := s.update(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = s.issueBrief(ctx, tx, b, render)
		return err
	})
	if err != nil {
		return IssuedBrief{}, busyOr(err)
	}
	return out, nil
}

func (b BriefIssue) validate() error {
	var errs Errors
	if strings.TrimSpace(b.Kind) == "" {
		errs.add("brief_kind", invalid("err.required", "is required", nil))
	}
	if b.Lang != "zh" && b.Lang != "en" {
		errs.add("brief_lang", invalid("register.err.lang", "must be zh or en", nil))
	}
	errs.add("year", ValidateYear(b.Year))
	if b.Date.IsZero() {
		errs.add("brief_date", invalid("err.required", "is required", nil))
	}
	return errs.Err()
}

func (s *Store) issueBrief(ctx context.Context, tx *sql.Tx, b BriefIssue,
	render func(ctx context.Context, issueNo int) (RenderedBrief, error)) (IssuedBrief, error) {
	replacesNo, err := correctable(ctx, tx, b)
	if err != nil {
		return IssuedBrief{}, err
	}
	var no int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(issue_no), 0) + 1 FROM brief_register WHERE year = ?`,
		b.Year).Scan(&no); err != nil {
		return IssuedBrief{}, internal(err, "cannot read the brief register")
	}
	r, err := render(ctx, no)
	if err != nil {
		return IssuedBrief{}, err
	}
	if err := ctx.Err(); err != nil {
		return IssuedBrief{}, err
	}
	out := IssuedBrief{Kind: b.Kind, Lang: b.Lang, Year: b.Year, IssueNo: no, Title: r.Title,
		Date: dateOnly(b.Date), IssuedAt: s.now().UTC().Truncate(time.Second), Operator: s.operator, DataHash: r.DataHash,
		Replaces: b.Replaces, ReplacesNo: replacesNo}
	err = tx.QueryRowContext(ctx, `INSERT INTO brief_register
		(kind, lang, year, issue_no, title, issued_date, issued_at, operator, data_hash, pdf, xlsx, text, replaces)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0)) RETURNING id`,
		out.Kind, out.Lang, out.Year, out.IssueNo, out.Title, FormatDate(out.Date), out.IssuedAt.Format(time.RFC3339),
		out.Operator, out.DataHash, nonNil(r.PDF), nonNil(r.XLSX), r.Text, out.Replaces).Scan(&out.ID)
	if err != nil {
		return IssuedBrief{}, conflictOr(err, "issue_no", "register.err.taken", "the issue number is already taken", nil)
	}
	audit := struct {
		IssuedBrief
		PDFBytes, XLSXBytes int
	}{out, len(r.PDF), len(r.XLSX)}
	return out, s.audit(ctx, tx, "brief_register", out.ID, "create", nil, audit)
}

// correctable checks, for a correction, that the brief it replaces is an issued brief of the same kind,
// language and year not corrected yet, and gives its 第X期; 0 for a brief that corrects none. A brief already
// corrected is refused with the number of its correction, which is the one to correct now.
func correctable(ctx context.Context, tx *sql.Tx, b BriefIssue) (int, error) {
	if b.Replaces == 0 {
		return 0, nil
	}
	var kind, lang string
	var year, no, by int
	err := tx.QueryRowContext(ctx, `SELECT r.kind, r.lang, r.year, r.issue_no, coalesce(c.issue_no, 0)
		FROM brief_register r LEFT JOIN brief_register c ON c.replaces = r.id WHERE r.id = ?`, b.Replaces).
		Scan(&kind, &lang, &year, &no, &by)
	switch {
	case isNoRows(err):
		return 0, notFound("issued brief", b.Replaces)
	case err != nil:
		return 0, internal(err, "cannot read the brief register")
	case kind != b.Kind || lang != b.Lang || year != b.Year:
		return 0, invalid("register.err.correct_other", "a correction is of the same kind, language and year as the brief it corrects",
			nil)
	case by != 0:
		e := invalid("register.err.corrected", "issue {{.No}} was corrected by issue {{.By}}; correct that one",
			map[string]any{"No": no, "By": by})
		e.Code = Conflict
		return 0, e
	}
	return no, nil
}

// nonNil keeps an empty file from being stored as NULL.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// busyOr turns a database held too long by another program into a Conflict the user can act on.
func busyOr(err error) error {
	if isBusy(err) {
		return &Error{Code: Conflict, Key: "register.err.busy", Err: err,
			Message: "another program is writing to the database; try again in a moment"}
	}
	return err
}

// issuedBriefs reads the register's rows (r) with the briefs each corrects (o) and is corrected by (c).
const issuedBriefs = `SELECT r.id, r.kind, r.lang, r.year, r.issue_no, r.title, r.issued_date, r.issued_at, r.operator,
	r.data_hash, coalesce(o.id, 0), coalesce(o.issue_no, 0), coalesce(c.id, 0), coalesce(c.issue_no, 0)
	FROM brief_register r LEFT JOIN brief_register o ON o.id = r.replaces LEFT JOIN brief_register c ON c.replaces = r.id`

// ListIssuedBriefs lists the brief register, the latest issued first, without the files.
func (s *Store) ListIssuedBriefs(ctx context.Context) ([]IssuedBrief, error) {
	rows, err := s.db.QueryContext(ctx, issuedBriefs+` ORDER BY r.id DESC`)
	if err != nil {
		return nil, internal(err, "cannot read the brief register")
	}
	defer rows.Close()
	var out []IssuedBrief
	for rows.Next() {
		b, err := scanIssuedBrief(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot read the brief register")
	}
	return out, nil
}

// IssuedBrief reads one row of the brief register, without its files.
func (s *Store) IssuedBrief(ctx context.Context, id int64) (IssuedBrief, error) {
	b, err := scanIssuedBrief(s.db.QueryRowContext(ctx, issuedBriefs+` WHERE r.id = ?`, id))
	if isNoRows(err) {
		return b, notFound("issued brief", id)
	}
	return b, err
}

func scanIssuedBrief(row interface{ Scan(...any) error }) (IssuedBrief, error) {
	var b IssuedBrief
	var date, at string
	err := row.Scan(&b.ID, &b.Kind, &b.Lang, &b.Year, &b.IssueNo, &b.Title, &date, &at, &b.Operator, &b.DataHash,
		&b.Replaces, &b.ReplacesNo, &b.ReplacedBy, &b.ReplacedByNo)
	if isNoRows(err) {
		return b, err
	}
	if err != nil {
		return b, internal(err, "cannot read the brief register")
	}
	b.Date, _ = time.Parse(DateLayout, date)
	b.IssuedAt, _ = time.Parse(time.RFC3339, at)
	return b, nil
}

// IssuedBriefFile is the PDF, XLSX or final text (BriefPDF, BriefXLSX, BriefText) of an issued brief, byte for
// byte as it was issued. The text of a brief issued without one is nil.
func (s *Store) IssuedBriefFile(ctx context.Context, id int64, format string) ([]byte, error) {
	var col string
	switch format {
	case BriefPDF:
		col = "pdf"
	case BriefXLSX:
		col = "xlsx"
	case BriefText:
		col = "text"
	default:
		return nil, invalid("register.err.format", "the file format must be pdf or xlsx", nil)
	}
	var b []byte
	err := s.db.QueryRowContext(ctx, `SELECT `+col+` FROM brief_register WHERE id = ?`, id).Scan(&b)
	if isNoRows(err) {
		return nil, notFound("issued brief", id)
	}
	if err != nil {
		return nil, internal(err, "cannot read the issued brief")
	}
	return b, nil
}
