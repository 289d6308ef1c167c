// Command fabric-modproxy turns one commit of a local Fabric git repository into a
// file-system Go module proxy (GOPROXY=file://...), so that `go install
// github.com/hyperledger/fabric/cmd/peer@<commit>` can build that exact commit when
// the public module proxy refuses to serve it. The module zip is produced by
// golang.org/x/mod/zip, so its content hash is the one the public proxy would give.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

const modulePath = "github.com/hyperledger/fabric"

func main() {
	gitDir := flag.String("git", "", "path of a git repository (bare or not) that holds the commit")
	commit := flag.String("commit", "", "full commit hash")
	out := flag.String("out", "", "directory to write the proxy into")
	flag.Parse()
	if *gitDir == "" || len(*commit) != 40 || *out == "" {
		fail("usage: fabric-modproxy -git DIR -commit HASH40 -out DIR")
	}
	if err := run(*gitDir, *commit, *out); err != nil {
		fail(err.Error())
	}
}

func run(gitDir, commit, out string) error {
	ts, err := git(gitDir, "show", "-s", "--format=%ct", commit)
	if err != nil {
		return fmt.Errorf("commit %s not readable in %s: %w", commit, gitDir, err)
	}
	secs, err := strconv.ParseInt(strings.TrimSpace(ts), 10, 64)
	if err != nil {
		return err
	}
	when := time.Unix(secs, 0).UTC()
	version := module.PseudoVersion("", "", when, commit[:12])

	src, err := os.MkdirTemp("", "fabric-src-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(src)
	// git archive reads only the objects of this one tree, so a partial mirror is enough.
	archive := exec.Command("sh", "-c", "git --git-dir=\"$1\" archive \"$2\" | tar -x -C \"$3\"", "sh", gitDir, commit, src)
	archive.Stderr = os.Stderr
	if err := archive.Run(); err != nil {
		return fmt.Errorf("git archive %s: %w", commit, err)
	}

	dir := filepath.Join(out, modulePath, "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	zipFile, err := os.Create(filepath.Join(dir, version+".zip"))
	if err != nil {
		return err
	}
	if err := modzip.CreateFromDir(zipFile, module.Version{Path: modulePath, Version: version}, src); err != nil {
		zipFile.Close()
		return fmt.Errorf("module zip: %w", err)
	}
	if err := zipFile.Close(); err != nil {
		return err
	}
	gomod, err := os.ReadFile(filepath.Join(src, "go.mod"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, version+".mod"), gomod, 0o644); err != nil {
		return err
	}
	info, _ := json.Marshal(map[string]string{"Version": version, "Time": when.Format(time.RFC3339)})
	// The .info under the full hash answers `go install ...@<commit>`; the one under the
	// pseudo-version answers the follow-up lookups the go command makes.
	for _, name := range []string{commit, version} {
		if err := os.WriteFile(filepath.Join(dir, name+".info"), info, 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "list"), []byte(version+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Println(version)
	return nil
}

func git(gitDir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"--git-dir=" + gitDir}, args...)...)
	b, err := cmd.Output()
	return string(b), err
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "fabric-modproxy:", msg)
	os.Exit(1)
}
