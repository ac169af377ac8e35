package cli

func runPDF(e *env, args []string) int { return e.notYet("pdf") }

func (e *env) notYet(name string) int {
	e.stderr.Write([]byte("praxis " + name + ": not available in this build yet\n"))
	return ExitError
}
