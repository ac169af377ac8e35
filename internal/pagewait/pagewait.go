// Package pagewait writes the JavaScript with which browser tests wait in
// the page for a condition: one call to the browser checks it every 10 ms
// for up to a given time, where asking the browser each time cost a round
// trip and a share of both cores.
package pagewait

import (
	"errors"
	"fmt"
	"time"
)

// Expr returns a JavaScript expression whose promise resolves, as soon as
// the expression cond is true or once within has passed, to [ok, error]:
// whether cond was true, and the message of the last error cond threw, or
// "".
func Expr(cond string, within time.Duration) string {
	return fmt.Sprintf(`new Promise(done => {
  const end = Date.now() + %d;
  let error = "";
  (function check() {
    let ok = false;
    try { ok = !!(%s); error = ""; } catch (e) { error = String(e); }
    if (ok || Date.now() >= end) done([ok, error]); else setTimeout(check, 10);
  })();
})`, within.Milliseconds(), cond)
}

// Result reads the value the promise of Expr resolved to, decoded from
// JSON: whether the condition held, and the error it last threw (nil for
// none).
func Result(v []any) (ok bool, err error) {
	if len(v) != 2 {
		return false, fmt.Errorf("the wait in the page answered %v", v)
	}
	if msg, _ := v[1].(string); msg != "" {
		err = errors.New(msg)
	}
	return v[0] == true, err
}
