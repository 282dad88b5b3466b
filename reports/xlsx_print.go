package reports

// titleRows is how many rows stand above the table of a brief's sheet: the title (brief, year, sheet) and the
// line naming the issuing unit, the issue and the unit of the amounts, so that a printed page says what it is.
const titleRows = 0

// headerRow is the row of a brief sheet's column headers; the first record is on the row below it.
const headerRow = titleRows + 1
