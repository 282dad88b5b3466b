// Package dialect declares what differs between the databases the store runs on: SQLite (one desk's file) and
// PostgreSQL (a server an office shares). The store's SQL is written once, in SQLite's spelling where the two
// agree, and asks its Dialect for the rest: how to open the database, how a writer takes its turn, how a
// transaction's change group is made known to the change triggers, what a driver's error means, how to read
// the schema, and the SQL fragments the two spell apart (row JSON, date arithmetic, a case-folding LIKE…).
//
// This package is a leaf: it imports only the standard library, so that data and both database packages
// (data/sqlite, data/postgres) can import it while neither database package imports data. A method is added
// when the first store code needs it, with both implementations and a test that they answer alike.
package dialect

import (
	"context"
	"database/sql"
	"io/fs"
	"net/url"
	"strings"
)

// Dialect is one database's side of the store.
type Dialect interface {
	// Name is "sqlite" or "postgres".
	Name() string
	// Open connects to the database t names. It creates nothing: a server database that does not exist is an
	// error, never a new empty one.
	Open(ctx context.Context, t Target) (*sql.DB, error)
	// Migrations holds the dialect's migrations as NNNN_name.sql at its root, numbered and named alike in
	// every dialect, so that schema_migration reads the same on both.
	Migrations() fs.FS
	// BeginWrite makes tx the only writing transaction of the database until it ends, waiting a while for
	// another to finish; a wait that runs out is an error of class Busy. SQLite's BEGIN IMMEDIATE does it
	// already; PostgreSQL takes a transaction-level advisory lock under a lock timeout.
	BeginWrite(ctx context.Context, tx *sql.Tx) error
	// OpenChangeGroup tells the change triggers which change group the transaction's writes belong to (the
	// change_group row the store has just inserted). Writes made without one are not recorded as changes.
	OpenChangeGroup(ctx context.Context, tx *sql.Tx, group int64) error
	// Classify says what a driver error means, and for a broken constraint which one.
	Classify(err error) (ErrorClass, Constraint)
	// Columns lists a table's columns in their order (undo rebuilds rows from them; SQLite's
	// pragma_table_info, the server's catalogue). None for a table that does not exist.
	Columns(ctx context.Context, q Querier, table string) ([]Column, error)
	// ForeignKeys lists a table's foreign keys, one a column, ordered by column.
	ForeignKeys(ctx context.Context, q Querier, table string) ([]ForeignKey, error)
	// SchemaObjects lists the database's tables, indexes and triggers (those its schema's SQL made: not the
	// automatic indexes of keys, nor SQLite's own tables; on a server, those of the connection's current
	// schema): what Check compares with the program's schema.
	SchemaObjects(ctx context.Context, q Querier) ([]SchemaObject, error)
	// LongRead readies connection c for one read of much of the database (an export; a policy check's row
	// streams, several at once, use SQLite's StreamRead instead where the dialect has it) and returns what puts
	// the connection back as the pool's others are, to call when the read is done: SQLite maps the file into
	// memory for it; a server reads its own pages and needs nothing.
	LongRead(ctx context.Context, c *sql.Conn) (done func(), err error)
	// BeginSnapshot begins a read-only transaction that sees one state of the database throughout, whatever
	// others commit meanwhile (a copy and its proof read it): SQLite's read transaction in WAL mode does;
	// the server needs REPEATABLE READ.
	BeginSnapshot(ctx context.Context, db *sql.DB) (*sql.Tx, error)
	// AfterCopy readies table, whose id column a copy has just filled with the ids it read, for the rows
	// desks add next: the server's identity column is moved past the highest id; SQLite numbers a new row
	// past the highest already.
	AfterCopy(ctx context.Context, tx *sql.Tx, table string) error
	// Tables lists the database's tables by name (SQLite's own sqlite_… tables left out; on a server, those of
	// the connection's current schema): what tells an empty database, the program's, and another program's.
	Tables(ctx context.Context, q Querier) ([]string, error)

	// SQL fragments: what the shared SQL asks of the dialect where the two databases spell a thing apart.

	// RowID is the column that names a row of a tracked table in the change history: SQLite's rowid (a
	// setting has no id there), the server's id (every tracked table has one there, setting's an identity).
	RowID() string
	// HiddenRowID is the identity every row of a table has beside its columns, "" when a row has none but its
	// columns: SQLite's rowid (named by an INTEGER PRIMARY KEY column where there is one); nothing on the
	// server. A copy between the two pairs it with the server's id where a table has none on SQLite (setting).
	HiddenRowID() string
	// RowJSON is a row of the table aliased alias as the change triggers write it (the JSON text of the row,
	// its columns cols in table order): SQLite's json_object('c', alias.c, …), the server's row_to_json.
	RowJSON(alias string, cols []string) string
	// JSONField reads field key of a JSON object text (a column or a placeholder such as ?1) as a value of
	// storage class typ ("INTEGER", "REAL", "TEXT"; "" is TEXT): SQLite's json_extract, the server's ->> with a cast.
	JSONField(json, key, typ string) string
	// InJSONTexts is " IN (…)" over the texts of the JSON array a placeholder is given (an import's batch of
	// codes): `x` + InJSONTexts() with the array's JSON as the argument.
	InJSONTexts() string
	// JSONIDs is a FROM item over the JSON array of integers a placeholder is given, with the expressions of
	// an element's value (as an integer) and of its position, to keep the array's order.
	JSONIDs() (from, id, position string)
	// Like is the operator of a list's "contains" search: SQLite's LIKE, which folds ASCII letters' case only,
	// or the server's ILIKE, which on the tables' byte-ordered (COLLATE "C") text does the same.
	Like() string
	// PatentValidUntil is the last day a granted patent of table alias alias (bare columns when alias is "")
	// is valid, as YYYY-MM-DD text, NULL when it is not granted: the expression of index patent_valid_until.
	// ending are the legal statuses that end a grant on their status date (data's list).
	PatentValidUntil(alias string, ending []string) string
	// PatentTermEnds is the last day of the term of the patent of table alias alias, as YYYY-MM-DD text.
	PatentTermEnds(alias string) string
	// AddYears is the date text expr plus years years, as YYYY-MM-DD text: 29 February plus a year that has
	// none gives 1 March, as Go's AddDate and SQLite's date() do.
	AddYears(expr string, years int) string
	// NotIndexed is expr (a column) kept from choosing the index of a query's plan: SQLite's unary +, which
	// steers its planner to a better index; the server plans by its statistics and has no + for text.
	NotIndexed(expr string) string
	// Decimal is the number expr as text with places decimals, rounded ("1234.50"): SQLite's printf('%.2f'),
	// the server's round(numeric)::text. Give it a quotient that is exact in decimal (yuan / 10000.0 with four
	// places): SQLite divides in binary floating point and rounds that, the server divides exactly.
	Decimal(expr string, places int) string
}

