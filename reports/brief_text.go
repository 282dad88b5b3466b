package reports

import (
	"bufio"
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"scitech/assets"
	"scitech/data"
)

// BriefText is the prose of a brief as a secretary edits it before it is issued: the title, an optional
// 按语 (editor's note) under it, and the blocks of the body in order. Tables and charts stand in the text as
// anchors (a block of kind BlockTable or BlockChart naming them): their figures come from the data and are
// not edited, but the text around them is, and an anchor may be moved or deleted.
type BriefText struct {
	Title    string
	Subtitle string // "" when the kind has none
	Foreword string // the 按语; "" for none
	Blocks   []TextBlock
}

// TextBlock is one heading, paragraph, note or anchor of a brief's body.
type TextBlock struct {
	Kind string // one of the Block… kinds
	Text string // the words; for an anchor, the Ref of the table or chart
}

// The kinds of block, in the words the text file uses for them in Chinese.
const (
	BlockHeading    = "heading"    // 一、… set in 黑体
	BlockSubheading = "subheading" // （一）… set in 楷体
	BlockParagraph  = "paragraph"  // body text, 仿宋, first line indented
	BlockNote       = "note"       // 注：… under a table, in the table's size
	BlockTable      = "table"      // a table of the brief, by its Ref
	BlockChart      = "chart"      // a chart of the brief, by its Ref
)

// textTags are the tags that open a block in the text file, in both languages; a file may use either. The
// first of each pair is written in Chinese files, the second in English ones.
var textTags = []struct{ kind, zh, en string }{
	{"title", "标题", "title"},
	{"subtitle", "副标题", "subtitle"},
	{"foreword", "按语", "foreword"},
	{BlockHeading, "一级标题", "heading"},
	{BlockSubheading, "二级标题", "subheading"},
	{BlockNote, "注", "note"},
	{BlockTable, "表", "table"},
	{BlockChart, "图", "chart"},
}

// Marshal writes the text in the plain format `scitech brief … --text FILE` reads (README, "Editing a
// brief's text"): a few comment lines starting with #, then each block opened by its tag in brackets —
// 【标题】, 【一级标题】, 【表】… ([title], [heading], [table] in English) — and paragraphs as plain lines,
// a blank line between blocks. lang chooses the tags' words.
func (bt BriefText) Marshal(lang string) []byte {
	var b bytes.Buffer
	tag := func(kind string) string {
		for _, tg := range textTags {
			if tg.kind == kind {
				if lang == "zh" {
					return "【" + tg.zh + "】"
				}
				return "[" + tg.en + "]"
			}
		}
		return ""
	}
	t := assets.NewTranslator(lang)
	for _, line := range strings.Split(t.T("brief17.text.help"), "\n") {
		b.WriteString("# " + line + "\n")
	}
	block := func(kind, text string) {
		b.WriteString("\n")
		if kind != BlockParagraph {
			b.WriteString(tag(kind))
		}
		b.WriteString(text + "\n")
	}
	block("title", bt.Title)
	if bt.Subtitle != "" {
		block("subtitle", bt.Subtitle)
	}
	if bt.Foreword != "" {
		block("foreword", bt.Foreword)
	}
	for _, bl := range bt.Blocks {
		block(bl.Kind, bl.Text)
	}
	return b.Bytes()
}

// textTagAt reads the tag a line opens with: its kind and the rest of the line. ok is false for a line that
// opens no block. A line opening with 【 and a word that is no tag is an error: a mistyped tag would
// otherwise print as text.
func textTagAt(line string) (kind, rest string, ok bool, bad string) {
	for _, br := range [][2]string{{"【", "】"}, {"[", "]"}} {
		if !strings.HasPrefix(line, br[0]) {
			continue
		}
		end := strings.Index(line, br[1])
		if end < 0 {
			continue
		}
		word := strings.TrimSpace(line[len(br[0]):end])
		for _, tg := range textTags {
			if word == tg.zh || strings.EqualFold(word, tg.en) {
				return tg.kind, strings.TrimSpace(line[end+len(br[1]):]), true, ""
			}
		}
		if br[0] == "【" {
			return "", "", false, word
		}
	}
	return "", "", false, ""
}

// singleLine are the blocks that end with their line: a title, a heading or an anchor is one line, and the
// line under a heading starts its paragraph even without a blank line between them.
var singleLine = map[string]bool{"title": true, "subtitle": true, BlockHeading: true, BlockSubheading: true,
	BlockTable: true, BlockChart: true}

