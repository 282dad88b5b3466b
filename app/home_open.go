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
	switch ref.Entity {
	case "company":
		return showPage(u, "nav.companies", u.store.Company, ref.ID, u.companies.openPage)
	case "institution":
		return showPage(u, "nav.institutions", u.store.Institution, ref.ID, u.institutions.openPage)
	case "cooperation":
		return showPage(u, "nav.cooperations", u.store.Cooperation, ref.ID, u.cooperations.openPage)
	case "coop_base":
		return showPage(u, "nav.bases", u.store.CoopBase, ref.ID, u.bases.openPage)
	case "incubator_application":
		return showPage(u, "nav.incubators", u.store.IncubatorApplication, ref.ID, u.openIncubatorApplication)
	case "plan_application":
		return showPage(u, "nav.plans", u.store.PlanApplication, ref.ID, u.plans.openPage)
	case "patent":
		return showPage(u, "nav.patents", u.store.Patent, ref.ID, u.patents.openPage)
	}
	return nil
}

// showPage reads a record and opens its page in its section; the error when it cannot be read (gone since).
func showPage[R any](u *UI, section string, read func(context.Context, int64) (R, error), id int64, open func(R)) error {
	r, err := read(bg(), id)
	if err != nil {
		return err
	}
	u.ShowSection(section)
	open(r)
	return nil
}

// openIncubatorApplication opens an application's page on the incubation section's tab of applications.
func (u *UI) openIncubatorApplication(a data.IncubatorApplication) {
	u.incubators.tabs.SelectIndex(0)
	u.incubators.openApplication(a)
}
