package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fyneTextDialogs are Fyne's dialogs that set a message themselves: they draw their icon over the text and
// may leave a sentence's "。" alone on its last line (see dialog_text.go).
var fyneTextDialogs = map[string]bool{
	"ShowInformation": true, "NewInformation": true,
	"ShowConfirm": true, "NewConfirm": true,
	"ShowError": true, "NewError": true,
}

// TestScreensSetDialogTextThemselves keeps every dialog's words going through newDialogText (env.inform,
// env.confirm, or a custom dialog holding newDialogText): a screen that called one of Fyne's text dialogs
// would bring back the icon over the message. Test files are not read: they may open Fyne's dialogs to test
// Fyne itself (fyne_lang_test.go checks their buttons' language).
func TestScreensSetDialogTextThemselves(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	read := 0
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "dialog_text.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		read++
		dialogPkg := ""
		for _, imp := range f.Imports {
			if path, _ := strconv.Unquote(imp.Path.Value); path == "fyne.io/fyne/v2/dialog" {
				dialogPkg = "dialog"
				if imp.Name != nil {
					dialogPkg = imp.Name.Name
				}
			}
		}
		if dialogPkg == "" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == dialogPkg && fyneTextDialogs[sel.Sel.Name] {
				t.Errorf("%s: dialog.%s draws its icon over the text; use env.inform, env.confirm or newDialogText",
					fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
	require.Greater(t, read, 10, "the app's source files are read from the package's folder")
}
