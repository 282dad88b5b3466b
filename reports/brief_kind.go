package reports

import (
	"bytes"
	"context"
	"errors"
	"io"
	"time"

	"scitech/assets"
	"scitech/data"
)

// BriefSource is what every brief kind reads from the database; *data.Store implements it.
type BriefSource interface {
	OutputSource
	WorkSource
	PatentSource
	IncubatorSource
	CoopSource
}

// BriefKind is one kind of brief: the word the command line and the register know it by, its translation
// keys, and how it is loaded. The window and the command line both go through BriefKinds, so a new kind is
// added here once.
type BriefKind struct {
	Name  string // output, work, patents, incubators, cooperation
	Label string // translation key of its name in the kind select
	File  string // translation key of its title and file name, given {{.Year}}
	load  func(ctx context.Context, src BriefSource, year int, lang string, date time.Time) (*Brief, error)
}

// BriefKinds are the brief kinds, in the order the window offers them.
var BriefKinds = []*BriefKind{
	{Name: "output", Label: "reports.kind.output", File: "brief.output.title",
		load: loadKind(LoadOutputBrief, WriteOutputBriefPDF, WriteOutputBriefXLSX)},
	{Name: "work", Label: "reports.kind.work", File: "brief.work.file",
		load: loadKind(LoadWorkBrief, WriteWorkBriefPDF, WriteWorkBriefXLSX)},
	{Name: "patents", Label: "reports.kind.patents", File: "brief.patents.file",
		load: loadKind(LoadPatentBrief, WritePatentBriefPDF, WritePatentBriefXLSX)},
	{Name: "incubators", Label: "reports.kind.incubators", File: "brief.incubators.file",
		load: loadKind(LoadIncubatorBrief, WriteIncubatorBriefPDF, WriteIncubatorBriefXLSX)},
	{Name: "cooperation", Label: "reports.kind.cooperation", File: "brief.coop.file",
		load: loadKind(LoadCoopBrief, WriteCoopBriefPDF, WriteCoopBriefXLSX)},
}

// loadKind is the load of a kind: its loader, which reads the kind's own source S (BriefSource gathers them all,
// so the conversion holds), and its writers, given the brief.
func loadKind[S any, B any, P interface {
	*B
	headed
}](load func(context.Context, S, int, string, time.Time) (B, error), pdf, xlsx func(io.Writer, B) error,
) func(context.Context, BriefSource, int, string, time.Time) (*Brief, error) {
	return func(ctx context.Context, src BriefSource, year int, lang string, date time.Time) (*Brief, error) {
		b, err := load(ctx, src.(S), year, lang, date)
		return &Brief{Value: &b, header: P(&b).header(),
			pdf:  func(w io.Writer) error { return pdf(w, b) },
			xlsx: func(w io.Writer) error { return xlsx(w, b) }}, err
	}
}

