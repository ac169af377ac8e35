package e2e

import (
	"os"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/cachetest"
	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
	"github.com/praxis-workbooks/praxis/internal/firefox/firefoxtest"
)

// TestMain runs the tests with praxis's cache and the user's cache folder
// in a temporary folder, and fails the run if a test wrote into the user's.
// The tests open their tabs in one shared Chromium (chrometest.Tab) and one
// shared Firefox (firefoxtest.Tab), each tab with storage of its own.
func TestMain(m *testing.M) {
	os.Exit(cachetest.Main(chrometest.Sharing(firefoxtest.Sharing(m))))
}
