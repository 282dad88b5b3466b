package app

import (
	"cmp"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/reports"
)

// briefEditor edits a brief's text before it is written or issued — the title, an optional 按语 and each
// heading and paragraph — beside a live preview of its pages. The preview is set by the brief's own layout
// (reports' Placement: the marks the PDF would get) off the main goroutine, and drawn with canvas objects
// through fyne.Do. A figure the data does not give is marked under its paragraph.
type briefEditor struct {
	env  *env
	win  fyne.Window
	made reports.BriefText // the text the data gives
	// brief is set and laid out by the preview goroutine only, once the editor is open.
	brief *reports.Brief

	title, subtitle, foreword *widget.Entry
	blocks                    []*blockEditor
	figures                   *widget.Label // how many figures the data does not give, or that all do
	pages                     *fyne.Container
	dlg                       *dialog.ConfirmDialog

	requests chan reports.BriefText // texts to preview, the latest first (capacity 1)
	stop     chan struct{}
	// previewed, when not nil, is sent what each preview drew, once drawn (for tests: the test driver runs
	// fyne.Do on the calling goroutine, so a test reading the pages could meet the next preview being drawn).
	previewed chan previewShot
	// do runs the drawing of a preview where widgets may be touched: fyne.Do. Tests give a function that hands
	// it to the test's goroutine, the one that types into the fields: Fyne's test driver runs fyne.Do on the
	// calling goroutine, so the preview would otherwise measure text while the test types.
	do func(func())
	// done gets the text when the user keeps it: nil when it is the data's text.
	done func(*reports.BriefText)
}

// blockEditor is the field of one block of the body: an entry for words, a label for a table or a chart.
type blockEditor struct {
	block reports.TextBlock
	entry *widget.Entry // nil for an anchor
	shown *widget.Check // an anchor's: unchecked leaves its table or chart out
	mark  *widget.Label // the figures of this block the data does not give
}

// previewScale is the preview's pixels per millimetre: an A4 page is 420 × 594.
const previewScale = 2.0

// previewDelay lets typing settle before the pages are set again.
const previewDelay = 250 * time.Millisecond

// newBriefEditor makes the editor of a loaded brief, starting from text (the data's text when nil).
func newBriefEditor(e *env, win fyne.Window, b *reports.Brief, text *reports.BriefText,
	done func(*reports.BriefText)) *briefEditor {
	ed := &briefEditor{env: e, win: win, brief: b, made: b.MadeText(), done: done,
		requests: make(chan reports.BriefText, 1), stop: make(chan struct{}), do: fyne.Do}
	start := ed.made
	if text != nil {
		start = *text
	}
	ed.build(start)
	return ed
}

// show opens the editor over the window, sized to it, and starts the preview.
func (ed *briefEditor) show() {
	content := container.NewHSplit(ed.form(), container.NewVScroll(ed.pages))
	content.Offset = 0.55
	ed.dlg = dialog.NewCustomConfirm(ed.env.T("brief17.editor.title"), ed.env.T("brief17.editor.keep"),
		ed.env.T("action.cancel"), content, ed.onClose, ed.win)
	size := ed.win.Canvas().Size()
	ed.dlg.Resize(fyne.NewSize(size.Width*0.96, size.Height*0.94))
	go ed.previewLoop()
	ed.dlg.Show()
	ed.onChanged("")
}

