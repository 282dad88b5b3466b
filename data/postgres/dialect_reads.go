package postgres

import (
	"context"
	"database/sql"
	"strings"
)

// LongRead does nothing: the server reads its own pages, through its own cache.
func (d *Dialect) LongRead(ctx context.Context, c *sql.Conn) (done func(), err error) {
	return func() {}, nil
}

// BeginSnapshot begins a REPEATABLE READ READ ONLY transaction: it reads the database as it was at its first
// statement, so that rows desks write meanwhile are neither in a copy nor in its proof, and desks go on
// working.
func (d *Dialect) BeginSnapshot(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	return db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
}

// AfterCopy moves the sequence of table's identity column id past the highest id the table holds (to 1, not
// yet called, when it holds none), so that the next row a desk adds gets a new id.
func (d *Dialect) AfterCopy(ctx context.Context, tx *sql.Tx, table string) error {
	name := `"` + strings.ReplaceAll(table, `"`, `""`) + `"`
	_, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence(?, 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM `+name, name)
	return err
}
