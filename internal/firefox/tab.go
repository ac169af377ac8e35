package firefox

import (
	"context"
	"encoding/json"
	"fmt"
)

// Tab is one top-level browsing context (a tab) of the browser.
type Tab struct {
	b  *Browser
	ID string // the BiDi browsing context id
}

// NewTab opens another tab.
func (b *Browser) NewTab(ctx context.Context) (*Tab, error) {
	return b.create(ctx, map[string]any{"type": "tab"})
}

// NewTabBeside opens another tab in the window and the user context of
// tab t, where it becomes the window's selected tab.
func (t *Tab) NewTabBeside(ctx context.Context, userContext string) (*Tab, error) {
	params := map[string]any{"type": "tab", "referenceContext": t.ID}
	if userContext != "" {
		params["userContext"] = userContext
	}
	return t.b.create(ctx, params)
}

// NewWindow opens a new window whose tab belongs to the user context (see
// [Browser.NewUserContext]), and returns the tab.
func (b *Browser) NewWindow(ctx context.Context, userContext string) (*Tab, error) {
	return b.create(ctx, map[string]any{"type": "window", "userContext": userContext})
}

// create runs browsingContext.create with params and returns the tab.
func (b *Browser) create(ctx context.Context, params map[string]any) (*Tab, error) {
	var res struct {
		Context string `json:"context"`
	}
	if err := b.Call(ctx, "browsingContext.create", params, &res); err != nil {
		return nil, err
	}
	return &Tab{b: b, ID: res.Context}, nil
}

// NewUserContext makes a user context, Firefox's container: its pages
// have storage, cookies and permissions of their own, apart from every
// other user context's, as in another profile. It returns its id.
func (b *Browser) NewUserContext(ctx context.Context) (string, error) {
	var res struct {
		UserContext string `json:"userContext"`
	}
	if err := b.Call(ctx, "browser.createUserContext", nil, &res); err != nil {
		return "", err
	}
	return res.UserContext, nil
}

// RemoveUserContext closes the tabs of the user context and throws it away
// with everything its pages stored.
func (b *Browser) RemoveUserContext(ctx context.Context, userContext string) error {
	return b.Call(ctx, "browser.removeUserContext", map[string]any{"userContext": userContext}, nil)
}

// SetDownloadFolder makes pages of the user context save the files they
// download in dir, without asking.
func (b *Browser) SetDownloadFolder(ctx context.Context, userContext, dir string) error {
	return b.Call(ctx, "browser.setDownloadBehavior", map[string]any{
		"downloadBehavior": map[string]any{"type": "allowed", "destinationFolder": dir},
		"userContexts":     []string{userContext},
	}, nil)
}

// Navigate opens url in the tab and waits until the page has loaded.
func (t *Tab) Navigate(ctx context.Context, url string) error {
	return t.b.Call(ctx, "browsingContext.navigate", map[string]any{"context": t.ID, "url": url, "wait": "complete"}, nil)
}

// Reload reloads the tab's page and waits until it has loaded.
func (t *Tab) Reload(ctx context.Context) error {
	return t.b.Call(ctx, "browsingContext.reload", map[string]any{"context": t.ID, "wait": "complete"}, nil)
}

// evalResult is the answer of script.evaluate.
type evalResult struct {
	Type   string `json:"type"`
	Result struct {
		Type     string          `json:"type"`
		Value    json.RawMessage `json:"value"`
		SharedID string          `json:"sharedId"`
	} `json:"result"`
	ExceptionDetails struct {
		Text string `json:"text"`
	} `json:"exceptionDetails"`
}

// evaluate runs expression in the tab's page, awaiting a promise.
func (t *Tab) evaluate(ctx context.Context, expression string) (*evalResult, error) {
	var res evalResult
	err := t.b.Call(ctx, "script.evaluate", map[string]any{
		"expression": expression, "target": map[string]any{"context": t.ID},
		"awaitPromise": true, "resultOwnership": "none", "userActivation": true,
	}, &res)
	if err != nil {
		return nil, err
	}
	if res.Type == "exception" {
		return nil, fmt.Errorf("evaluating %.200s: %s", expression, res.ExceptionDetails.Text)
	}
	return &res, nil
}

