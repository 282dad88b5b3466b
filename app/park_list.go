package app

import (
	"context"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"scitech/data"
)

// parkStore is what the parks section asks of the database.
type parkStore interface {
	ParkSummaries(ctx context.Context) ([]data.ParkSummary, error)
	ParkProjects(ctx context.Context, f data.ParkProjectFilter) ([]data.ParkProject, error)
	CountParkProjects(ctx context.Context, f data.ParkProjectFilter) (int, error)
	ParkProject(ctx context.Context, id int64) (data.ParkProject, error)
	CreateParkProject(ctx context.Context, p *data.ParkProject) error
	UpdateParkProject(ctx context.Context, p *data.ParkProject) error
	DeleteParkProject(ctx context.Context, id int64) error
}

// parkScreen is the 两园一廊 section: the three parks with their project totals at the top, and the list of
// park projects below. The parks are seeded and only read; tapping a park narrows the list to its projects.
type parkScreen struct {
	env   *env
	store parkStore
	win   fyne.Window
	parks []data.ParkSummary

	parkTable *widget.Table
	list      *recordList[data.ParkProject]
	form      *parkProjectForm // the form open now, if any
}

// parkColumns are the columns of the parks table: translation key, width, alignment, the translation prefix of
// a column of codes, and the text.
var parkColumns = []struct {
	key   string
	width float32
	right bool
	codes string // the text is a code, shown as the translation of codes+code
	text  func(p data.ParkSummary) string
}{
	{"park.name", 160, false, "", func(p data.ParkSummary) string { return p.Name }},
	{"park.kind", 80, false, "park.kind.", func(p data.ParkSummary) string { return p.Kind }},
	{"park.focus", 200, false, "", func(p data.ParkSummary) string { return p.Focus }},
	{"park.projects", 80, true, "", func(p data.ParkSummary) string { return strconv.Itoa(p.Projects) }},
	{"park.area", 100, true, "", func(p data.ParkSummary) string { return p.Area.String() }},
	{"park.investment", 100, true, "", func(p data.ParkSummary) string { return p.Investment.Wan() }},
}

func newParkScreen(e *env, st parkStore, win fyne.Window) *parkScreen {
	return &parkScreen{env: e, store: st, win: win}
}

func (s *parkScreen) build() fyne.CanvasObject {
	s.loadParks()
	s.parkTable = &widget.Table{
		Length:        func() (int, int) { return len(s.parks), len(parkColumns) },
		CreateCell:    func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateCell:    s.updateParkCell,
		CreateHeader:  func() fyne.CanvasObject { return widget.NewLabel("") },
		UpdateHeader:  s.updateParkHeader,
		ShowHeaderRow: true,
		OnSelected:    s.onParkSelected,
	}
	s.parkTable.ExtendBaseWidget(s.parkTable)
	for i := range parkColumns {
		s.parkTable.SetColumnWidth(i, s.parkColumnWidth(i))
	}
	s.list = newRecordList(recordListConfig[data.ParkProject]{
		Env:         s.env,
		Win:         s.win,
		Columns:     s.parkProjectColumns(),
		Count:       s.count,
		Page:        s.page,
		Filters:     s.filters(),
		Placeholder: s.env.T("project.search"),
		DefaultSort: data.ProjectSortPark,
		AddText:     s.env.T("project.add"),
		OnAdd:       s.onAdd,
		OnEdit:      s.onEdit,
		OnDelete:    s.onDelete,
		ExportName:  s.env.T("project.export"),
	})
	hint := &widget.Label{Text: s.env.T("park.show_projects"), Importance: widget.LowImportance}
	top := container.NewVBox(container.NewHBox(parkHeading(s.env.T("park.heading")), hint), s.parksBox(),
		parkHeading(s.env.T("project.heading")))
	return container.NewBorder(top, nil, nil, nil, s.list.build())
}

// parksBox holds the parks table tall enough for its header and every park, so it needs no scroll bar.
func (s *parkScreen) parksBox() fyne.CanvasObject {
	row := widget.NewLabel("园").MinSize().Height + theme.SeparatorThicknessSize()
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(0, row*float32(len(s.parks)+1)+theme.Padding()))
	return container.NewStack(space, s.parkTable)
}

func parkHeading(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
}

func (s *parkScreen) loadParks() {
	parks, err := s.store.ParkSummaries(bg())
	if err != nil {
		s.env.showError(s.win, err)
	}
	s.parks = parks
}

// parkColumnWidth is a column's width: at least the width it is given, widened to its header and the widest of
// its texts in the chosen language, so that no park, kind or focus is cut ("Industrial corridor" is wider than
// 产业长廊). The table holds a few parks, so measuring every cell costs nothing.
func (s *parkScreen) parkColumnWidth(col int) float32 {
	c, size := parkColumns[col], theme.TextSize()
	pad := 4 * theme.InnerPadding()
	width := max(c.width, fyne.MeasureText(s.env.T(c.key), size, fyne.TextStyle{Bold: true}).Width+pad)
	for _, p := range s.parks {
		width = max(width, fyne.MeasureText(s.parkCellText(col, p), size, fyne.TextStyle{}).Width+pad)
	}
	return width
}

// parkCellText is what a cell of the parks table says: the text, or a code's translation.
func (s *parkScreen) parkCellText(col int, p data.ParkSummary) string {
	c := parkColumns[col]
	if c.codes != "" {
		return s.env.T(c.codes + c.text(p))
	}
	return c.text(p)
}

