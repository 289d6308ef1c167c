#!/usr/bin/env bash
# Installs Debian's libfaketime for PurgeIT, if missing: the test lets a month pass by running
# the processes that read the time (a node, the chaincode servers) 31 days ahead.
set -euo pipefail

LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1
if [ -f "$LIB" ]; then
  echo "libfaketime present: $LIB"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-faketime: need root or sudo for apt-get" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends libfaketime
ls -l "$LIB"
