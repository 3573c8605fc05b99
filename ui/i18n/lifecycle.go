package i18n

// lifecycleStrings are the lifecycle pane's strings.
var lifecycleStrings = map[string]entry{}
