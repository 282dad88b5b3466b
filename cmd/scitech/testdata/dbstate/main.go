// Command dbstate is the crash tests' reader (package dbstate) as a program: built without the race detector,
// it reads in a tenth of the time the race-built test binary takes. It prints the state as JSON.
//
//	dbstate DB TABLE,TABLE… [QUERY]
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"scitech/cmd/scitech/internal/dbstate"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: dbstate DB TABLE,TABLE… [QUERY]")
		os.Exit(2)
	}
	st, err := dbstate.Read(os.Args[1], strings.Split(os.Args[2], ","), strings.Join(os.Args[3:], " "))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_ = json.NewEncoder(os.Stdout).Encode(st)
}
