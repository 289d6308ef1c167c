#!/usr/bin/env bash
# Installs the Fabric binaries (peer, orderer, configtxgen, configtxlator, osnadmin) into
# .fabric/bin with `go install` by commit, and copies Fabric's default configuration
# (sampleconfig/) out of the Go module cache into .fabric/sampleconfig.
#
# Idempotent: when .fabric/VERSION already names the wanted commit and every binary is there, it
# returns at once.
#
# Fabric v3.1.5's go.mod needs Go 1.26.4 or newer.
#
# Where the module comes from, in this order (docs/decisions/0001):
#   1. the Go module proxy in effect (`go env GOPROXY`): the public one, or whatever you set, such
#      as a company proxy or a file-system module mirror
#      (GOPROXY=file:///abs/path/to/mirror,<the default proxy> with
#      GONOSUMDB=github.com/hyperledger/fabric);
#   2. if that refuses the module and FABRIC_SOURCE_GIT names a local git clone of
#      hyperledger/fabric holding the commit: a file-system module proxy built from that clone by
#      scripts/fabric-modproxy, for the very same `go install ...@commit`.
#
# Environment:
#   FABRIC_COMMIT      commit to build (default: v3.1.5, 86c1172bec37...)
#   FABRIC_SOURCE_GIT  optional local git clone of hyperledger/fabric (see 2. above)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FABRIC_COMMIT="${FABRIC_COMMIT:-86c1172bec37e6590c6b1ae6f847833df48d65fc}"
FABRIC_MODULE=github.com/hyperledger/fabric
GO_MIN=1.26.4
DEST="$ROOT/.fabric"
BINS=(peer orderer configtxgen configtxlator osnadmin)

log() { printf '[install-fabric] %s\n' "$*" >&2; }
die() { printf '[install-fabric] ERROR: %s\n' "$*" >&2; exit 1; }

installed() {
  [[ -f "$DEST/VERSION" && "$(cat "$DEST/VERSION")" == "$FABRIC_COMMIT" ]] || return 1
  local b
  for b in "${BINS[@]}"; do [[ -x "$DEST/bin/$b" ]] || return 1; done
  [[ -f "$DEST/sampleconfig/core.yaml" && -f "$DEST/sampleconfig/orderer.yaml" ]]
}

if installed; then
  log "Fabric $FABRIC_COMMIT already installed in $DEST"
  exit 0
fi

command -v go >/dev/null || die "Go is not installed: Fabric v3.1.5 needs Go $GO_MIN+ on PATH (https://go.dev/doc/install)"
command -v git >/dev/null || die "git is not installed (e.g. apt-get install git)"
# go1.26.8 -> 1 26 8; a version below GO_MIN fails here with a clear message rather than deep in
# the build.
go_version="$(go env GOVERSION)"
IFS=. read -r gmaj gmin gpat <<<"${go_version#go}"
IFS=. read -r nmaj nmin npat <<<"$GO_MIN"
if (( gmaj * 10000 + gmin * 100 + ${gpat:-0} < nmaj * 10000 + nmin * 100 + npat )); then
  die "$go_version is too old: Fabric v3.1.5 needs Go $GO_MIN+ (go.mod). Install a newer Go, or let Go fetch it: GOTOOLCHAIN=go$GO_MIN+auto"
fi

mkdir -p "$DEST/bin"
pkgs=()
for b in "${BINS[@]}"; do pkgs+=("$FABRIC_MODULE/cmd/$b@$FABRIC_COMMIT"); done

go_env=(GOBIN="$DEST/bin" GOFLAGS=-mod=mod)
log "go install ${BINS[*]} @ $FABRIC_COMMIT from $(go env GOPROXY) (first time: several minutes)"
if ! out=$(env "${go_env[@]}" go install "${pkgs[@]}" 2>&1); then
  if [[ -z "${FABRIC_SOURCE_GIT:-}" ]]; then
    printf '%s\n' "$out" | tail -n 5 >&2
    die "the Go module proxy ($(go env GOPROXY)) did not serve $FABRIC_MODULE@$FABRIC_COMMIT. Either
  - point GOPROXY at a proxy or file-system module mirror that holds it, with the default after it:
      GOPROXY=file:///abs/path/to/mirror,$(go env GOPROXY) GONOSUMDB=$FABRIC_MODULE $0
  - or set FABRIC_SOURCE_GIT to a local git clone of hyperledger/fabric that holds the commit:
      FABRIC_SOURCE_GIT=/path/to/fabric $0"
  fi
  log "module proxy refused the commit ($(printf '%s' "$out" | grep -m1 -o '[0-9][0-9][0-9] [A-Za-z ]*' || echo error)); serving it from $FABRIC_SOURCE_GIT"
  [[ -d "$FABRIC_SOURCE_GIT" ]] || die "FABRIC_SOURCE_GIT=$FABRIC_SOURCE_GIT is not a directory"
  proxy="$DEST/modproxy"
  rm -rf "$proxy"
  (cd "$ROOT/scripts/fabric-modproxy" && go run . -git "$FABRIC_SOURCE_GIT" -commit "$FABRIC_COMMIT" -out "$proxy") >/dev/null \
    || die "could not build a module proxy from $FABRIC_SOURCE_GIT (does it hold commit $FABRIC_COMMIT?)"
  go_env+=(GOPROXY="file://$proxy,$(go env GOPROXY)" GONOSUMDB="$FABRIC_MODULE")
  env "${go_env[@]}" go install "${pkgs[@]}" || die "go install from the local module proxy failed (output above)"
fi

# Fabric's defaults come from the very module we built, as it lies in the module cache.
moddir=$(env "${go_env[@]}" go mod download -json "$FABRIC_MODULE@$FABRIC_COMMIT" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' || true)
[[ -n "$moddir" && -f "$moddir/sampleconfig/core.yaml" ]] || die "sampleconfig not found in the module cache (${moddir:-no directory}); run: go clean -modcache, then this script again"
rm -rf "$DEST/sampleconfig"
cp -R "$moddir/sampleconfig" "$DEST/sampleconfig"
chmod -R u+w "$DEST/sampleconfig"
echo "$FABRIC_COMMIT" > "$DEST/VERSION"
"$DEST/bin/peer" version | sed 's/^/[install-fabric]   /' >&2
log "installed into $DEST"
