#!/usr/bin/env bash
# The regnet network's life cycle on this machine.
#
#   scripts/network.sh up      build what is missing, start orderers, peers, chaincode servers
#                              and authority nodes, deploy the chaincode, write .network/network.json
#   scripts/network.sh up --containers
#                              the same, each process in a container of the local images and each
#                              host of network-config/containers.yaml a network namespace of its
#                              own (decision 0016)
#   scripts/network.sh down    stop everything `up` started and remove .network/
#   scripts/network.sh status  say what runs where
#   scripts/network.sh add-authority <name> <jurisdiction> [--treaty TRT-...]
#                              admit a new member authority to the running network: channel
#                              update signed by a majority of member admins, its peer, chaincode
#                              server and node, treaty admission by quorum (docs/operations.md)
#   scripts/network.sh remove-authority <mspId> [--treaty TRT-...]
#                              the reverse, by the same majority
#   scripts/network.sh revoke <mspId> <cert.pem>...
#                              revoke a member's issuing CA or admin certificate: root-signed CRL,
#                              channel update signed by a majority of member admins
#   scripts/network.sh update-msp <mspId>
#                              carry a member's MSP intermediates and CRLs to the channel
#
# Extra arguments go to the network CLI (e.g. --port-offset 1000, --no-with-nodes).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib/common.sh"

usage() {
  sed -n '3,/^# Extra/p' "$ROOT/scripts/network.sh" | sed 's/^# \{0,1\}//' >&2
  exit 64
}

# A network's state exists here (running or not).
have_state() { [[ -d "$ROOT/.network" ]]; }
running() { [[ -f "$ROOT/.network/network.json" ]]; }

cmd="${1:-}"
[[ -n "$cmd" ]] && shift
case "$cmd" in
  up)
    if running && [[ -n "$(network_cli_jar)" ]]; then
      # Never rebuild jars under a running network: the CLI says what runs and changes nothing.
      run_network_cli up "$@"
      exit 0
    fi
    "$ROOT/scripts/install-fabric.sh"
    build_jars_if_stale
    if [[ " $* " == *" --containers "* ]]; then
      # Container mode (decision 0016): podman and the local images first.
      eval "$("$ROOT/scripts/install-containers.sh")"
      "$ROOT/scripts/build-images.sh"
      [[ " $* " == *" --config "* ]] || set -- "$@" --config "$ROOT/network-config/containers.yaml"
    fi
    start=$(date +%s)
    run_network_cli up "$@"
    log "up took $(( $(date +%s) - start )) s (builds excluded)"
    ;;
  add-authority)
    [[ $# -ge 2 ]] || usage
    running || die "no network is running: start one with scripts/network.sh up"
    name="$1"; jurisdiction="$2"; shift 2
    build_cli_if_missing
    run_network_cli add-authority --name "$name" --jurisdiction "$jurisdiction" "$@"
    ;;
  remove-authority)
    [[ $# -ge 1 ]] || usage
    running || die "no network is running: start one with scripts/network.sh up"
    msp="$1"; shift
    build_cli_if_missing
    run_network_cli remove-authority --msp-id "$msp" "$@"
    ;;
  revoke)
    [[ $# -ge 2 ]] || usage
    running || die "no network is running: start one with scripts/network.sh up"
    msp="$1"; shift
    certs=()
    for c in "$@"; do certs+=(--cert "$c"); done
    build_cli_if_missing
    run_network_cli revoke --msp-id "$msp" "${certs[@]}"
    ;;
  update-msp)
    [[ $# -ge 1 ]] || usage
    running || die "no network is running: start one with scripts/network.sh up"
    msp="$1"; shift
    build_cli_if_missing
    run_network_cli update-msp --msp-id "$msp" "$@"
    ;;
  down)
    if ! have_state; then
      echo "no network to stop (no $ROOT/.network)"
      exit 0
    fi
    build_cli_if_missing
    run_network_cli down "$@"
    ;;
  status)
    if ! have_state; then
      echo "no network running (no $ROOT/.network); start one with scripts/network.sh up"
      exit 3
    fi
    build_cli_if_missing
    run_network_cli status "$@"
    ;;
  -h|--help|help) usage ;;
  *) usage ;;
esac
