package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/storage/repository"

	"scitech/data"
)

// Fyne's save dialog opens the chosen file — os.Create, which truncates it — before it calls back with the
// writer, so no callback can refuse the database in time: a clerk who picks scitech.db as the name of a brief
// has already emptied it. The guard below stands in front of Fyne's "file" repository instead, where every
// file the window writes is opened: a file that is the database (under any name, or one of the files SQLite
// keeps beside it) or a file a screen is reading is refused before anything is opened; every other file is
// written beside its place and renamed over it when the writing closes, so a save that fails or is abandoned
// leaves the file that was there as it was.

// protectedFiles are the files the window must not write over: a function each, so that a database moved to
// another folder is followed.
var protectedFiles = struct {
	sync.Mutex
	next  int
	files map[int]func() []string
}{files: map[int]func() []string{}}

// ProtectStore guards the files the window writes (see guardFileWrites) against the store's database and the
// files SQLite keeps beside it, and against the fonts chosen in Settings for what is printed (when the store
// keeps them), until release is called. The fonts are read again at each write, so a font chosen later is
// guarded too: a letter, a pool or an export saved under a font's name would otherwise replace the font that
// every brief is printed with.
func ProtectStore(st interface{ Path() string }) (release func()) {
	fonts, ok := st.(interface {
		BriefFonts(ctx context.Context) (map[string]string, error)
	})
	return protectEach(func() []string {
		paths := []string{st.Path()}
		if ok {
			chosen, err := fonts.BriefFonts(bg())
			if err == nil { // a store that cannot say has no fonts the window could find to guard
				for _, p := range chosen {
					paths = append(paths, p)
				}
			}
		}
		return paths
	})
}

// protectFiles keeps the window from writing over files a screen is reading (the workbooks of an import being
// previewed), until release is called.
func protectFiles(paths ...string) (release func()) {
	guardFileWrites()
	var releases []func()
	for _, p := range paths {
		releases = append(releases, protect(func() string { return p }))
	}
	return func() {
		for _, r := range releases {
			r()
		}
	}
}

func protect(path func() string) (release func()) {
	return protectEach(func() []string { return []string{path()} })
}

// protectEach guards the files paths gives at each write, until release is called.
func protectEach(paths func() []string) (release func()) {
	guardFileWrites()
	protectedFiles.Lock()
	defer protectedFiles.Unlock()
	id := protectedFiles.next
	protectedFiles.next++
	protectedFiles.files[id] = paths
	return func() {
		protectedFiles.Lock()
		defer protectedFiles.Unlock()
		delete(protectedFiles.files, id)
	}
}

// refuseWrite refuses to write u when it is a protected file (refuseProtected) or any SQLite database or a
// file SQLite keeps beside one (data.RefuseDatabaseTarget): another copy of the program may be writing it.
func refuseWrite(u fyne.URI) error {
	if err := refuseProtected(u); err != nil || u.Scheme() != "file" {
		return err
	}
	return data.RefuseDatabaseTarget(u.Path())
}

// refuseProtected is data.RefuseOverwrite against every protected file.
func refuseProtected(u fyne.URI) error {
	if u == nil || u.Scheme() != "file" {
		return nil
	}
	protectedFiles.Lock()
	guarded := make([]func() []string, 0, len(protectedFiles.files))
	for _, p := range protectedFiles.files {
		guarded = append(guarded, p)
	}
	protectedFiles.Unlock()
	// Asked outside the lock: the store's fonts are a query.
	var paths []string
	for _, p := range guarded {
		paths = append(paths, p()...)
	}
	return data.RefuseOverwrite(u.Path(), paths...)
}

// guardFileWrites puts the guard in front of the "file" repository the running app registered (each Fyne app
// and test app registers its own), once.
func guardFileWrites() {
	repo, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := repo.(*guardedFiles); done {
		return
	}
	repository.Register("file", &guardedFiles{base: repo})
}

// guardedFiles is Fyne's file repository with the writes guarded; everything else is passed through.
type guardedFiles struct{ base repository.Repository }

func (g *guardedFiles) Exists(u fyne.URI) (bool, error)               { return g.base.Exists(u) }
func (g *guardedFiles) Reader(u fyne.URI) (fyne.URIReadCloser, error) { return g.base.Reader(u) }
func (g *guardedFiles) CanRead(u fyne.URI) (bool, error)              { return g.base.CanRead(u) }

// Destroy is called when another repository replaces this one; the base goes with it.
func (g *guardedFiles) Destroy(scheme string) { g.base.Destroy(scheme) }

// Writer refuses a protected file, or any database (refuseWrite), before opening anything, and otherwise writes to a new file beside it,
// put in its place when the writer is closed (see atomicFile).
func (g *guardedFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	if err := refuseWrite(u); err != nil {
		return nil, err
	}
	if u.Scheme() != "file" {
		return g.writable().Writer(u)
	}
	return newAtomicFile(u)
}

