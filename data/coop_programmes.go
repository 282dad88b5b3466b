package data

import "context"

// CooperationProgrammes lists the programmes (所属行动或计划) cooperations are recorded under, by pinyin: the
// cooperation form offers them to choose from, since a programme typed again with a slip would count as a
// category of its own in the cooperation brief.
func (s *Store) CooperationProgrammes(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT programme FROM cooperation WHERE programme <> ''
		ORDER BY programme`+collatePinyin)
	if err != nil {
		return nil, internal(err, "cannot read the programmes")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, internal(err, "cannot read the programmes")
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, internal(err, "cannot read the programmes")
	}
	return out, nil
}
