package site

import (
	"fmt"
	"sort"
	"strings"

	"github.com/praxis-workbooks/praxis/internal/diag"
)

// linkReviews checks that the of= of every review names an actions block
// of the workbook, on any page, and links the review to it (Prompt.Plan),
// so the review knows the plan's columns when it renders. It runs once
// every prompt is collected.
func (s *Site) linkReviews() diag.List {
	var errs diag.List
	for _, pr := range s.Prompts {
		if pr.Kind != "review" {
			continue
		}
		of, pos, ok := reviewTarget(pr)
		target := s.prompts[of]
		switch {
		case !ok:
			// A review without of= is a parse problem, reported already.
		case target == nil:
			errs.Add(pos, "review of unknown action plan %q%s", of, s.planHint(of))
		case target.Kind != "actions":
			errs.Add(pos, "review of %q, which is a %s block at %s; a review looks back at an action plan (::: actions)%s",
				of, target.Kind, target.Pos(), s.planHint(of))
		default:
			pr.Plan = target
		}
	}
	return errs
}

// reviewTarget returns the id a review names and the position of its of=
// attribute, or false when it has none.
func reviewTarget(pr *Prompt) (string, diag.Pos, bool) {
	for _, a := range pr.Block.Attrs {
		if a.Key == "of" {
			return a.Value, pr.Page.Pos(a.Offset), true
		}
	}
	return "", pr.Pos(), false
}

// planHint suggests the action plan whose id is nearest to id, or lists
// the plans when there are only a few.
func (s *Site) planHint(id string) string {
	var plans []string
	for _, pr := range s.Prompts {
		if pr.Kind == "actions" {
			plans = append(plans, pr.ID)
		}
	}
	if near := diag.Suggest(id, plans); near != "" && near != id {
		return fmt.Sprintf(" (did you mean %q?)", near)
	}
	switch {
	case len(plans) == 0:
		return "; the workbook has no ::: actions block yet"
	case len(plans) <= 5:
		sort.Strings(plans)
		return "; the action plans are " + strings.Join(plans, ", ")
	}
	return ""
}

// Reviews returns the review blocks that look back at the action plan
// with id planID, in reading order.
func (s *Site) Reviews(planID string) []*Prompt {
	var out []*Prompt
	for _, pr := range s.Prompts {
		if pr.Kind == "review" && pr.Plan != nil && pr.Plan.ID == planID {
			out = append(out, pr)
		}
	}
	return out
}