// Eval evaluates the JavaScript expression js in the page (awaiting it when
// it is a promise) and decodes its value, as JSON.stringify gives it, into
// out (when not nil).
func (t *Tab) Eval(ctx context.Context, js string, out any) error {
	res, err := t.evaluate(ctx, "(async () => JSON.stringify((await ("+js+")) ?? null))()")
	if err != nil {
		return err
	}
	var text string
	if err := json.Unmarshal(res.Result.Value, &text); err != nil {
		return fmt.Errorf("evaluating %.200s: result %s: %w", js, res.Result.Value, err)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal([]byte(text), out)
}

// element returns the shared id of the first element matching the CSS
// selector sel, scrolled into view.
func (t *Tab) element(ctx context.Context, sel string) (string, error) {
	sq, _ := json.Marshal(sel)
	res, err := t.evaluate(ctx, "(e => { e?.scrollIntoView({block: 'center'}); return e; })(document.querySelector("+string(sq)+"))")
	if err != nil {
		return "", err
	}
	if res.Result.Type != "node" || res.Result.SharedID == "" {
		return "", fmt.Errorf("no element matches %s", sel)
	}
	return res.Result.SharedID, nil
}

// Click clicks the middle of the element sel with the mouse, as a reader
// would: the browser decides what the click reaches.
func (t *Tab) Click(ctx context.Context, sel string) error {
	id, err := t.element(ctx, sel)
	if err != nil {
		return err
	}
	return t.perform(ctx, map[string]any{"type": "pointer", "id": "mouse", "actions": []any{
		map[string]any{"type": "pointerMove", "x": 0, "y": 0, "origin": map[string]any{"type": "element", "element": map[string]any{"sharedId": id}}},
		map[string]any{"type": "pointerDown", "button": 0},
		map[string]any{"type": "pointerUp", "button": 0},
	}})
}

// Type clicks the element sel and types text into it key by key. A line
// break is the Enter key.
func (t *Tab) Type(ctx context.Context, sel, text string) error {
	if err := t.Click(ctx, sel); err != nil {
		return err
	}
	return t.Keys(ctx, text)
}

// Keys types text key by key into whatever has the focus. A line break is
// the Enter key.
func (t *Tab) Keys(ctx context.Context, text string) error {
	var keys []any
	for _, r := range text {
		k := string(r)
		if r == '\n' {
			k = "\uE007" // Enter
		}
		keys = append(keys, map[string]any{"type": "keyDown", "value": k}, map[string]any{"type": "keyUp", "value": k})
	}
	return t.perform(ctx, map[string]any{"type": "key", "id": "keyboard", "actions": keys})
}

// perform runs one source's input actions and releases what they pressed.
func (t *Tab) perform(ctx context.Context, source map[string]any) error {
	err := t.b.Call(ctx, "input.performActions", map[string]any{"context": t.ID, "actions": []any{source}}, nil)
	if err != nil {
		return err
	}
	return t.b.Call(ctx, "input.releaseActions", map[string]any{"context": t.ID}, nil)
}

// SetFiles chooses the files at paths in the file input sel, as a reader
// choosing them in the browser's file dialog would.
func (t *Tab) SetFiles(ctx context.Context, sel string, paths []string) error {
	id, err := t.element(ctx, sel)
	if err != nil {
		return err
	}
	return t.b.Call(ctx, "input.setFiles", map[string]any{"context": t.ID,
		"element": map[string]any{"sharedId": id}, "files": paths}, nil)
}

// AddPreloadScript runs the JavaScript function fn (its source, such as
// "() => { … }") in every document the browser loads from now on, frames
// included, before the document's own scripts. With userContexts, only in
// the documents of those user contexts.
func (b *Browser) AddPreloadScript(ctx context.Context, fn string, userContexts ...string) error {
	params := map[string]any{"functionDeclaration": fn}
	if len(userContexts) > 0 {
		params["userContexts"] = userContexts
	}
	return b.Call(ctx, "script.addPreloadScript", params, nil)
}

// ClickAt clicks with the mouse at the point x, y of the viewport, in CSS
// pixels.
func (t *Tab) ClickAt(ctx context.Context, x, y float64) error {
	return t.perform(ctx, map[string]any{"type": "pointer", "id": "mouse", "actions": []any{
		map[string]any{"type": "pointerMove", "x": int(x), "y": int(y), "origin": "viewport"},
		map[string]any{"type": "pointerDown", "button": 0},
		map[string]any{"type": "pointerUp", "button": 0},
	}})
}
