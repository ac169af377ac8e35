// Command praxis builds reflective coaching workbooks from Markdown.
// Run "praxis help" for the commands.
package main

import (
	"os"

	"github.com/praxis-workbooks/praxis/internal/cli"
)

func main() {
	cli.TuneMemory(os.Args[1:], os.Getenv)
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
