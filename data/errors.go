// Package data holds the bureau's records: domain types and their validation, the figures computed from them,
// and the SQLite store that keeps them.
package data

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error so callers can react without reading message text.
type Code string

// Error codes.
const (
	Invalid  Code = "invalid"   // the input breaks a rule; the message says which
	NotFound Code = "not_found" // the record does not exist
	Conflict Code = "conflict"  // the change clashes with another record (a duplicate key)
	Internal Code = "internal"  // anything else; details are logged, not shown
	// Storage: the disk, the file system or another program stopped the database from being read or written
	// (disk full, read-only file, locked, damaged). Nothing was half-written; the message says what to do.
	Storage Code = "storage"
)

// Error is the error type of this package. Key names a translation (the UI and command line show it in the
// user's language, filled with Args); Message is the English text used in logs and as the fallback.
type Error struct {
	Code    Code
	Field   string // the field at fault, as a translation key suffix ("uscc", "name"); empty if none
	Key     string
	Args    map[string]any
	Message string
	Err     error // the cause, for Internal errors
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the code of the first *Error in err's chain, Internal for any other error and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var list Errors
	if errors.As(err, &list) && len(list) > 0 {
		return list[0].Code
	}
	return Internal
}

// Errors collects every problem of one record, so a form or an import can report them all at once.
type Errors []*Error

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Err returns nil when the list is empty, so callers can write `return errs.Err()`.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// For returns the first problem of the given field, or nil.
func (es Errors) For(field string) *Error {
	for _, e := range es {
		if e.Field == field {
			return e
		}
	}
	return nil
}

// add appends err if it is not nil, setting its field when the error does not name one.
func (es *Errors) add(field string, err error) {
	if err == nil {
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Code: Invalid, Key: "err.invalid", Message: err.Error()}
	}
	if e.Field == "" {
		c := *e
		c.Field = field
		e = &c
	}
	*es = append(*es, e)
}

// invalid builds an Invalid error with a translation key, English text and arguments.
func invalid(key, msg string, args map[string]any) *Error {
	if args != nil {
		msg = fill(msg, args)
	}
	return &Error{Code: Invalid, Key: key, Args: args, Message: msg}
}

// fill replaces {{.Name}} placeholders in an English fallback text; the UI uses real templates.
func fill(msg string, args map[string]any) string {
	for k, v := range args {
		msg = strings.ReplaceAll(msg, "{{."+k+"}}", fmt.Sprint(v))
	}
	return msg
}

// internal wraps a cause the user cannot act on; a cause the user can act on (see storageError) becomes a
// Storage error with its own message instead.
func internal(err error, msg string) *Error {
	if e := storageError(err, msg); e != nil {
		return e
	}
	return &Error{Code: Internal, Key: "err.internal", Message: msg, Err: err}
}

// ErrorKey returns the translation key of the first *Error in err's chain, or "".
func ErrorKey(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Key
	}
	return ""
}
