package i18n

// pluralRule returns the plural rule of a primary language subtag for
// whole numbers, as Unicode CLDR gives it: the category ("zero", "one",
// "two", "few", "many" or "other") whose form a message uses for n.
func pluralRule(base string) func(n int) string {
	switch base {
	case "fr", "pt":
		return func(n int) string { return pick(n == 0 || n == 1, "one") }
	case "pl":
		return polish
	case "ar":
		return arabic
	case "he", "iw":
		return func(n int) string {
			if n == 2 {
				return "two"
			}
			return pick(n == 1, "one")
		}
	case "ja", "zh", "ko", "th", "vi", "id", "ms", "tr":
		return func(int) string { return "other" }
	}
	return func(n int) string { return pick(n == 1, "one") }
}

func pick(ok bool, cat string) string {
	if ok {
		return cat
	}
	return "other"
}

func polish(n int) string {
	switch {
	case n == 1:
		return "one"
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		return "few"
	}
	return "many"
}

func arabic(n int) string {
	switch m := n % 100; {
	case n == 0:
		return "zero"
	case n == 1:
		return "one"
	case n == 2:
		return "two"
	case m >= 3 && m <= 10:
		return "few"
	case m >= 11:
		return "many"
	}
	return "other"
}