func (ed *briefEditor) build(bt reports.BriefText) {
	ed.title = ed.lineEntry(bt.Title)
	ed.subtitle = ed.lineEntry(bt.Subtitle)
	ed.foreword = ed.paragraphEntry(bt.Foreword)
	ed.foreword.SetPlaceHolder(ed.env.T("brief17.editor.foreword_hint"))
	heading := "" // the last heading above a block: it names a table or chart to the clerk (not its ref, by_field)
	for _, b := range bt.Blocks {
		if b.Kind == reports.BlockHeading || b.Kind == reports.BlockSubheading {
			heading = b.Text
		}
		be := &blockEditor{block: b, mark: widget.NewLabel("")}
		be.mark.Importance = widget.DangerImportance
		be.mark.Wrapping = fyne.TextWrapWord
		be.mark.Hide()
		switch b.Kind {
		case reports.BlockTable, reports.BlockChart:
			be.shown = &widget.Check{Text: ed.env.T("brief17.editor.kind."+b.Kind, map[string]any{"Ref": cmp.Or(heading, b.Text)}),
				Checked: true, OnChanged: func(bool) { ed.onChanged("") }}
			be.shown.ExtendBaseWidget(be.shown)
		case reports.BlockHeading, reports.BlockSubheading:
			be.entry = ed.lineEntry(b.Text)
		default:
			be.entry = ed.paragraphEntry(b.Text)
		}
		ed.blocks = append(ed.blocks, be)
	}
	ed.figures = widget.NewLabel("")
	ed.figures.Wrapping = fyne.TextWrapWord
	ed.pages = container.NewVBox()
}

func (ed *briefEditor) lineEntry(text string) *widget.Entry {
	en := &widget.Entry{Text: text, OnChanged: ed.onChanged}
	en.ExtendBaseWidget(en)
	return en
}

// paragraphEntry is a wrapping entry tall enough for its paragraph, so that the form reads as the brief does.
func (ed *briefEditor) paragraphEntry(text string) *widget.Entry {
	en := &widget.Entry{Text: text, MultiLine: true, Wrapping: fyne.TextWrapWord, OnChanged: ed.onChanged}
	en.ExtendBaseWidget(en)
	en.SetMinRowsVisible(min(max(textColumns(text)/68+1, 2), 8))
	return en
}

// textColumns is how wide a text runs in half-width columns: a Chinese character takes two, a Latin letter one.
func textColumns(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x2E80 {
			n++
		}
	}
	return n
}

// form lays the fields out in the order of the brief, each under the name of its kind.
func (ed *briefEditor) form() fyne.CanvasObject {
	reset := &widget.Button{Text: ed.env.T("brief17.editor.reset"), Icon: theme.ViewRefreshIcon(), OnTapped: ed.onReset}
	box := container.NewVBox(
		container.NewBorder(nil, nil, nil, reset, ed.figures),
		ed.caption("brief17.editor.kind.title"), ed.title,
		ed.caption("brief17.editor.kind.subtitle"), ed.subtitle,
		ed.caption("brief17.editor.kind.foreword"), ed.foreword)
	for _, be := range ed.blocks {
		if be.entry == nil {
			box.Add(be.shown)
			continue
		}
		box.Add(ed.caption("brief17.editor.kind." + be.block.Kind))
		box.Add(be.entry)
		box.Add(be.mark)
	}
	return container.NewVScroll(box)
}

