package main

import "testing"

// The SDK's logs are turned off only when nothing asked for them.
func TestQuietUnlessAsked(t *testing.T) {
	t.Parallel()
	for _, asked := range append([]string{""}, logLevelVariables...) {
		env := map[string]string{}
		if asked != "" {
			env[asked] = "DEBUG"
		}
		set := map[string]string{}
		quietUnlessAsked(func(k string) string { return env[k] }, func(k, v string) error { set[k] = v; return nil })
		switch {
		case asked == "" && (set["TF_LOG_SDK"] != "OFF" || set["TF_LOG_PROVIDER_VPCE"] != "OFF"):
			t.Errorf("no log variable set: %v, want the SDK and provider logs OFF", set)
		case asked != "" && len(set) > 0:
			t.Errorf("%s set: the provider changed %v", asked, set)
		}
	}
}
