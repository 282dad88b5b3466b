package data

import "context"

// CooperationProgrammes lists the programmes (所属行动或计划) cooperations are recorded under, by pinyin: the
// cooperation form offers them to choose from, since a programme typed again with a slip would count as a
// category of its own in the cooperation brief. GROUP BY rather than DISTINCT: PostgreSQL sorts a DISTINCT
// list only by what it selects, and the pinyin order is not the programme as selected.
func (s *Store) CooperationProgrammes(ctx context.Context) ([]string, error) {
	return queryColumn[string](ctx, s.db, "cannot read the programmes", `SELECT programme FROM cooperation
		WHERE programme <> '' GROUP BY programme ORDER BY programme`+collatePinyin)
}
