// Package startupbench holds the start-up benchmark of the window (issue 7): launch to the first frame and the
// window's resident size at 100,000 companies, beside an empty Fyne window. It is a package of its own so that
// the process it measures carries what the program carries and not the test helpers of cmd/scitech.
package startupbench
