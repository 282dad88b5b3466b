package data

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A password whose text is in the driver's message (the user's name, the database's, a single letter) neither
// changes what the error is nor makes its text unreadable (A19's D3): the scrub flattened the error into its
// text, so that a closed port with the password clerk for the user clerk was an internal error, its text
// "********@127.0.0.1:1/office2 … user=********", and a password x starred "conte********t".
func TestAPasswordInTheDriversTextDoesNotChangeTheError(t *testing.T) {
	testServerURL(t) // a server's tests: the closed port below is on this machine
	for _, c := range []struct{ url, shown string }{
		{"postgres://clerk:clerk@127.0.0.1:1/office2", "clerk@127.0.0.1:1/office2"},
		{"postgres://clerk:office2@127.0.0.1:1/office2", "clerk@127.0.0.1:1/office2"},
		{"postgres://clerk:x@127.0.0.1:1/office2?connect_timeout=1", "clerk@127.0.0.1:1/office2"},
		{"postgres://clerk:a-longer-secret@127.0.0.1:1/office2", "clerk@127.0.0.1:1/office2"},
	} {
		_, err := Open(c.url)
		assert.Equal(t, "err.server.unreachable", ErrorKey(err), "%s: %v", c.url, err)
		assert.Contains(t, err.Error(), c.shown)
		assert.NotContains(t, err.Error(), "********@", "%s: %v", c.url, err)
		assert.NotContains(t, err.Error(), "a-longer-secret")
		if strings.Contains(c.url, ":x@") {
			assert.NotContains(t, err.Error(), "e********", "%v", err)
		}
	}
}
