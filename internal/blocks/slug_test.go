package blocks

import "testing"

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"What is the smallest step you could take this week?", "what-is-the-smallest-step-you"},
		{"Hello, World", "hello-world"},
		{"  --Spaces and -- dashes--  ", "spaces-and-dashes"},
		{"Don't stop — you’re close", "dont-stop-youre-close"},
		{"Où êtes-vous ?", "ou-etes-vous"},
		{"Straße, Æsir, Œuvre, Þór", "strasse-aesir-oeuvre-thor"},
		{"Łódź żółć", "lodz-zolc"},
		{"cafe\u0301 decomposed", "cafe-decomposed"},
		{"Привет мир", "привет-мир"},
		{"日本語", "日本語"},
		{"Top 3 goals for 2026", "top-3-goals-for-2026"},
		{"!?—", ""},
		{"", ""},
		{"one two three four five six seven eight", "one-two-three-four-five-six"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsDateColumn(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"By when", true},
		{"by when?", true},
		{"When", true},
		{"  When will I start", true},
		{"Date", true},
		{"Due date", true},
		{"Target-date", true},
		{"Deadline", true},
		{"Due", true},
		{"What", false},
		{"Support I need", false},
		{"Update", false},
		{"Whenever possible", false},
		{"Validated", false},
	}
	for _, tt := range tests {
		if got := isDateColumn(tt.name); got != tt.want {
			t.Errorf("isDateColumn(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
