//go:build !windows

package app

// knownDocumentsDir is the Documents known folder on Windows; elsewhere documentsDir looks for it itself.
func knownDocumentsDir() string { return "" }

// systemFontsDir is the Windows fonts folder; other systems keep fonts in several folders, none the obvious start.
func systemFontsDir() string { return "" }

// systemOpen opens a file through the shell on Windows; elsewhere it leaves it to the env's opener.
func systemOpen(string) (bool, error) { return false, nil }
