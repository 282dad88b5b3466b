package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"scitech/data"
)

// maxBriefText is the largest text file `brief --text` reads. A brief's text is a few kilobytes (the sample's
// longest, the work brief, under 10 KB); a file of more than a megabyte is another file named by mistake — a
// database, a PDF, a video — and reading it whole would only take the memory (/dev/zero took 4 GB in 20 s).
const maxBriefText = 1 << 20

// readTextFile reads the edited text of a brief from path, or refuses it before anything is printed: a pipe,
// a device or a folder is not opened (a pipe would wait forever for a writer); a file over maxBriefText is not
// read; the text must be UTF-8, as --text-out writes it — a file saved as GBK ("ANSI" in Windows' Notepad) or
// UTF-16 would otherwise print as replacement marks or be refused for a missing 【标题】, which says nothing of
// the cause — and must hold no control or invisible character (an escape sequence, a bidirectional override
// that shows a line reversed, a zero-width space), each named with its line. A byte order mark at the start,
// which Notepad writes, is dropped.
func readTextFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegularError(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// What was opened is looked at again: path may have been made a pipe since os.Stat.
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegularError(path)
	}
	body, err := io.ReadAll(io.LimitReader(f, maxBriefText+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxBriefText || info.Size() > maxBriefText {
		return nil, &data.Error{Code: data.Invalid, Key: "policy18_letter.text.too_large",
			Args:    map[string]any{"Path": path, "MB": max(info.Size(), int64(len(body))) >> 20},
			Message: path + " is larger than a brief's text can be (1 MB)"}
	}
	return checkText(path, bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
}

func notRegularError(path string) error {
	return &data.Error{Code: data.Invalid, Key: "err.file.not_regular", Args: map[string]any{"Path": path},
		Message: path + " is not a file (a folder, a device or a pipe); it is neither read nor written"}
}

// checkText refuses text that is not UTF-8 or holds a hidden character (data.FindHidden), naming the line and,
// for a hidden character, its place on the line and its code point.
func checkText(path string, body []byte) ([]byte, error) {
	if bytes.HasPrefix(body, []byte{0xff, 0xfe}) || bytes.HasPrefix(body, []byte{0xfe, 0xff}) {
		return nil, notUTF8Error(path, 1)
	}
	for n, line := range bytes.Split(body, []byte("\n")) {
		if !utf8.Valid(line) {
			return nil, notUTF8Error(path, n+1)
		}
		if r, pos, found := data.FindHidden(string(line)); found {
			return nil, &data.Error{Code: data.Invalid, Key: "policy18_letter.text.hidden",
				Args:    map[string]any{"Path": path, "Line": n + 1, "Pos": pos, "Char": data.CodePoint(r, false)},
				Message: fmt.Sprintf("%s: line %d holds an invisible or control character (%s) at character %d", path, n+1, data.CodePoint(r, false), pos)}
		}
	}
	return body, nil
}

func notUTF8Error(path string, line int) error {
	return &data.Error{Code: data.Invalid, Key: "policy18_letter.text.not_utf8", Args: map[string]any{"Path": path, "Line": line},
		Message: fmt.Sprintf("%s: line %d is not UTF-8 text (saved as GBK/ANSI or UTF-16?); save it as UTF-8", path, line)}
}
