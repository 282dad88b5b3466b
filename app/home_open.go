package app

import (
	"context"

	"scitech/data"
)

// recordReader reads one record of each kind a dashboard row can open.
type recordReader interface {
	Company(ctx context.Context, id int64) (data.Company, error)
	Institution(ctx context.Context, id int64) (data.Institution, error)
	Cooperation(ctx context.Context, id int64) (data.Cooperation, error)
	CoopBase(ctx context.Context, id int64) (data.CoopBase, error)
	IncubatorApplication(ctx context.Context, id int64) (data.IncubatorApplication, error)
	PlanApplication(ctx context.Context, id int64) (data.PlanApplication, error)
	Patent(ctx context.Context, id int64) (data.Patent, error)
}

// openRecord shows a record's page in its section, as a clerk who found it in the section's list would: the
// dashboard's 需要关注 items and the rows behind its figures open this way. A record gone since is said so.
func (u *UI) openRecord(ref data.RecordRef) {
	if err := u.showRecordPage(ref); err != nil {
		u.env.showError(u.win, err)
	}
}

func (u *UI) showRecordPage(ref data.RecordRef) error {
	ctx := bg()
	switch ref.Entity {
	case "company":
		c, err := u.store.Company(ctx, ref.ID)
		if err == nil {
			u.ShowSection("nav.companies")
			u.companies.openPage(c)
		}
		return err
	case "institution":
		in, err := u.store.Institution(ctx, ref.ID)
		if err == nil {
			u.ShowSection("nav.institutions")
			u.institutions.openPage(in)
		}
		return err
	case "cooperation":
		c, err := u.store.Cooperation(ctx, ref.ID)
		if err == nil {
			u.ShowSection("nav.cooperations")
			u.cooperations.openPage(c)
		}
		return err
	case "coop_base":
		b, err := u.store.CoopBase(ctx, ref.ID)
		if err == nil {
			u.ShowSection("nav.bases")
			u.bases.openPage(b)
		}
		return err
	case "incubator_application":
		a, err := u.store.IncubatorApplication(ctx, ref.ID)
		if err == nil {
			u.ShowSection("nav.incubators")
			u.incubators.tabs.SelectIndex(0)
			u.incubators.openApplication(a)
		}
		return err
	case "plan_application":
		p, err := u.store.PlanApplication(ctx, ref.ID)
		if err == nil {
			u.ShowSection("nav.plans")
			u.plans.openPage(p)
		}
		return err
	case "patent":
		p, err := u.store.Patent(ctx, ref.ID)
		if err == nil {
			u.ShowSection("nav.patents")
			u.patents.openPage(p)
		}
		return err
	}
	return nil
}
