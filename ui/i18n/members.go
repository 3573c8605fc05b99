package i18n

// membersStrings are the members pane's strings.
var membersStrings = map[string]entry{}
