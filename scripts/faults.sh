#!/usr/bin/env bash
# The fault suite (docs/reliability.md, decision 0016): podman and its API service, the local
# images, then the fault integration tests (system-tests, Maven profile `faults`), which start a
# network of their own in container mode and inject faults through podman's Docker API with
# Testcontainers. Their figures land in system-tests/target/fault-results/.
#
#   scripts/faults.sh [-Dit.test=RaftOrdererFaultIT]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib/common.sh"
"$ROOT/scripts/install-fabric.sh"
build_jars_if_stale
eval "$("$ROOT/scripts/install-containers.sh")"
"$ROOT/scripts/build-images.sh"
mvn -B -pl system-tests -am verify -Pfaults -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false "$@"