// Querier is a database, a connection or a transaction.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// ErrorClass is what a database error means to the store, whatever the driver's codes.
type ErrorClass int

// The classes. The store turns them into its own errors (Conflict, Storage…); shared code tests the class,
// never a driver's message text, which a server may even translate.
const (
	Other      ErrorClass = iota // not one of those below (a bug, or a cause the store cannot name)
	Unique                       // a UNIQUE constraint or unique index refused a duplicate
	Reference                    // a foreign key refused a missing parent or a delete of a referenced row
	Check                        // a CHECK constraint refused a value
	NotNull                      // a NOT NULL column was given none
	Busy                         // another writer held the database longer than the wait allowed
	Full                         // the disk (or the server's) is full
	ReadOnly                     // the database or transaction is read-only
	Denied                       // the user lacks the privilege (server) or permission (file)
	Auth                         // the server refused the login (wrong password, no such role, pg_hba)
	NoDatabase                   // the server has no database of that name, or the file does not exist
	Gone                         // the connection failed or was lost: server down, unreachable, shut down
	Damaged                      // the database file or an index is damaged
	IO                           // the disk reported an error reading or writing the database
)

var classNames = [...]string{"other", "unique", "reference", "check", "not_null", "busy", "full", "read_only",
	"denied", "auth", "no_database", "gone", "damaged", "io"}

// String is the class's name in snake case, as it may appear in a log line.
func (c ErrorClass) String() string {
	if c < 0 || int(c) >= len(classNames) {
		return "other"
	}
	return classNames[c]
}

// Constraint names the constraint a write broke: its name in the schema (a server's; empty on SQLite, whose
// messages name only the columns), its table and its columns in their order in the constraint. Columns may
// be empty when the database does not say (a CHECK on SQLite).
type Constraint struct {
	Name    string
	Table   string
	Columns []string
}

