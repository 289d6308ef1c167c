#!/usr/bin/env bash
# The benchmark suite: starts a network of its own, runs every round with the project's load
# generator and then with Hyperledger Caliper, stops the network whatever happens, and writes the
# tables into docs/benchmarks.md (the generated section).
#
#   scripts/bench.sh            every round at several levels up to saturation (about 15 minutes)
#   scripts/bench.sh --quick    one short level per round: checks that the suite still runs; its
#                               tables go to target/bench/benchmarks.md, docs/ stays untouched
#   scripts/bench.sh --no-caliper   skip Caliper (no npm needed)
#   scripts/bench.sh --submit-only  evaluate and treaty:found only (to compare orderer settings,
#                               e.g. REGNET_BATCH_TIMEOUT=100ms); tables under target/bench/ as --quick
#   scripts/bench.sh --referral-only  referrals at 16 and 32 in flight, 25 s each, Gateway then node
#                               (R1, R6: to compare node settings, e.g. REGNET_NODE_JVM_OPTS); as --quick
#   scripts/bench.sh --audit-only   the audit rounds only, at 1,000 and at 100,000 entries (R5):
#                               seeding takes about half an hour on 2 cores; as --quick
#
# The network runs on ports moved by BENCH_PORT_OFFSET (default 20000, used by no test) with its
# state in target/bench/network. Run it under the shared lock on a machine with other networks:
#   flock /tmp/regnet-net.lock scripts/bench.sh
# Caliper (@hyperledger/caliper-cli 0.6.0 with the fabric-gateway binding) is installed once into
# CALIPER_HOME (default ~/.cache/regnet-caliper).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib/common.sh"

quick=0
submit_only=0
plans=() # the plan flags given, passed on to the load generator and named in the tables' command
caliper=1
for a in "$@"; do
  case "$a" in
    --quick) quick=1; plans+=("$a") ;;
    --submit-only) submit_only=1; plans+=("$a") ;;
    --referral-only) caliper=0; plans+=("$a") ;;
    --audit-only) caliper=0; plans+=("$a") ;;
    --no-caliper) caliper=0 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 0 ;;
    *) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64 ;;
  esac
done

OFFSET="${BENCH_PORT_OFFSET:-20000}"
WORK="$ROOT/target/bench"
STATE="$WORK/network"
CALIPER_HOME="${CALIPER_HOME:-$HOME/.cache/regnet-caliper}"
mkdir -p "$WORK"

# --- build what is missing --------------------------------------------------------------------
"$ROOT/scripts/install-fabric.sh"
build_jars_if_stale
command -v node >/dev/null || die "Node.js is needed to write the tables (and for Caliper): install Node.js 18+"
log "compiling the load generator (system-tests test classes)"
mvn -q -B -DskipTests -DskipITs -pl system-tests -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test \
  || die "building the load generator failed (output above)"
CP="$ROOT/system-tests/target/test-classes:$(cat "$WORK/classpath.txt")"

# --- the network, stopped whatever happens ---------------------------------------------------
down() {
  run_network_cli down --state-dir "$STATE" --port-offset "$OFFSET" >/dev/null 2>&1 || true
}
trap 'down' EXIT
trap 'exit 130' INT TERM
down # a run killed earlier may have left processes behind

load_before="$(uptime | sed 's/.*load average: //')"
log "load average before: $load_before"
log "starting the benchmark network (ports +$OFFSET, state in target/bench/network)"
run_network_cli up --state-dir "$STATE" --port-offset "$OFFSET"
NETJSON="$STATE/network.json"

# --- the project's load generator -------------------------------------------------------------
RESULTS="$WORK/results.json"
rm -f "$RESULTS"
args=(--network "$NETJSON" --out "$RESULTS" "${plans[@]}")
log "running the rounds with the project's load generator"
java -Xmx512m -cp "$CP" -Dlogback.configurationFile=none org.regnet.systemtest.bench.BenchMain "${args[@]}" \
  | tee "$WORK/bench.log"