// ParseBriefText reads a text in the format Marshal writes. Lines of one paragraph, 按语 or note are joined
// (in Chinese without a space, in English with one); a blank line or a tag ends them. A title, a heading or an
// anchor is the one line its tag opens. A file without a title, with
// an unknown 【tag】, or with an anchor naming no table or chart of the brief (refs lists them) is refused
// with the line it is on.
func ParseBriefText(text []byte, lang string, refs []string) (BriefText, error) {
	var bt BriefText
	var kind string
	var words []string
	join := ""
	if lang != "zh" {
		join = " "
	}
	var err error
	flush := func(lineNo int) {
		if kind == "" || err != nil {
			kind, words = "", nil
			return
		}
		s := strings.Join(words, join)
		switch kind {
		case "title":
			bt.Title = s
		case "subtitle":
			bt.Subtitle = s
		case "foreword":
			bt.Foreword = s
		case BlockTable, BlockChart:
			ref, _, _ := strings.Cut(s, " ")
			if !slices.Contains(refs, ref) {
				err = textError(lineNo, "brief17.text.err.ref", map[string]any{"Ref": ref,
					"Refs": strings.Join(refs, ", ")})
			}
			bt.Blocks = append(bt.Blocks, TextBlock{Kind: kind, Text: ref})
		default:
			if s != "" {
				bt.Blocks = append(bt.Blocks, TextBlock{Kind: kind, Text: s})
			}
		}
		kind, words = "", nil
	}
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	n, start := 0, 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		switch {
		case strings.HasPrefix(line, "#"):
			continue
		case line == "":
			flush(start)
			continue
		}
		k, rest, ok, bad := textTagAt(line)
		if bad != "" {
			return bt, textError(n, "brief17.text.err.tag", map[string]any{"Tag": bad})
		}
		if ok {
			flush(start)
			kind, start = k, n
			if rest != "" {
				words = append(words, rest)
			}
			if singleLine[kind] {
				flush(start) // the next line, blank or not, starts a block of its own
			}
			continue
		}
		if kind == "" {
			kind, start = BlockParagraph, n
		}
		words = append(words, line)
	}
	flush(start)
	if err == nil {
		err = sc.Err()
	}
	if err == nil && strings.TrimSpace(bt.Title) == "" {
		err = textError(0, "brief17.text.err.title", nil)
	}
	return bt, err
}

func textError(line int, key string, args map[string]any) error {
	if args == nil {
		args = map[string]any{}
	}
	args["Line"] = line
	return &data.Error{Code: data.Invalid, Field: "text", Key: key, Args: args,
		Message: "the brief's text cannot be read (line " + strconv.Itoa(line) + ")"}
}

// figurePattern finds the figures of a text: digits with their decimal point and thousands separators,
// and a percent sign when one follows (47.45, 9.1%, 2025, 1,234).
var figurePattern = regexp.MustCompile(`\d+(?:[.,]\d+)*\s?[%％]?`)

// Figures are the figures a text holds, in order, each written as it stands ("47.45", "9.1%").
func Figures(s string) []string {
	found := figurePattern.FindAllString(s, -1)
	for i, f := range found {
		found[i] = strings.ReplaceAll(strings.ReplaceAll(f, " ", ""), "％", "%")
	}
	return found
}

// HandFigure is a figure of an edited text that the data does not give: typed or changed by hand, or left
// from data that has changed since. Issuing asks about each.
type HandFigure struct {
	Block  int    // the index of the block in Blocks; -1 title, -2 subtitle, -3 foreword
	Figure string // as it stands in the text
	Text   string // the block's text, to show where
}

// HandFigures lists the figures of edited that made, the text the data gives now, does not hold. A figure
// moved from one paragraph to another still comes from the data and is not listed; one deleted is not a
// figure of the brief any more.
func HandFigures(edited, made BriefText) []HandFigure {
	known := map[string]bool{}
	for _, s := range made.texts() {
		for _, f := range Figures(s.text) {
			known[f] = true
		}
	}
	var out []HandFigure
	for _, s := range edited.texts() {
		for _, f := range Figures(s.text) {
			if !known[f] {
				out = append(out, HandFigure{Block: s.block, Figure: f, Text: s.text})
			}
		}
	}
	return out
}

type indexedText struct {
	block int
	text  string
}

