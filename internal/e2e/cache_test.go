package e2e

import (
	"os"
	"testing"

	"github.com/praxis-workbooks/praxis/internal/cachetest"
)

// TestMain runs the tests with praxis's cache and the user's cache folder
// in a temporary folder, and fails the run if a test wrote into the user's.
func TestMain(m *testing.M) { os.Exit(cachetest.Main(m)) }
