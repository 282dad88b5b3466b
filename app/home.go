package app

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// homeStore is what the first screen asks of the database.
type homeStore interface {
	CountCompanies(ctx context.Context, f data.CompanyFilter) (int, error)
	Stats(ctx context.Context, year int) (data.Stats, error)
	OutputYears(ctx context.Context) ([]int, error)
	LoadSample(ctx context.Context) error
}

// homeScreen is the first screen: a welcome with the sample-data button while the database is empty,
// and the year's main figures once it holds companies.
type homeScreen struct {
	store    homeStore
	win      fyne.Window
	onLoaded func()

	view    *fyne.Container
	loadBtn *widget.Button
	year    *widget.Select
	figures *fyne.Container
	years   []int
}

func newHomeScreen(st homeStore, win fyne.Window, onLoaded func()) *homeScreen {
	return &homeScreen{store: st, win: win, onLoaded: onLoaded}
}

func (h *homeScreen) build() fyne.CanvasObject {
	h.view = container.NewStack()
	h.refresh()
	return h.view
}

func (h *homeScreen) refresh() {
	n, err := h.store.CountCompanies(bg(), data.CompanyFilter{})
	if err != nil {
		showError(h.win, err)
	}
	if n == 0 {
		h.view.Objects = []fyne.CanvasObject{h.buildEmpty()}
	} else {
		h.view.Objects = []fyne.CanvasObject{h.buildFigures()}
	}
	h.view.Refresh()
}

func (h *homeScreen) buildEmpty() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(T("home.empty.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	text := widget.NewLabelWithStyle(T("home.empty.text"), fyne.TextAlignCenter, fyne.TextStyle{})
	text.Wrapping = fyne.TextWrapWord
	h.loadBtn = &widget.Button{Text: T("home.load_sample"), Icon: theme.DownloadIcon(), Importance: widget.HighImportance, OnTapped: h.onLoadSample}
	return container.NewCenter(container.NewVBox(title, text, container.NewCenter(h.loadBtn)))
}

func (h *homeScreen) onLoadSample() {
	h.loadBtn.Disable()
	if err := h.store.LoadSample(bg()); err != nil {
		h.loadBtn.Enable()
		showError(h.win, err)
		return
	}
	h.refresh()
	if h.onLoaded != nil {
		h.onLoaded()
	}
}

func (h *homeScreen) buildFigures() fyne.CanvasObject {
	years, err := h.store.OutputYears(bg())
	if err != nil {
		showError(h.win, err)
	}
	h.years = years
	if len(years) == 0 {
		years = []int{data.Today().Year() - 1}
	}
	opts := make([]string, len(years))
	for i, y := range years {
		opts[i] = strconv.Itoa(y)
	}
	h.figures = container.NewGridWithColumns(2)
	h.year = &widget.Select{Options: opts, OnChanged: h.onYearChanged}
	h.year.ExtendBaseWidget(h.year)
	h.year.SetSelected(opts[0])
	title := widget.NewLabelWithStyle(T("app.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	bar := container.NewHBox(widget.NewLabel(T("home.year")), h.year)
	return container.NewPadded(container.NewBorder(container.NewVBox(title, bar), nil, nil, nil,
		container.NewVScroll(container.NewVBox(h.figures))))
}

func (h *homeScreen) onYearChanged(s string) {
	y, err := strconv.Atoi(s)
	if err != nil {
		return
	}
	st, err := h.store.Stats(bg(), y)
	if err != nil {
		showError(h.win, err)
		return
	}
	h.figures.Objects = []fyne.CanvasObject{
		figureCard(T("home.output"), st.Output.Yi(), T("home.unit.yi"), prevText(y, st.PrevOutput.Yi(), st.PrevOutput, st.OutputGrowth)),
		figureCard(T("home.added_value"), st.AddedValue.Yi(), T("home.unit.yi"), prevText(y, st.PrevAddedValue.Yi(), st.PrevAddedValue, st.AddedValueGrowth)),
		figureCard(T("home.hightech"), strconv.Itoa(st.HighTechEnterprises), T("home.unit.companies"), ""),
		figureCard(T("home.reporting"), strconv.Itoa(st.ReportingCompanies), T("home.unit.companies"), ""),
	}
	h.figures.Refresh()
}

func prevText(year int, value string, prev data.Yuan, g data.Growth) string {
	if prev == 0 {
		return T("home.vs_prev.none", map[string]any{"Prev": year - 1})
	}
	growth := g.String() + "%"
	if g.Tenths > 0 {
		growth = "+" + growth
	}
	return T("home.vs_prev", map[string]any{"Prev": year - 1, "Value": value, "Growth": growth})
}

// figureCard shows one figure large, with its unit and the comparison with the year before.
func figureCard(title, value, unit, sub string) fyne.CanvasObject {
	big := canvas.NewText(value, theme.Color(theme.ColorNamePrimary))
	big.TextSize = 40
	big.TextStyle = fyne.TextStyle{Bold: true}
	u := widget.NewLabel(unit)
	line := container.NewHBox(big, container.NewVBox(layoutSpacer(), u))
	return widget.NewCard(title, sub, line)
}
