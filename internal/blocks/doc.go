// Package blocks adds the coaching blocks of a workbook to goldmark: reflection
// prompts, rating scales, action plans, checklists, callouts, facilitator notes,
// commitments and reviews.
//
// In the pipeline (content → frontmatter → markdown → site → …) it is a
// goldmark extension used by package markdown, which adds it with New. Parsing
// produces [Block] nodes; the site assembly then walks the document between
// parsing and rendering, numbers the prompts (Block.Number) and checks ids
// across the workbook; rendering honours what it set.
//
// # Syntax
//
// Blocks are Pandoc-style fenced divs:
//
//	::: prompt {#first-step lines=6}
//	What is the smallest step you could take **this week**?
//	:::
//
// An opening fence is a line of three or more colons, a word and an
// optional attribute list in braces; colons may follow the list. A line of
// three or more colons alone closes the innermost open block, so nested
// blocks may use fences of any length (by convention, longer ones outside).
// Fenced code blocks inside a block keep their ::: lines. The content is
// full Markdown, including other blocks.
//
// The block type is the word, in any case, or else the first class that
// names a type, as Pandoc writes it: ::: {.prompt #first-step lines=6} is
// ::: prompt {#first-step lines=6}. Quarto's callout classes (callout-note,
// callout-tip, callout-warning, callout-important, callout-caution) name
// the callouts; in those a first heading is the title, as in Quarto. A word
// or class that names no type makes a plain <div> of that class (::: challenge,
// ::: {.column width=50%}), whose other attributes are written as data-
// attributes; only a near miss of a type (diag.NearMiss: ::: promt) is a
// problem.
//
// Attributes ([ParseAttributes]) are #id, .class, key=value and
// key="quoted value" (with \" and \\ escapes), separated by spaces.
//
// GitHub alerts (a blockquote whose first line is [!NOTE], [!TIP], [!WARNING],
// [!IMPORTANT] or [!CAUTION]) become the callout block of that type.
//
// # Block types
//
//	prompt       question + answer space; lines=1..60 or size=small|medium|large|page (3/6/12/30);
//	             default Options.DefaultLines
//	scale        rating; min (default 1), max (default 10), at most 21 points; low, high labels
//	actions      action-plan table; rows=1..20 (default 3), columns="A|B|C" (default Options.ActionColumns)
//	checklist    GFM task lists inside become enabled, saved checkboxes
//	note, tip, warning, important, caution
//	             callouts; title="…" replaces the title; collapse, appearance and
//	             icon (Quarto's) are taken and kept as data- attributes
//	facilitator  coach's guidance: removed from the document unless Options.Facilitator
//	commitment   statement followed by signature and date inputs
//	review       looks back at an actions block: of=<its id> (required; site assembly
//	             checks it and sets Block.Plan), rows=1..20 (default 3),
//	             columns="A|B" (default Options.ReviewColumns)
//
// Every type takes #id and .class. Prompt, scale, actions and review are the
// prompts ([Block.IsPrompt]): numbered and answered. A prompt, checklist or
// commitment without #id gets [Slug] of its text (a checklist: of its first
// line; a review: of "review <of>"; a block without words: its type name).
//
// # Errors
//
// goldmark parsers cannot return errors, so mistakes are recorded in the
// parser.Context and read with [Problems]: near misses of block types,
// attributes a block does not take (with a suggestion), malformed
// attributes, values of the wrong type, min not below max, a fence that is
// never closed or closes nothing, and a page past the limits of [MaxFields]
// answer fields or of lines inside blocks (then [LimitBroken] is true).
// Each [Problem] carries the byte offset of the fence or attribute at fault.
//
// # HTML
//
// The CSS, the answers script and the print styles are written against this
// markup; keep it. All text and attribute values are escaped. ID stands for
// the block's id, and the body is the block's rendered Markdown. A prompt:
//
//	<section class="block prompt" id="ID" data-prompt="ID" data-kind="prompt">
//	<header class="block-head"><a class="prompt-number" href="#ID">2.3</a><button type="button" class="copy-link" data-copy="ID" hidden>Copy link</button></header>
//	<div class="block-body">
//	…body…
//	</div>
//	<div class="answer" data-lines="6" style="--lines:6">
//	<label class="visually-hidden" for="answer-ID">Your answer</label>
//	<textarea id="answer-ID" data-answer="ID" rows="6"></textarea>
//	<div class="typed-answer" aria-hidden="true"></div>
//	<div class="answer-lines" aria-hidden="true"></div>
//	</div>
//	</section>
//
// The number link appears only when Block.Number is set; the script un-hides
// the copy button. The block-body div appears only when the block has
// content. Classes from .class follow the type: class="block prompt wide".
//
// A scale has data-kind="scale" data-min="1" data-max="10" on its section, and
// in place of the answer div:
//
//	<fieldset class="scale-options">
//	<legend class="visually-hidden">…question text…</legend>
//	<span class="scale-low">Not at all</span>
//	<label><input type="radio" name="ID" value="1" data-answer="ID"><span>1</span></label>
//	…one label per value…
//	<span class="scale-high">Completely</span>
//	</fieldset>
//
// An actions block has data-kind="actions" data-columns="What|By when|…" on
// its section, and in place of the answer div a table whose date columns
// (named "By when…", "When…", or with the word date, deadline or due) hold
// date inputs, the others text areas of one row that grow with their text.
// Rows and cells repeat what they are in data-label, for screens too narrow
// for the table, where each row is a card:
//
//	<table class="actions-table">
//	<thead><tr><th scope="col">What</th>…</tr></thead>
//	<tbody>
//	<tr data-label="Step 1"><td data-label="What"><textarea data-answer="ID/r1c1" aria-label="What, step 1" rows="1"></textarea></td><td data-label="By when"><input type="date" data-answer="ID/r1c2" aria-label="By when, step 1"></td>…</tr>
//	…
//	</tbody>
//	</table>
//
// A review has data-kind="review" data-of="OF" data-columns="What did I do?|…"
// on its section, and data-plan-when="N" once Block.Plan is set: the 1-based
// column of the plan that holds dates, 0 for none. In place of the answer div
// it has a table with rows= rows, each with text areas keyed ID/rN/cM (M
// counting the review's fields) and a status keyed ID/rN/status, its values
// planned, tried, done and dropped:
//
//	<div class="review-list" data-of="OF">
//	<table class="review-table">
//	<thead><tr><th scope="col">Step</th><th scope="col">What did I do?</th>…<th scope="col">Status</th></tr></thead>
//	<tbody>
//	<tr data-row="1"><th scope="row" class="review-step"><span class="review-n">1</span></th><td data-label="What did I do?"><textarea data-answer="ID/r1/c1" aria-label="What did I do?, step 1" rows="3"></textarea></td>…<td class="review-status" data-label="Status"><select data-answer="ID/r1/status" aria-label="Status, step 1"><option value="planned">Planned</option>…</select><span class="status-choices" aria-hidden="true"><span>planned</span> <span>tried</span> <span>done</span> <span>dropped</span></span></td></tr>
//	…
//	</tbody>
//	</table>
//	</div>
//
// On paper these are empty rows to write in. Online, the answers script
// replaces them with one row per step typed into the plan, numbered as the
// plan's rows are, so ID/r2/… always belongs to the plan's second row.
//
// A checklist, whose task checkboxes count from 1 in document order (boxes
// of nested checklists count in those):
//
//	<section class="block checklist" id="ID" data-checklist="ID">
//	<ul>
//	<li><input type="checkbox" data-answer="ID/1"> Book a session</li>
//	<li><input type="checkbox" data-answer="ID/2" checked=""> Done already</li>
//	</ul>
//	</section>
//
// Task checkboxes outside checklists keep goldmark's disabled rendering.
//
// A callout (title Note, Tip, Warning, Important, Caution or Facilitator note;
// the id attribute only with an explicit #id):
//
//	<aside class="block callout note" role="note">
//	<p class="callout-title">Note</p>
//	…body…
//	</aside>
//
// A commitment:
//
//	<section class="block commitment" id="ID">
//	…body…
//	<div class="signature"><label>Signed <input type="text" data-answer="ID/name"></label><label>Date <input type="date" data-answer="ID/date"></label></div>
//	</section>
//
// A plain div: <div id="ID" class="…" data-key="value">…body…</div>, each
// attribute only when given ([DataName] makes the data- names). A callout
// writes its attributes other than title as data- attributes too. With
// html.WithXHTML, void elements end in " />".
package blocks