# --- Caliper ----------------------------------------------------------------------------------
CALIPER_LOG="-"
caliper_note=""
if (( caliper )); then
  if [[ ! -x "$CALIPER_HOME/node_modules/.bin/caliper" || ! -d "$CALIPER_HOME/node_modules/@hyperledger/fabric-gateway" ]]; then
    log "installing Caliper 0.6.0 into $CALIPER_HOME (once)"
    mkdir -p "$CALIPER_HOME"
    [[ -f "$CALIPER_HOME/package.json" ]] || echo '{"name":"regnet-caliper-cache","private":true}' >"$CALIPER_HOME/package.json"
    (cd "$CALIPER_HOME" && npm install --no-audit --no-fund @hyperledger/caliper-cli@0.6.0 \
      && npx caliper bind --caliper-bind-sut fabric:fabric-gateway) >"$WORK/caliper-install.log" 2>&1 \
      || caliper_note="its installation failed (target/bench/caliper-install.log)"
  fi
  if [[ -z "$caliper_note" ]]; then
    if (( quick )); then secs=3; evl=4; sub=4
    elif (( submit_only )); then secs=12; evl=32; sub=1,32,64
    else secs=12; evl=1,8,32; sub=1,8,32,64; fi
    CWS="$WORK/caliper"
    rm -rf "$CWS"
    node "$ROOT/scripts/bench/caliper-workspace.js" "$NETJSON" "$RESULTS" "$CWS" "$secs" "$evl" "$sub"
    log "running the same rounds with Caliper"
    CALIPER_LOG="$WORK/caliper.log"
    (cd "$CALIPER_HOME" && npx caliper launch manager \
      --caliper-workspace "$CWS" \
      --caliper-networkconfig "$CWS/networkconfig.json" \
      --caliper-benchconfig "$CWS/benchconfig.json" \
      --caliper-flow-only-test \
      --caliper-report-path "$CWS/report.html") >"$CALIPER_LOG" 2>&1 \
      || caliper_note="Caliper failed (target/bench/caliper.log)"
    grep -E '^\| (Name|get-|found-)' "$CALIPER_LOG" || true
  fi
else
  caliper_note="skipped with --no-caliper"
fi

# --- resident memory, then the tables ---------------------------------------------------------
batch_timeout="$(sed -n 's/^ *BatchTimeout: *//p' "$STATE/channel/configtx.yaml" 2>/dev/null | head -1)"
rss_kib=0
for f in "$STATE"/processes/*.pid; do
  pid="$(head -1 "$f")"
  kib="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
  rss_kib=$(( rss_kib + ${kib:-0} ))
done
down
load_after="$(uptime | sed 's/.*load average: //')"
log "load average after: $load_after"

cores="$(nproc)"
shared=false
for l in "${load_before%%,*}" "${load_after%%,*}"; do
  awk -v l="$l" -v c="$cores" 'BEGIN { exit !(l > c) }' && shared=true
done
dirty=false
[[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]] && dirty=true
cat >"$WORK/meta.json" <<JSON
{"command": "$(echo scripts/bench.sh "${plans[@]}")",
 "date": "$(date -u '+%Y-%m-%d %H:%M UTC')",
 "commit": "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)", "dirty": $dirty,
 "nproc": $cores, "memGiB": $(awk '/^MemTotal:/ {printf "%.0f", $2/1048576}' /proc/meminfo),
 "os": "$(uname -sr)", "java": "$(java -version 2>&1 | head -1 | tr -d '"')",
 "loadBefore": "$load_before", "loadAfter": "$load_after", "shared": $shared,
 "batchTimeout": "${batch_timeout:-unknown}",
 "rssGiB": "$(awk -v k="$rss_kib" 'BEGIN { printf "%.2f", k/1048576 }')",
 "caliperWorkers": ${BENCH_CALIPER_WORKERS:-1},
 "caliperNote": "$caliper_note"}
JSON
# A quick run's figures say only that the suite runs: they never replace the real ones.
doc="$ROOT/docs/benchmarks.md"
if (( ${#plans[@]} )); then
  cp "$doc" "$WORK/benchmarks.md"
  doc="$WORK/benchmarks.md"
fi
node "$ROOT/scripts/bench/render.js" "$RESULTS" "$CALIPER_LOG" "$WORK/meta.json" "$doc" >/dev/null
log "tables written to ${doc#"$ROOT"/} (raw results in target/bench/)"
