package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// walkDrawn visits o and everything under it as the window draws it: a container's objects and what a widget's
// renderer draws, not the fields the widget was given (a Form keeps drawing the rows it rendered first if its
// Items are swapped under it). visit returns false to keep the walk out of what lies under o.
func walkDrawn(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if !visit(o) {
		return
	}
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walkDrawn(child, visit)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walkDrawn(child, visit)
		}
	}
}

// labelTexts are the texts a user reads under o: each label's text, and the texts drawn outside labels (a
// form's labels, the hints and errors under its fields).
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	walkDrawn(o, func(o fyne.CanvasObject) bool {
		switch c := o.(type) {
		case *widget.Label:
			out = append(out, c.Text)
			return false // what it draws is this text again
		case *canvas.Text:
			out = append(out, c.Text)
		}
		return true
	})
	return out
}

// drawnLines are the lines of text drawn under o, as a label wraps or cuts them (a cut line ends in an
// ellipsis).
func drawnLines(o fyne.CanvasObject) []string {
	var lines []string
	walkDrawn(o, func(o fyne.CanvasObject) bool {
		if c, ok := o.(*canvas.Text); ok {
			lines = append(lines, c.Text)
		}
		return true
	})
	return lines
}

// exportList writes what a list shows to an XLSX file as its 导出 button does, and reads its sheet back.
func exportList[R any](t *testing.T, l *recordList[R]) [][]string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.xlsx")
	w, err := storage.Writer(storage.NewFileURI(path))
	require.NoError(t, err)
	l.exportTo(w)
	<-l.exported
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(l.cfg.ExportName)
	require.NoError(t, err)
	return rows
}