func (ed *briefEditor) caption(key string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(ed.env.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.LowImportance
	return l
}

// text is the text as the fields hold it; an anchor keeps its place.
func (ed *briefEditor) text() reports.BriefText {
	bt := reports.BriefText{Title: strings.TrimSpace(ed.title.Text), Subtitle: strings.TrimSpace(ed.subtitle.Text),
		Foreword: strings.TrimSpace(ed.foreword.Text)}
	for _, be := range ed.blocks {
		b := be.block
		if be.entry != nil {
			b.Text = strings.TrimSpace(be.entry.Text)
			if b.Text == "" {
				continue // an emptied paragraph is deleted
			}
		}
		if be.shown != nil && !be.shown.Checked {
			continue
		}
		bt.Blocks = append(bt.Blocks, b)
	}
	return bt
}

// onChanged marks the figures the data does not give and asks for a preview of the text.
func (ed *briefEditor) onChanged(string) {
	bt := ed.text()
	ed.markFigures(bt)
	for {
		select {
		case ed.requests <- bt:
			return
		default:
			select { // a text waiting to be previewed is replaced by this newer one
			case <-ed.requests:
			default:
			}
		}
	}
}

// markFigures shows under each paragraph the figures the data does not give, and how many there are.
func (ed *briefEditor) markFigures(bt reports.BriefText) {
	byText := map[string][]string{}
	hand := reports.HandFigures(bt, ed.made)
	for _, f := range hand {
		byText[f.Text] = append(byText[f.Text], f.Figure)
	}
	for _, be := range ed.blocks {
		if be.entry == nil {
			continue
		}
		if figs := byText[strings.TrimSpace(be.entry.Text)]; len(figs) > 0 {
			be.mark.SetText(ed.env.T("brief17.editor.mark", map[string]any{"Figures": strings.Join(figs, ed.env.T("delete.sep"))}))
			be.mark.Show()
		} else {
			be.mark.Hide()
		}
	}
	if len(hand) == 0 {
		ed.figures.SetText(ed.env.T("brief17.editor.figures_ok"))
		ed.figures.Importance = widget.LowImportance
	} else {
		ed.figures.SetText(ed.env.T("brief17.editor.figures_hand", map[string]any{"N": len(hand)}))
		ed.figures.Importance = widget.DangerImportance
	}
	ed.figures.Refresh()
}

// onReset puts the data's text back in every field.
func (ed *briefEditor) onReset() {
	ed.title.SetText(ed.made.Title)
	ed.subtitle.SetText(ed.made.Subtitle)
	ed.foreword.SetText(ed.made.Foreword)
	if len(ed.made.Blocks) != len(ed.blocks) {
		return
	}
	for i, be := range ed.blocks {
		be.block = ed.made.Blocks[i]
		if be.entry != nil {
			be.entry.SetText(be.block.Text)
		}
		if be.shown != nil {
			be.shown.SetChecked(true)
		}
	}
}

func (ed *briefEditor) onClose(keep bool) {
	close(ed.stop)
	if !keep || ed.done == nil {
		return
	}
	bt := ed.text()
	if textEqual(bt, ed.made) {
		ed.done(nil)
		return
	}
	ed.done(&bt)
}

func textEqual(a, b reports.BriefText) bool {
	if a.Title != b.Title || a.Subtitle != b.Subtitle || a.Foreword != b.Foreword || len(a.Blocks) != len(b.Blocks) {
		return false
	}
	for i := range a.Blocks {
		if a.Blocks[i] != b.Blocks[i] {
			return false
		}
	}
	return true
}

// previewLoop sets each text asked for on the brief's pages, off the main goroutine, once typing has paused,
// and draws the pages through fyne.Do. It owns ed.brief while the editor is open.
func (ed *briefEditor) previewLoop() {
	for {
		var bt reports.BriefText
		select {
		case <-ed.stop:
			return
		case bt = <-ed.requests:
		}
		select {
		case <-ed.stop:
			return
		case <-time.After(previewDelay):
		}
		select { // typing went on: preview the newest text
		case bt = <-ed.requests:
		default:
		}
		ed.brief.SetText(&bt)
		p, err := ed.brief.Placement()
		ed.do(func() { ed.drawPages(p, err) })
	}
}

// drawPages replaces the preview with the pages of a placement, or says why there is none.
func (ed *briefEditor) drawPages(p reports.Placement, err error) {
	ed.pages.RemoveAll()
	if err != nil {
		msg := widget.NewLabel(ed.env.errorText(err))
		msg.Wrapping = fyne.TextWrapWord
		ed.pages.Add(msg)
	}
	for n := 1; n <= p.Pages; n++ {
		ed.pages.Add(pageCanvas(p, n, previewScale))
	}
	ed.pages.Refresh()
	if ed.previewed == nil {
		return
	}
	select { // never holds up the window: a test that stopped listening loses the news
	case ed.previewed <- previewShot{pages: len(ed.pages.Objects), text: canvasTexts(ed.pages)}:
	default:
	}
}

// previewShot is what a preview drew: its pages and the texts on them, in order.
type previewShot struct {
	pages int
	text  string
}

// canvasTexts are the texts drawn in o, in order.
func canvasTexts(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *canvas.Text:
		return v.Text
	case *fyne.Container:
		var b strings.Builder
		for _, c := range v.Objects {
			b.WriteString(canvasTexts(c))
		}
		return b.String()
	}
	return ""
}

