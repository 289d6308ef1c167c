#!/usr/bin/env bash
# The regnet network's life cycle on this machine.
#
#   scripts/network.sh up      build what is missing, start orderers, peers, chaincode servers
#                              and authority nodes, deploy the chaincode, write .network/network.json
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

cmd="${1:-}"
[[ -n "$cmd" ]] && shift
case "$cmd" in
  up)
    "$ROOT/scripts/install-fabric.sh"
    build_jars_if_stale
    start=$(date +%s)
    run_network_cli up "$@"
    echo "up took $(( $(date +%s) - start ))s (excluding builds)"
    ;;
  add-authority)
    [[ $# -ge 2 ]] || { echo "usage: scripts/network.sh add-authority <name> <jurisdiction> [--treaty TRT-...]" >&2; exit 64; }
    name="$1"; jurisdiction="$2"; shift 2
    build_jars_if_stale
    run_network_cli add-authority --name "$name" --jurisdiction "$jurisdiction" "$@"
    ;;
  remove-authority)
    [[ $# -ge 1 ]] || { echo "usage: scripts/network.sh remove-authority <mspId> [--treaty TRT-...]" >&2; exit 64; }
    msp="$1"; shift
    run_network_cli remove-authority --msp-id "$msp" "$@"
    ;;
  revoke)
    [[ $# -ge 2 ]] || { echo "usage: scripts/network.sh revoke <mspId> <cert.pem>..." >&2; exit 64; }
    msp="$1"; shift
    certs=()
    for c in "$@"; do certs+=(--cert "$c"); done
    run_network_cli revoke --msp-id "$msp" "${certs[@]}"
    ;;
  update-msp)
    [[ $# -ge 1 ]] || { echo "usage: scripts/network.sh update-msp <mspId>" >&2; exit 64; }
    msp="$1"; shift
    run_network_cli update-msp --msp-id "$msp" "$@"
    ;;
  down|status)
    if [[ ! -f "$(network_cli_jar)" ]]; then
      [[ -d "$ROOT/.network" ]] || { echo "no network state in $ROOT/.network"; [[ "$cmd" == down ]]; exit $?; }
      build_jars_if_stale
    fi
    run_network_cli "$cmd" "$@"
    ;;
  *)
    echo "usage: scripts/network.sh up|down|status|add-authority [options]" >&2
    exit 64
    ;;
esac