// texts are the pieces of the text that hold words, with the index HandFigure gives them.
func (bt BriefText) texts() []indexedText {
	out := []indexedText{{-1, bt.Title}, {-2, bt.Subtitle}, {-3, bt.Foreword}}
	for i, b := range bt.Blocks {
		if b.Kind != BlockTable && b.Kind != BlockChart {
			out = append(out, indexedText{i, b.Text})
		}
	}
	return out
}

// textBuilder gathers a kind's text block by block.
type textBuilder struct{ BriefText }

// newText starts a kind's text with its title and, when subKey is not "", its subtitle, each given the year.
func newText(t *assets.Translator, year int, titleKey, subKey string) *textBuilder {
	args := map[string]any{"Year": year}
	b := &textBuilder{BriefText{Title: t.T(titleKey, args)}}
	if subKey != "" {
		b.Subtitle = t.T(subKey, args)
	}
	return b
}

// add puts a block at the end of the text.
func (b *textBuilder) add(kind, text string) {
	b.Blocks = append(b.Blocks, TextBlock{Kind: kind, Text: text})
}

// texted is a brief kind whose prose is a BriefText: made from its data, or set by the user.
type texted interface {
	headed
	// madeText is the text the data gives, in the language of t.
	madeText(t *assets.Translator) BriefText
	// parts are the refs of the kind's tables and charts, those an anchor may name.
	parts() []string
	// textParts are those tables and charts, by ref, in the language of t.
	textParts(t *assets.Translator) map[string]textPart
	// year is the brief's report year.
	year() int
	// editedText is where a text the user set is kept; nil when none is.
	editedText() **BriefText
}

// MadeText is the text the brief's data gives, as the brief prints it when nobody edited it.
func (b *Brief) MadeText() BriefText {
	v := b.Value.(texted)
	t, _ := v.header().prepare(b.Year, false)
	return v.madeText(t)
}

// Text is the text the brief prints: the one set by SetText, else the one its data gives.
func (b *Brief) Text() BriefText {
	if e := *b.Value.(texted).editedText(); e != nil {
		return *e
	}
	return b.MadeText()
}

// SetText makes the brief print text instead of the text its data gives; nil goes back to that.
func (b *Brief) SetText(text *BriefText) {
	if text != nil {
		c := *text
		c.Blocks = slices.Clone(c.Blocks)
		text = &c
	}
	*b.Value.(texted).editedText() = text
}

// Edited tells whether the brief prints a text set by SetText.
func (b *Brief) Edited() bool { return *b.Value.(texted).editedText() != nil }

// TextParts are the refs of the brief's tables and charts, in the order its text first places them.
func (b *Brief) TextParts() []string { return b.Value.(texted).parts() }

// TextBytes is the text the brief prints, in the file format ParseBriefText reads: what the register keeps
// beside the PDF so that the brief can be made again as it was issued.
func (b *Brief) TextBytes() []byte { return b.Text().Marshal(b.Lang) }

// ParseText reads a text file for this brief: the anchors must name its tables and charts.
func (b *Brief) ParseText(text []byte) (BriefText, error) {
	return ParseBriefText(text, b.Lang, b.TextParts())
}

// HandFigures are the figures of the text the brief prints that its data does not give.
func (b *Brief) HandFigures() []HandFigure {
	if !b.Edited() {
		return nil
	}
	return HandFigures(b.Text(), b.MadeText())
}

// HandFiguresError refuses to issue a text with figures the data does not give, naming each with the words
// around it; the user checks them and issues again saying so (the window asks, the command line takes
// --keep-figures).
func HandFiguresError(hf []HandFigure) error {
	list := make([]string, len(hf))
	for i, f := range hf {
		list[i] = f.Figure + " (" + FigureContext(f) + ")"
	}
	return &data.Error{Code: data.Invalid, Field: "text", Key: "brief17.err.hand_figures",
		Args:    map[string]any{"List": strings.Join(list, "; "), "N": len(hf)},
		Message: "the text has figures the data does not give: " + strings.Join(list, "; ")}
}

// FigureContext is the words around a hand-changed figure, so that the user finds it: up to a dozen
// characters either side, with … where the text goes on.
func FigureContext(f HandFigure) string {
	const around = 12
	r := []rune(f.Text)
	at := strings.Index(f.Text, f.Figure)
	if at < 0 {
		return f.Text
	}
	start := len([]rune(f.Text[:at]))
	end := start + len([]rune(f.Figure))
	from, to := max(0, start-around), min(len(r), end+around)
	s := string(r[from:to])
	if from > 0 {
		s = "…" + s
	}
	if to < len(r) {
		s += "…"
	}
	return s
}
