#!/usr/bin/env bash
# Installs podman, runc and a static busybox (for images) from Debian, writes the project's own podman configuration under
# .containers/ (never /etc), and starts podman's Docker-compatible API service on a socket there,
# for scripts/build-images.sh, container mode and the Testcontainers fault suite
# (docs/reliability.md, decision 0016).
#
# Idempotent: packages already installed are not reinstalled, the configuration is rewritten
# only when it differs, and a service already answering on the socket is left running.
#
# Prints the environment a caller needs, ready for `eval "$(scripts/install-containers.sh)"`:
#   CONTAINERS_CONF, DOCKER_HOST (unix socket), TESTCONTAINERS_RYUK_DISABLED=true
#
#   scripts/install-containers.sh          install, configure, start the service
#   scripts/install-containers.sh stop     stop the service this script started
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.containers"
CONF="$STATE/containers.conf"
SOCK="$STATE/podman.sock"
PIDFILE="$STATE/podman-service.pid"

log() { printf '[install-containers] %s\n' "$*" >&2; }
die() { printf '[install-containers] ERROR: %s\n' "$*" >&2; exit 1; }

service_pid() { [[ -f "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && cat "$PIDFILE"; }

if [[ "${1:-}" == stop ]]; then
  if pid="$(service_pid)"; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    log "stopped the podman API service ($pid)"
  else
    log "no podman API service of this project runs"
  fi
  rm -f "$PIDFILE" "$SOCK"
  exit 0
fi

# 1. packages
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
# The fault suite's partition drops packets inside an authority's network namespace.
command -v iptables >/dev/null || missing+=(iptables)
command -v nsenter >/dev/null || missing+=(util-linux)
# The peer image's external builder scripts need a shell, grep and cp: one static busybox.
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' || missing+=(busybox-static)
if (( ${#missing[@]} )); then
  command -v apt-get >/dev/null || die "podman and runc are missing and this is not a Debian system: install ${missing[*]} by hand"
  log "installing ${missing[*]} from Debian"
  apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed (output above)"
fi

# 2. configuration, owner-only like the rest of the project's state.
# default_ulimits: the host's hard limits may be lower than podman's defaults, which runc then
# refuses; cgroupfs: there is no systemd to delegate cgroups to.
umask 077
mkdir -p "$STATE"
want="$(cat <<'CONF'
# Written by scripts/install-containers.sh; rewritten when it differs.
[containers]
default_ulimits = []

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
CONF
)"
if [[ ! -f "$CONF" || "$(cat "$CONF")" != "$want" ]]; then
  printf '%s\n' "$want" > "$CONF"
  log "wrote $CONF"
fi
export CONTAINERS_CONF="$CONF"

# 3. the API service
if ! service_pid >/dev/null; then
  rm -f "$SOCK"
  log "starting podman system service on unix://$SOCK"
  # The service outlives this script: it must hold none of the caller's descriptors above 2.
  # Run under `flock LOCK scripts/faults.sh`, it would otherwise inherit the lock's descriptor and
  # hold the lock for as long as it runs, blocking everyone else who waits for it.
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd="${fd##*/}"
      if (( fd > 2 )); then eval "exec $fd>&-"; fi
    done
    exec setsid podman system service --time=0 "unix://$SOCK" >"$STATE/podman-service.log" 2>&1 < /dev/null
  ) &
  echo $! > "$PIDFILE"
fi
for _ in $(seq 1 100); do
  [[ -S "$SOCK" ]] && curl -fsS --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1 \
  || die "the podman API service did not answer on $SOCK (see $STATE/podman-service.log)"
log "podman $(podman version --format '{{.Client.Version}}') API service answers on unix://$SOCK"

printf 'export CONTAINERS_CONF=%q\n' "$CONF"
printf 'export DOCKER_HOST=%q\n' "unix://$SOCK"
printf 'export TESTCONTAINERS_RYUK_DISABLED=true\n'
