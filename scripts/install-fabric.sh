#!/usr/bin/env bash
# Installs the Fabric binaries (peer, orderer, configtxgen, configtxlator, osnadmin) into
# .fabric/bin with `go install` by commit, and copies Fabric's default configuration
# (sampleconfig/) out of the Go module cache into .fabric/sampleconfig.
#
# Idempotent: when .fabric/VERSION already names the wanted commit and every binary is
# there, it returns at once.
#
# Environment:
#   FABRIC_COMMIT      commit to build (default: v3.1.5, 86c1172bec37...)
#   FABRIC_SOURCE_GIT  optional: a local git repository holding FABRIC_COMMIT. Used only
#                      when the Go module proxy refuses that commit: the commit is then
#                      served to `go install` from a file-system module proxy built from
#                      that repository (see scripts/fabric-modproxy). Same source, same
#                      commit, nothing of Fabric is copied into this project. When unset, a
#                      read-only mirror at /work/.mirror/hyperledger+fabric/repo is used if
#                      present (the workplace this project grew up in keeps one there).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FABRIC_COMMIT="${FABRIC_COMMIT:-86c1172bec37e6590c6b1ae6f847833df48d65fc}"
FABRIC_MODULE=github.com/hyperledger/fabric
DEST="$ROOT/.fabric"
BINS=(peer orderer configtxgen configtxlator osnadmin)

log() { printf '[install-fabric] %s\n' "$*" >&2; }
die() { printf '[install-fabric] ERROR: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null || die "Go is not installed (need Go 1.24+ on PATH)"
command -v git >/dev/null || die "git is not installed"

installed() {
  [[ -f "$DEST/VERSION" && "$(cat "$DEST/VERSION")" == "$FABRIC_COMMIT" ]] || return 1
  for b in "${BINS[@]}"; do [[ -x "$DEST/bin/$b" ]] || return 1; done
  [[ -f "$DEST/sampleconfig/core.yaml" && -f "$DEST/sampleconfig/orderer.yaml" ]]
}

if installed; then
  log "Fabric $FABRIC_COMMIT already installed in $DEST"
  exit 0
fi

mkdir -p "$DEST/bin"
pkgs=()
for b in "${BINS[@]}"; do pkgs+=("$FABRIC_MODULE/cmd/$b@$FABRIC_COMMIT"); done

go_env=(GOBIN="$DEST/bin" GOFLAGS=-mod=mod)
log "go install ${BINS[*]} @ $FABRIC_COMMIT (first time: several minutes)"
if [[ -z "${FABRIC_SOURCE_GIT:-}" && -d /work/.mirror/hyperledger+fabric/repo ]]; then
  FABRIC_SOURCE_GIT=/work/.mirror/hyperledger+fabric/repo
fi
if ! out=$(env "${go_env[@]}" go install "${pkgs[@]}" 2>&1); then
  if [[ -z "${FABRIC_SOURCE_GIT:-}" ]]; then
    printf '%s\n' "$out" >&2
    die "the Go module proxy did not serve $FABRIC_MODULE@$FABRIC_COMMIT; set FABRIC_SOURCE_GIT to a git clone of hyperledger/fabric that holds this commit to build it from there"
  fi
  log "module proxy refused the commit ($(printf '%s' "$out" | grep -m1 -o '[0-9][0-9][0-9] [A-Za-z ]*' || echo error)); serving it from $FABRIC_SOURCE_GIT"
  proxy="$DEST/modproxy"
  rm -rf "$proxy"
  (cd "$ROOT/scripts/fabric-modproxy" && go run . -git "$FABRIC_SOURCE_GIT" -commit "$FABRIC_COMMIT" -out "$proxy") >/dev/null
  go_env+=(GOPROXY="file://$proxy,$(go env GOPROXY)" GONOSUMDB="$FABRIC_MODULE")
  env "${go_env[@]}" go install "${pkgs[@]}" || die "go install from the local module proxy failed"
fi

# Fabric's defaults come from the very module we built, as it lies in the module cache.
moddir=$(env "${go_env[@]}" go mod download -json "$FABRIC_MODULE@$FABRIC_COMMIT" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[[ -n "$moddir" && -f "$moddir/sampleconfig/core.yaml" ]] || die "sampleconfig not found in the module cache ($moddir)"
rm -rf "$DEST/sampleconfig"
cp -R "$moddir/sampleconfig" "$DEST/sampleconfig"
chmod -R u+w "$DEST/sampleconfig"
echo "$FABRIC_COMMIT" > "$DEST/VERSION"
"$DEST/bin/peer" version | sed 's/^/[install-fabric]   /' >&2
log "installed into $DEST"
