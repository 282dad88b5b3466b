package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"scitech/data"
)

// The usage and README's command list name every kind `scitech export` writes: the three of issue 18
// (declared, facts, ip_rights) were missing from both while the command took them.
func TestUsageAndReadmeNameEveryExportKind(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	// README's block for the command, up to the next command.
	block := regexp.MustCompile(`(?s)scitech export KIND.*?\nscitech `).Find(readme)
	require.NotNil(t, block, "README lists scitech export")
	usageBlock := usage[strings.Index(usage, "scitech export KIND"):]
	usageBlock = usageBlock[:strings.Index(usageBlock, "scitech template")]
	for _, k := range data.ExportKinds() {
		word := regexp.MustCompile(`\b` + k + `\b`)
		assert.Regexp(t, word, usageBlock, "the usage names %s", k)
		assert.Regexp(t, word, string(block), "README names %s", k)
	}
}
