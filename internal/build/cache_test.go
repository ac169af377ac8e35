package build

import (
	"os"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/cachetest"
	"github.com/praxis-workbooks/praxis/internal/chrome/chrometest"
)

// TestMain runs the tests with praxis's cache and the user's cache folder
// in a temporary folder, and fails the run if a test wrote into the user's;
// the browser tests share one Chromium (see chrometest.Tab).
func TestMain(m *testing.M) { os.Exit(cachetest.Main(chrometest.Sharing(m))) }
