package pagewait

import (
	"strings"
	"testing"
	"time"
)

// TestResult reads what the page's wait answered: the condition held, it
// did not and threw, it did not, and an answer of another shape.
func TestResult(t *testing.T) {
	tests := []struct {
		v       []any
		ok      bool
		wantErr string
	}{
		{[]any{true, ""}, true, ""},
		{[]any{false, "ReferenceError: x is not defined"}, false, "ReferenceError: x is not defined"},
		{[]any{false, ""}, false, ""},
		{[]any{"yes"}, false, "the wait in the page answered [yes]"},
	}
	for _, tc := range tests {
		ok, err := Result(tc.v)
		if got := errString(err); ok != tc.ok || got != tc.wantErr {
			t.Errorf("Result(%v) = %v, %q; want %v, %q", tc.v, ok, got, tc.ok, tc.wantErr)
		}
	}
}

// TestExprWaitsWithin puts the condition and the time, in milliseconds,
// into the script.
func TestExprWaitsWithin(t *testing.T) {
	js := Expr(`window.ready === true`, 1500*time.Millisecond)
	for _, want := range []string{"Date.now() + 1500", "!!(window.ready === true)"} {
		if !strings.Contains(js, want) {
			t.Errorf("Expr lacks %q:\n%s", want, js)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
