package build

import (
	"strings"

	"github.com/praxis-workbooks/praxis/internal/addresses"
	"github.com/praxis-workbooks/praxis/internal/blocks"
	"github.com/praxis-workbooks/praxis/internal/render"
)

// ActionsPage is the address of the "My action steps" page, which gathers
// the steps a client typed into every action plan of the workbook.
const ActionsPage = addresses.ActionsPage

// ActionsView is the data of the actions page. The steps themselves live in
// the reader's browser, so the page lists the workbook's action plans and
// the answers script gathers what was typed into them.
type ActionsView struct {
	*render.View
	Plans []ActionPlan
}

// ActionPlan is an actions block of the workbook as the actions page lists
// it.
type ActionPlan struct {
	ID, Number, Text string
	Page             string // title of the page it is on
	URL              string // relative to the actions page
	File             string // from the site root, like "3-action/steps/index.html#first-plan"
	When             int    // 1-based column holding the steps' dates; 0 when none does
	Reviews          string // ids of the reviews that look back at it, in reading order, space-separated
}

// actionPlans lists the workbook's action plans in reading order, with
// addresses relative to folder dir.
func (e *edition) actionPlans(dir string) []ActionPlan {
	var plans []ActionPlan
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
		plans = append(plans, ActionPlan{ID: pr.ID, Number: pr.Number, Text: text,
			Page: pr.Page.Meta.Title, URL: pr.RelURL(dir), File: pr.URL(),
			When:    blocks.DateColumn(pr.Block.Columns(e.cfg.ActionColumns)),
			Reviews: strings.Join(reviews, " ")})
	}
	return plans
}

// writeActionsPage writes the "My action steps" page.
func (e *edition) writeActionsPage() error {
	const dir = "actions/"
	v := &ActionsView{View: render.Frame(e.site, e.info, dir, nil), Plans: e.actionPlans(dir)}
	v.Title = e.cfg.Words.T("actions.title")
	v.Kind = "actions"
	return e.execute(ActionsPage, render.LayoutActions, v)
}

// actionsDigest sums up what the actions page is made of, for live
// rebuilds: the frame and the plans it lists.
func (e *edition) actionsDigest(frame digest) digest {
	return newKey().digest(frame).plans(e.actionPlans("actions/")).sum()
}
