// Package exchange moves companies' figures between the database and Excel workbooks: it reads a workbook
// sent in from outside (ReadWorkbook: limits on size and shape first, then a streaming scanner of the sheet XML
// that hands anything unusual to excelize), plans its import against the database without writing
// (PlanFile), marks its problems in a copy or a list (WriteErrorWorkbook), writes the fill-in template a company
// gets (WriteTemplate) and streams a list as the window shows it to a workbook (WriteTable, WriteTableRows).
//
// It knows the domain types of package data and nothing of the briefs: package reports uses its sheet helpers
// (SheetName, ColumnWidths) for the briefs' workbooks, never the other way round, so a change to
// a brief cannot reach the files companies send in.
package exchange
