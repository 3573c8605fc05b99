package i18n

// overviewStrings are the overview pane's strings.
var overviewStrings = map[string]entry{}