// Column is one column of a table as the database describes it. Type is the storage class both databases
// agree on: "INTEGER" (SQLite INTEGER, PostgreSQL bigint), "TEXT" (on the server: text in byte order, COLLATE
// "C"), "BLOB" (bytea) or "REAL"; any other type or collation is spelled as the database spells it, so that a
// comparison of the two schemas shows it. NotNull holds for a primary key column on both (SQLite lets a TEXT
// primary key be NULL by an old bug; the store never writes one).
type Column struct {
	Name       string
	Type       string
	NotNull    bool
	HasDefault bool
	PrimaryKey bool
}

// ForeignKey is one column of a table that refers to another table's column.
type ForeignKey struct {
	Column   string
	Table    string // the table referred to
	To       string // its column
	OnDelete string // "NO ACTION", "CASCADE", "SET NULL"…
}

// SchemaObject is a table, an index or a trigger of the database, and the table it belongs to (a table's own
// name for a table).
type SchemaObject struct {
	Kind  string // "table", "index" or "trigger"
	Name  string
	Table string
}

// Target names a database: a file path, or a postgres:// (or postgresql://) URL. A URL may carry a password;
// String never shows it, so a Target can be printed in any message.
type Target struct {
	// URL is what the user gave: a file path or a server URL (keep it out of messages: use String).
	URL string
	// Password, when set, is used instead of one in the URL, PGPASSWORD or the pgpass file: the window asks
	// for it and keeps it in memory only.
	Password string
}

// ParseTarget reads a --db value. Surrounding spaces are dropped.
func ParseTarget(s string) Target { return Target{URL: strings.TrimSpace(s)} }

// Server reports whether the target is a database server (a postgres:// or postgresql:// URL).
func (t Target) Server() bool {
	u := strings.ToLower(t.URL)
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// Mistyped reports whether the target is no server URL but looks like a URL, so that it must not be taken as a
// file path either (a file made there would be a new empty database in folders named after the URL, password
// and all): it holds "://" (postgress://, pg://, postgresq://…), begins with a scheme of two or more letters
// and a colon (postgres:user@host/db, postgresql:/db; a drive letter C: is one letter), or with postgres// or
// postgresql// (a colon left out).
func (t Target) Mistyped() bool {
	if t.Server() {
		return false
	}
	u := strings.ToLower(t.URL)
	if strings.Contains(u, "://") || strings.HasPrefix(u, "postgres//") || strings.HasPrefix(u, "postgresql//") {
		return true
	}
	i := strings.IndexByte(u, ':')
	return i >= 2 && isScheme(u[:i])
}

// isScheme reports whether s is a URL scheme (RFC 3986): a letter, then letters, digits, "+", "-" or ".".
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// withoutPassword is a mistyped URL with any password left out of its user part (user:password@host).
func withoutPassword(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return s
	}
	start := 0
	if i := strings.Index(s[:at], "//"); i >= 0 {
		start = i + 2
	} else if i := strings.IndexByte(s[:at], ':'); i >= 0 {
		start = i + 1
	}
	user := s[start:at]
	if i := strings.IndexByte(user, ':'); i >= 0 {
		user = user[:i]
	}
	return s[:start] + user + s[at:]
}

// String names the database without any password: the file path, or user@host:port/database for a server
// (host "local socket" when the URL names none or a socket folder); a mistyped URL as it was given, without
// its password.
func (t Target) String() string {
	if t.Mistyped() {
		return withoutPassword(t.URL)
	}
	if !t.Server() {
		return t.URL
	}
	u, err := url.Parse(t.URL)
	if err != nil {
		return "postgres://(unreadable URL)" // url.Parse's error repeats the URL, password and all
	}
	host := u.Host
	if h := u.Query().Get("host"); host == "" && h != "" {
		host = h
	}
	if host == "" {
		host = "local socket"
	}
	s := host + "/" + strings.TrimPrefix(u.Path, "/")
	if name := u.User.Username(); name != "" {
		s = name + "@" + s
	}
	return s
}

// ReadSchemaObjects reads a query's rows of kind, name and table (a dialect's SchemaObjects).
func ReadSchemaObjects(rows *sql.Rows, err error) ([]SchemaObject, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SchemaObject
	for rows.Next() {
		var o SchemaObject
		if err := rows.Scan(&o.Kind, &o.Name, &o.Table); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
