package main

func cmdTarget(e *env, args []string, lang, tz string) error {
	return usagef("targets are not in this version yet")
}
