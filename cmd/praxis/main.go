// Command praxis builds reflective coaching workbooks from Markdown.
// Run "praxis help" for the commands.
package main

import (
	"os"

	"github.com/praxis-workbooks/praxis/internal/cli"
)

func main() {
	os.Exit(cli.Program(os.Args[1:], os.Stdout, os.Stderr))
}