// pageCanvas draws one page of a placement, scale pixels to the millimetre, on white with a grey edge.
func pageCanvas(p reports.Placement, page int, scale float32) fyne.CanvasObject {
	size := fyne.NewSize(float32(p.Width)*scale, float32(p.Height)*scale)
	paper := canvas.NewRectangle(color.White)
	paper.StrokeColor = color.NRGBA{R: 160, G: 160, B: 160, A: 255}
	paper.StrokeWidth = 1
	paper.Resize(size)
	objs := []fyne.CanvasObject{paper}
	for _, r := range p.OnPage(page) {
		if o := placedObject(r, scale); o != nil {
			objs = append(objs, o)
		}
	}
	return container.NewGridWrap(size, container.NewWithoutLayout(objs...))
}

// briefFontResources are the brief's fonts as Fyne resources, one per font, so that Fyne reads each once however
// often the preview is drawn. Touched on the main goroutine only.
var briefFontResources = map[*reports.Font]fyne.Resource{}

// briefFontResource is the resource the preview sets a run of text with: the brief's own font, so that the
// preview shows 仿宋 and 楷体 where the PDF has them; nil (the window's font) when there is none.
func briefFontResource(f *reports.Font) fyne.Resource {
	if f == nil || len(f.Data) == 0 {
		return nil
	}
	res, ok := briefFontResources[f]
	if !ok {
		res = fyne.NewStaticResource(fmt.Sprintf("brief-%d-%s.ttf", len(briefFontResources), f.PostScriptName), f.Data)
		briefFontResources[f] = res
	}
	return res
}

// pointMM is a point in millimetres.
const pointMM = 25.4 / 72

// placedObject is the canvas object of one mark: text with its baseline where the PDF sets it, a rectangle
// filled or stroked, a line.
func placedObject(r reports.PlacedRun, scale float32) fyne.CanvasObject {
	at := func(x, y float64) fyne.Position { return fyne.NewPos(float32(x)*scale, float32(y)*scale) }
	switch r.Kind {
	case reports.PlacedText:
		t := canvas.NewText(r.Text, r.Color)
		t.FontSource = briefFontResource(r.Font)
		t.TextSize = float32(r.Size*pointMM) * scale
		// Fyne may set a run a little wider than gofpdf does (or in the window's font, when the brief's cannot be
		// read): it would run into the next one, so it is made a little smaller to keep to the PDF's width.
		if w := float32(r.W) * scale; w > 0 && t.MinSize().Width > w*1.02 {
			t.TextSize *= w / t.MinSize().Width
		}
		t.Resize(t.MinSize())
		// canvas.Text is placed by its top; the ideographs' baseline sits about 0.9 of the size below it.
		pos := at(r.X, r.Y)
		t.Move(fyne.NewPos(pos.X, pos.Y-t.TextSize*0.9))
		return t
	case reports.PlacedRect:
		rect := canvas.NewRectangle(color.Transparent)
		if r.Fill {
			rect.FillColor = r.Color
		} else {
			rect.StrokeColor = r.Color
			rect.StrokeWidth = max(float32(r.LineWidth)*scale, 0.5)
		}
		rect.Move(at(r.X, r.Y))
		rect.Resize(fyne.NewSize(float32(r.W)*scale, float32(r.H)*scale))
		return rect
	case reports.PlacedLine:
		l := canvas.NewLine(r.Color)
		l.StrokeWidth = max(float32(r.LineWidth)*scale, 0.5)
		l.Position1 = at(r.X, r.Y)
		l.Position2 = at(r.X+r.W, r.Y+r.H)
		return l
	}
	return nil
}
