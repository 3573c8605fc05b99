package i18n

// targetsStrings are the targets pane's strings.
var targetsStrings = map[string]entry{}