func (s *parkScreen) updateParkCell(id widget.TableCellID, o fyne.CanvasObject) {
	label := o.(*widget.Label)
	label.Alignment = fyne.TextAlignLeading
	if parkColumns[id.Col].right {
		label.Alignment = fyne.TextAlignTrailing
	}
	if id.Row < len(s.parks) {
		label.SetText(s.parkCellText(id.Col, s.parks[id.Row]))
	}
}

func (s *parkScreen) updateParkHeader(id widget.TableCellID, o fyne.CanvasObject) {
	label := o.(*widget.Label)
	if id.Col < 0 {
		label.SetText("")
		return
	}
	label.TextStyle.Bold = true
	label.SetText(s.env.T(parkColumns[id.Col].key))
}

// onParkSelected shows the projects of the park tapped.
func (s *parkScreen) onParkSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Row >= len(s.parks) {
		return
	}
	if sel, ok := s.list.filters["park"]; ok {
		sel.SetSelectedIndex(id.Row + 1)
	}
}

func (s *parkScreen) filters() []listFilter {
	parks := []filterOption{{s.env.T("list.all"), ""}}
	for _, p := range s.parks {
		parks = append(parks, filterOption{p.Name, strconv.FormatInt(p.ID, 10)})
	}
	statuses := []filterOption{{s.env.T("list.all"), ""}}
	for _, st := range data.ProjectStatuses {
		statuses = append(statuses, filterOption{s.env.T("project.status." + st), st})
	}
	return []listFilter{
		{Key: "park", Label: s.env.T("project.park"), Options: parks},
		{Key: "status", Label: s.env.T("project.status"), Options: statuses},
	}
}

// parkProjectColumns are the columns of the park projects: the title, park and leading company wrap as the
// description does, so that a row the description makes tall anyway shows every name whole rather than cut
// with "…"; the list is short (a few dozen projects), within what wrapped rows are made for (wrapRowsMax).
func (s *parkScreen) parkProjectColumns() []listColumn[data.ParkProject] {
	return []listColumn[data.ParkProject]{
		{Key: "project.title", Width: 240, Flex: true, Wrap: true, Sort: data.ProjectSortTitle, Text: func(p data.ParkProject) string { return p.Title }},
		{Key: "project.park", Width: 200, Flex: true, Wrap: true, Sort: data.ProjectSortPark, Text: func(p data.ParkProject) string { return p.ParkName }},
		{Key: "project.lead", Width: 200, Flex: true, Wrap: true, Sort: data.ProjectSortLead, Text: func(p data.ParkProject) string { return p.Lead }},
		{Key: "project.status", Width: 90, Sort: data.ProjectSortStatus, Also: s.env.codeLabels(data.ProjectStatuses, "project.status."), Text: func(p data.ParkProject) string { return s.env.T("project.status." + p.Status) }},
		{Key: "project.area", Width: 110, Sort: data.ProjectSortArea, Right: true, Text: func(p data.ParkProject) string { return p.Area.String() }},
		{Key: "project.investment", Width: 120, Sort: data.ProjectSortInvestment, Right: true, Text: func(p data.ParkProject) string { return p.Investment.Wan() }},
		{Key: "project.description", Width: 300, Flex: true, Wrap: true, Text: func(p data.ParkProject) string { return p.Description }},
	}
}

func (s *parkScreen) filter(q listQuery) data.ParkProjectFilter {
	park, _ := strconv.ParseInt(q.Filters["park"], 10, 64)
	return data.ParkProjectFilter{Query: q.Text, ParkID: park, Status: q.Filters["status"],
		Sort: q.Sort, Desc: q.Desc, Offset: q.Offset, Limit: q.Limit}
}

func (s *parkScreen) count(q listQuery) (int, error) {
	return s.store.CountParkProjects(bg(), s.filter(q))
}

func (s *parkScreen) page(q listQuery) ([]data.ParkProject, error) {
	return s.store.ParkProjects(bg(), s.filter(q))
}

func (s *parkScreen) onAdd() {
	p := data.ParkProject{Status: data.ProjectPlanned}
	if id, err := strconv.ParseInt(s.list.query.Filters["park"], 10, 64); err == nil {
		p.ParkID = id // a new project goes to the park the list shows
	}
	s.form = newParkProjectForm(s.env, s.store, s.win, s.parks, p, s.onSaved)
	s.form.show(s.env.T("project.add"))
}

func (s *parkScreen) onEdit(p data.ParkProject) {
	fresh, err := s.store.ParkProject(bg(), p.ID)
	if err != nil {
		s.env.showError(s.win, err)
		s.onSaved()
		return
	}
	s.form = newParkProjectForm(s.env, s.store, s.win, s.parks, fresh, s.onSaved)
	s.form.show(s.env.T("project.edit"))
}

// onSaved reads the park totals and the list again.
func (s *parkScreen) onSaved() {
	s.loadParks()
	s.parkTable.Refresh()
	s.list.reload()
}

func (s *parkScreen) onDelete(p data.ParkProject) {
	name := s.env.T("project.delete.name", map[string]any{"Title": p.Title, "Park": p.ParkName})
	s.env.confirmDelete(s.win, name, nil, func() error { return s.store.DeleteParkProject(bg(), p.ID) }, s.onSaved)
}
