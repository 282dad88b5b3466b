package data

// Link counts the records of one kind that point at a record, so the user is told what goes with it
// before a delete. Kind is a translation key naming the kind ("link.cooperations").
type Link struct {
	Kind  string
	Count int
}

// Links lists what points at a record; only kinds with a count above zero are listed.
type Links []Link

// Total is the number of linked records of every kind.
func (ls Links) Total() int {
	n := 0
	for _, l := range ls {
		n += l.Count
	}
	return n
}

// add appends a kind when its count is above zero.
func (ls *Links) add(kind string, n int) {
	if n > 0 {
		*ls = append(*ls, Link{Kind: kind, Count: n})
	}
}