// BriefKindNamed is the kind the command line or the register calls name; nil if there is none.
func BriefKindNamed(name string) *BriefKind {
	for _, k := range BriefKinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// BriefKindNames are the names of the kinds, in order.
func BriefKindNames() []string {
	names := make([]string, len(BriefKinds))
	for i, k := range BriefKinds {
		names[i] = k.Name
	}
	return names
}

// Title is the brief's title in its language, as the register lists it and a saved file is named.
func (k *BriefKind) Title(lang string, year int) string {
	return assets.NewTranslator(lang).T(k.File, map[string]any{"Year": year})
}

// Load gathers a brief of this kind. fonts are the fonts it will be printed with; nil means the defaults of
// ResolveFonts (the window and the command line pass those chosen in Settings).
func (k *BriefKind) Load(ctx context.Context, src BriefSource, year int, lang string, date time.Time,
	fonts *FontSet) (*Brief, error) {
	b, err := k.load(ctx, src, year, lang, date)
	if err != nil {
		return nil, err
	}
	b.Kind, b.Year, b.Lang = k, year, lang
	b.SetFonts(fonts)
	b.SetIssueNo(0) // a draft until the register issues it, whatever the source says
	return b, nil
}

// Brief is a loaded brief of any kind, ready to be written.
type Brief struct {
	Kind *BriefKind
	Year int
	Lang string
	// Value points at the brief itself (*OutputBrief, *WorkBrief, …): what DataHash reads and what a check of
	// the characters against the fonts walks through.
	Value any

	header    *BriefHeader // the header of Value
	pdf, xlsx func(io.Writer) error
}

// Settings are the brief's red header: issuing unit, name and issue number.
func (b *Brief) Settings() data.BriefSettings { return b.header.Settings }

// SetIssueNo sets the 第X期 the header prints; 0, as a brief is loaded, is a draft.
func (b *Brief) SetIssueNo(no int) { b.header.Settings.IssueNo = no }

// SetCorrects makes the brief a correction (更正) of the issue numbered old: its header names it beside its own
// number. 0 makes it an ordinary brief again.
func (b *Brief) SetCorrects(old int) { b.header.Settings.Corrects = old }

// Fonts are the fonts the brief is printed with; nil means the defaults.
func (b *Brief) Fonts() *FontSet { return b.header.Fonts }

// SetFonts sets the fonts the brief is printed with; nil means the defaults.
func (b *Brief) SetFonts(fs *FontSet) { b.header.Fonts = fs }

// WritePDF writes the brief as PDF.
func (b *Brief) WritePDF(w io.Writer) error { return b.pdf(w) }

// WriteXLSX writes the brief as XLSX.
func (b *Brief) WriteXLSX(w io.Writer) error { return b.xlsx(w) }

// Render makes both files of the brief in memory, with the text the PDF was set from, for the register.
func (b *Brief) Render() (data.RenderedBrief, error) {
	var pdf, xlsx bytes.Buffer
	if err := b.WritePDF(&pdf); err != nil {
		return data.RenderedBrief{}, err
	}
	if err := b.WriteXLSX(&xlsx); err != nil {
		return data.RenderedBrief{}, err
	}
	return data.RenderedBrief{Title: b.Kind.Title(b.Lang, b.Year), DataHash: DataHash(b.Value),
		PDF: pdf.Bytes(), XLSX: xlsx.Bytes(), Text: b.TextBytes()}, nil
}

// Register is the brief register; *data.Store implements it.
type Register interface {
	IssueBrief(ctx context.Context, b data.BriefIssue,
		render func(ctx context.Context, issueNo int) (data.RenderedBrief, error)) (data.IssuedBrief, error)
}

// IssueBrief issues a brief of a kind: the register allots the year's next 第X期, and the brief is loaded and
// printed with it while the register holds the number, so the figures and the hash are those of the data at
// that moment. prepare, when not nil, is called on the loaded brief before it is written: the place to check
// its characters against the fonts; an error from it issues nothing. It runs inside the register's write
// transaction, so it must not wait for the user: ask before issuing, and let prepare only refuse.
func IssueBrief(ctx context.Context, reg Register, src BriefSource, k *BriefKind, year int, lang string,
	date time.Time, fonts *FontSet, prepare func(*Brief) error) (data.IssuedBrief, error) {
	return reg.IssueBrief(ctx, data.BriefIssue{Kind: k.Name, Lang: lang, Year: year, Date: date},
		func(ctx context.Context, no int) (data.RenderedBrief, error) {
			b, err := k.Load(ctx, src, year, lang, date, fonts)
			if err != nil {
				return data.RenderedBrief{}, err
			}
			if prepare != nil {
				if err := prepare(b); err != nil {
					return data.RenderedBrief{}, err
				}
			}
			b.SetIssueNo(no)
			return b.Render()
		})
}

// CorrectionRegister is the brief register a correction is issued through: it issues, and gives the text an
// issued brief was set from. *data.Store implements it.
type CorrectionRegister interface {
	Register
	IssuedBriefFile(ctx context.Context, id int64, format string) ([]byte, error)
}

// CorrectBrief issues a correction (更正) of an issued brief: a brief of the same kind, year and language made
// from the records as they are, which takes the year's next 第X期 (as IssueBrief) and whose header names the
// issue it replaces; the register links the two. prepare may set an edited text on it (SetText), as for
// IssueBrief. It refuses, registering nothing, a brief already corrected (correct the correction) and a
// correction that would say what the issued brief says: data unchanged (the brief made now, inside the
// register's transaction, has the hash of the one issued) and the same text (the text it was issued with, or
// for a brief issued before texts were kept, no edited text). date and fonts are as for IssueBrief.
func CorrectBrief(ctx context.Context, reg CorrectionRegister, src BriefSource, issued data.IssuedBrief, date time.Time,
	fonts *FontSet, prepare func(*Brief) error) (data.IssuedBrief, error) {
	k := BriefKindNamed(issued.Kind)
	if k == nil {
		return data.IssuedBrief{}, unknownKind(issued.Kind)
	}
	oldText, err := reg.IssuedBriefFile(ctx, issued.ID, data.BriefText)
	if err != nil {
		return data.IssuedBrief{}, err
	}
	meta := data.BriefIssue{Kind: k.Name, Lang: issued.Lang, Year: issued.Year, Date: date, Replaces: issued.ID}
	return reg.IssueBrief(ctx, meta, func(ctx context.Context, no int) (data.RenderedBrief, error) {
		b, err := k.Load(ctx, src, issued.Year, issued.Lang, date, fonts)
		if err != nil {
			return data.RenderedBrief{}, err
		}
		sameData := DataHash(b.Value) == issued.DataHash
		if prepare != nil {
			if err := prepare(b); err != nil {
				return data.RenderedBrief{}, err
			}
		}
		sameText := oldText == nil && !b.Edited() || oldText != nil && bytes.Equal(oldText, b.TextBytes())
		if sameData && sameText {
			return data.RenderedBrief{}, &data.Error{Code: data.Conflict, Key: "register.err.unchanged",
				Args: map[string]any{"No": issued.IssueNo}, Message: "neither the data nor the text has changed: there is nothing to correct"}
		}
		b.SetIssueNo(no)
		b.SetCorrects(issued.IssueNo)
		return b.Render()
	})
}

// DataChanged tells whether the data an issued brief was made from has changed since: the brief is loaded
// again from the records as they are and the hashes compared.
func DataChanged(ctx context.Context, src BriefSource, issued data.IssuedBrief) (bool, error) {
	h, err := CurrentDataHash(ctx, src, issued)
	return err == nil && h != issued.DataHash, err
}

// CurrentDataHash is the DataHash of an issued brief made again from the records as they are: its kind, year
// and language. It is "" when the brief can no longer be made (its year's records were deleted), which no
// issued brief's hash equals.
func CurrentDataHash(ctx context.Context, src BriefSource, issued data.IssuedBrief) (string, error) {
	k := BriefKindNamed(issued.Kind)
	if k == nil {
		return "", unknownKind(issued.Kind)
	}
	b, err := k.Load(ctx, src, issued.Year, issued.Lang, issued.Date, nil)
	var de *data.Error
	if errors.As(err, &de) && de.Code == data.Invalid {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return DataHash(b.Value), nil
}

// unknownKind refuses a brief of a kind this program does not know (a register written by a newer version).
func unknownKind(kind string) error {
	return &data.Error{Code: data.Invalid, Field: "brief_kind", Key: "register.err.kind",
		Args: map[string]any{"Kind": kind}, Message: "unknown brief kind " + kind}
}
