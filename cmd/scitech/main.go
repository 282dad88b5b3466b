// Command scitech is the Lushunkou Sci-Tech Service Platform: without a sub-command it opens the window;
// the sub-commands serve scripts, the bureau's IT and the tests.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
