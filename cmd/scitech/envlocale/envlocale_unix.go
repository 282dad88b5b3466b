//go:build !windows && !darwin && !ios && !js && !android

package envlocale

import "os"

// Only where go-locale reads the environment: Windows and macOS give Fyne the system's language otherwise.
func init() { Fix(os.Getenv, os.Setenv) }
