package i18n

// formatStrings are the words ui/format writes beside numbers. The compact
// magnitude symbols (k/M/B, 万/亿) are not here: they are not one word in two
// languages but two different ways of grouping digits, so ui/format chooses
// them by language together with the divisor.
var formatStrings = map[string]entry{
	"fmt.pt": {"pt", "个百分点"},
}
