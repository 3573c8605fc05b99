package i18n

// shellStrings are the shell pane's strings.
var shellStrings = map[string]entry{}
