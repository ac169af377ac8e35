package build

import (
	"strings"

	"github.com/praxis-workbooks/praxis/internal/addresses"
	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/layout"
)

// ActionsPage is the address of the "My action steps" page, which gathers
// the steps a client typed into every action plan of the workbook.
const ActionsPage = addresses.ActionsPage

// actionPlans lists the workbook's action plans in reading order, with
// addresses relative to folder dir.
func (e *edition) actionPlans(dir string) []layout.ActionPlan {
	var plans []layout.ActionPlan
	for _, pr := range e.site.Prompts {
		if pr.Kind != "actions" {
			continue
		}
		var reviews []string
		for _, r := range e.site.Reviews(pr.ID) {
			reviews = append(reviews, r.ID)
		}
		text := pr.Text
		if text == "" {
			text = e.cfg.Words.T("actions.plan")
		}
		plans = append(plans, layout.ActionPlan{ID: pr.ID, Number: pr.Number, Text: text,
			Page: pr.Page.Meta.Title, URL: pr.RelURL(dir), File: pr.URL(),
			When:    blocks.DateColumn(pr.Block.Columns(e.cfg.ActionColumns)),
			Reviews: strings.Join(reviews, " ")})
	}
	return plans
}

// writeActionsPage writes the "My action steps" page.
func (e *edition) writeActionsPage() error {
	const dir = "actions/"
	v := &layout.ActionsView{View: layout.Frame(e.site, e.info, dir, nil), Plans: e.actionPlans(dir)}
	v.Title = e.cfg.Words.T("actions.title")
	v.Kind = "actions"
	return e.execute(ActionsPage, layout.LayoutActions, v)
}

// actionsDigest sums up what the actions page is made of, for live
// rebuilds: the frame and the plans it lists.
func (e *edition) actionsDigest(frame digest) digest {
	return newKey().digest(frame).plans(e.actionPlans("actions/")).sum()
}