// Appender refuses a protected file: appending to the database corrupts it as surely as writing it.
func (g *guardedFiles) Appender(u fyne.URI) (fyne.URIWriteCloser, error) {
	if err := refuseWrite(u); err != nil {
		return nil, err
	}
	if a, ok := g.base.(repository.AppendableRepository); ok {
		return a.Appender(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (g *guardedFiles) CanWrite(u fyne.URI) (bool, error) {
	if refuseWrite(u) != nil {
		return false, nil
	}
	return g.writable().CanWrite(u)
}

// Delete refuses to delete a protected file.
func (g *guardedFiles) Delete(u fyne.URI) error {
	if err := refuseProtected(u); err != nil {
		return err
	}
	return g.writable().Delete(u)
}

func (g *guardedFiles) DeleteAll(u fyne.URI) error {
	if err := refuseProtected(u); err != nil {
		return err
	}
	if d, ok := g.base.(repository.DeleteAllRepository); ok {
		return d.DeleteAll(u)
	}
	return repository.ErrOperationNotSupported
}

func (g *guardedFiles) Parent(u fyne.URI) (fyne.URI, error) {
	if h, ok := g.base.(repository.HierarchicalRepository); ok {
		return h.Parent(u)
	}
	return repository.GenericParent(u)
}

func (g *guardedFiles) Child(u fyne.URI, component string) (fyne.URI, error) {
	if h, ok := g.base.(repository.HierarchicalRepository); ok {
		return h.Child(u, component)
	}
	return repository.GenericChild(u, component)
}

func (g *guardedFiles) CanList(u fyne.URI) (bool, error) { return g.listable().CanList(u) }
func (g *guardedFiles) List(u fyne.URI) ([]fyne.URI, error) {
	return g.listable().List(u)
}
func (g *guardedFiles) CreateListable(u fyne.URI) error { return g.listable().CreateListable(u) }

// Copy and Move refuse a protected destination (and Move a protected source).
func (g *guardedFiles) Copy(source, destination fyne.URI) error {
	if err := refuseWrite(destination); err != nil {
		return err
	}
	if c, ok := g.base.(repository.CopyableRepository); ok {
		return c.Copy(source, destination)
	}
	return repository.GenericCopy(source, destination)
}

func (g *guardedFiles) Move(source, destination fyne.URI) error {
	for _, u := range []fyne.URI{source, destination} {
		if err := refuseProtected(u); err != nil {
			return err
		}
	}
	if m, ok := g.base.(repository.MovableRepository); ok {
		return m.Move(source, destination)
	}
	return repository.GenericMove(source, destination)
}

func (g *guardedFiles) writable() repository.WritableRepository {
	if w, ok := g.base.(repository.WritableRepository); ok {
		return w
	}
	return unsupported{g.base}
}

func (g *guardedFiles) listable() repository.ListableRepository {
	if l, ok := g.base.(repository.ListableRepository); ok {
		return l
	}
	return unsupported{g.base}
}

// unsupported answers every write and listing with ErrOperationNotSupported, for a base that has none.
type unsupported struct{ repository.Repository }

func (unsupported) Writer(fyne.URI) (fyne.URIWriteCloser, error) {
	return nil, repository.ErrOperationNotSupported
}
func (unsupported) CanWrite(fyne.URI) (bool, error) { return false, nil }
func (unsupported) Delete(fyne.URI) error           { return repository.ErrOperationNotSupported }
func (unsupported) CanList(fyne.URI) (bool, error)  { return false, nil }
func (unsupported) List(fyne.URI) ([]fyne.URI, error) {
	return nil, repository.ErrOperationNotSupported
}
func (unsupported) CreateListable(fyne.URI) error { return repository.ErrOperationNotSupported }

// atomicFile writes a file the save dialog chose into a new file beside it, renamed over it on Close once
// something was written without error; Abort, or a Close after nothing was written or a write failed, removes
// the new file and leaves whatever was at the place untouched.
type atomicFile struct {
	uri   fyne.URI
	tmp   *os.File
	wrote bool
	err   error
}

func newAtomicFile(u fyne.URI) (*atomicFile, error) {
	path := u.Path()
	tmp, err := data.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.part")
	if err != nil {
		return nil, err
	}
	return &atomicFile{uri: u, tmp: tmp}, nil
}

func (f *atomicFile) URI() fyne.URI { return f.uri }

func (f *atomicFile) Write(p []byte) (int, error) {
	if f.tmp == nil {
		return 0, os.ErrClosed
	}
	n, err := f.tmp.Write(p)
	f.wrote = f.wrote || n > 0
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

// Close puts the file written in its place, or discards it (see atomicFile).
func (f *atomicFile) Close() error {
	if f.tmp == nil {
		return nil
	}
	if !f.wrote || f.err != nil {
		return f.Abort()
	}
	tmp := f.tmp
	f.tmp = nil
	err := data.TakeMode(tmp, f.uri.Path()) // a new file has what the umask allows, as the command line's files
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = refuseWrite(f.uri) // the database may have been moved here while the file was written
	}
	if err == nil {
		err = os.Rename(tmp.Name(), f.uri.Path())
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}

// Abort discards what was written; the place keeps what it had.
func (f *atomicFile) Abort() error {
	if f.tmp == nil {
		return nil
	}
	tmp := f.tmp
	f.tmp = nil
	err := tmp.Close()
	if rerr := os.Remove(tmp.Name()); err == nil && !errors.Is(rerr, os.ErrNotExist) {
		err = rerr
	}
	return err
}

// discardWrite gives up a file begun through a save dialog after its writing failed or was cancelled: the
// guarded writer is aborted, leaving what was at the place; a writer of any other kind (the guard not
// installed) has already replaced the file, so what it wrote is deleted as before.
func discardWrite(w fyne.URIWriteCloser) {
	if a, ok := w.(interface{ Abort() error }); ok {
		_ = a.Abort()
		return
	}
	_ = w.Close()
	_ = storage.Delete(w.URI())
}

// finishWrite ends the writing of a file chosen in a save dialog and returns the first error: after err the
// file is given up (discardWrite); else it is closed, which puts it in its place.
func finishWrite(w fyne.URIWriteCloser, err error) error {
	if err != nil {
		discardWrite(w)
		return err
	}
	if err := w.Close(); err != nil {
		if _, guarded := w.(*atomicFile); !guarded {
			_ = storage.Delete(w.URI()) // an unguarded writer leaves a half-written file
		}
		return err
	}
	return nil
}
