package data

import "scitech/data/sqlite"

// SQLite is opened through a "file:" URI (https://www.sqlite.org/uri.html) so that the connection's
// parameters travel with the name; data/sqlite's URI builds every one the program opens, escaping what a
// folder name may hold ("项目#1" is a legal Windows folder) and would otherwise name another file.

// uriParam is one parameter of a SQLite URI, in order: the driver runs _pragma parameters in the order given.
type uriParam struct{ key, value string }

// sqliteURI is the "file:" URI of the database file at path with the given parameters (sqlite.URI).
func sqliteURI(path string, params ...uriParam) string {
	kv := make([]string, 0, 2*len(params))
	for _, q := range params {
		kv = append(kv, q.key, q.value)
	}
	return sqlite.URI(path, kv...)
}

// SQLiteURI is the "file:" URI of the database file at path with parameters given as key, value pairs, escaped
// as the store's own are: for code that opens a database file itself (the crash tests' reader).
func SQLiteURI(path string, keyValues ...string) string { return sqlite.URI(path, keyValues...) }
