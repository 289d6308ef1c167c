#!/usr/bin/env bash
# Runs every test: unit tests of each module, then the integration tests, which start real
# Fabric networks of their own (ports shifted by 10000 and 20000, state under
# system-tests/target) and stop them again, whatever the outcome.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/install-fabric.sh"
# The browser journey drives Debian's chromium through chromedriver.
"$ROOT/scripts/install-browser.sh"
# PurgeIT lets a month pass by running a node and chaincode servers on libfaketime (decision 0022).
"$ROOT/scripts/install-faketime.sh"
# Test networks above offset 20000 listen inside the default ephemeral port range: move it up.
source "$ROOT/scripts/lib/test-ports.sh"
narrow_ephemeral_ports
trap restore_ephemeral_ports EXIT
mvn -B verify "$@"
