package app

import (
	"context"

	"fyne.io/fyne/v2"
)

// reread reads a page's record again after it was edited or moved a step, and hands it to show; the window
// shows why when it cannot be read (deleted meanwhile), and the page keeps what it showed.
func reread[R any](e *env, win fyne.Window, read func(context.Context, int64) (R, error), id int64, show func(R)) {
	got, err := read(bg(), id)
	if err != nil {
		e.showError(win, err)
		return
	}
	show(got)
}

// pagedBy has a list read its count and its pages through a store's count and page of a filter, which filter
// makes from the list's query (a page's list of what goes with its record narrows the query to that record).
func pagedBy[R, F any](cfg recordListConfig[R], filter func(listQuery) F,
	count func(context.Context, F) (int, error), page func(context.Context, F) ([]R, error)) recordListConfig[R] {
	cfg.Count = func(q listQuery) (int, error) { return count(bg(), filter(q)) }
	cfg.Page = func(q listQuery) ([]R, error) { return page(bg(), filter(q)) }
	return cfg
}
