package data

import "context"

// queryColumn reads the one column of the rows a query returns, in their order; any error, of the query or of
// a row, is an internal error saying msg ("cannot list years").
func queryColumn[T any](ctx context.Context, q querier, msg, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, internal(err, msg)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, internal(err, msg)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, msg)
	}
	return out, nil
}
