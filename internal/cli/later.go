package cli

func runPDF(e *env, args []string) int  { return e.notYet("pdf") }
func runNew(e *env, args []string) int  { return e.notYet("new") }
func runInit(e *env, args []string) int { return e.notYet("init") }

func (e *env) notYet(name string) int {
	e.stderr.Write([]byte("praxis " + name + ": not available in this build yet\n"))
	return ExitError
}
