package reports

import "strconv"

// dataRef is the cell of column col on the i-th row under a brief sheet's header (i from 1), wherever the title
// rows put the header.
func dataRef(col string, i int) string { return col + strconv.Itoa(headerRow+i) }
