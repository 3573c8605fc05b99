package main

func cmdTUI(e *env, args []string, lang, tz string) error {
	return usagef("the cockpit screen is not in this version yet; try `cockpit kpi`")
}

func cmdDemo(e *env, args []string, lang, tz string) error {
	return usagef("the cockpit screen is not in this version yet; try `cockpit sample` and `cockpit import`")
}
