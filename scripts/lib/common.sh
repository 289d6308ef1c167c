# Shared by the scripts: messages, prerequisites, locating and (re)building the project's jars.
# shellcheck shell=bash
#
# Every function here is safe under `set -euo pipefail`: none fails merely because something does
# not exist yet (a fresh clone has no jars), and every real failure says what failed and what to do.

log() { printf '[regnet] %s\n' "$*" >&2; }
die() { printf '[regnet] ERROR: %s\n' "$*" >&2; exit 1; }

# The network CLI jar, or nothing when it has not been built (never a failing status).
network_cli_jar() {
  local jars=("$ROOT"/network/target/regnet-network-*-cli.jar)
  if [[ -f "${jars[0]}" ]]; then
    printf '%s\n' "${jars[0]}"
  fi
  return 0
}

require_java_and_maven() {
  command -v java >/dev/null || die "Java is not installed: install a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless)"
  command -v mvn >/dev/null || die "Maven is not installed: install Maven 3.8+ (e.g. apt-get install maven)"
  local v
  v="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [[ "${v%%.*}" =~ ^[0-9]+$ ]] && (( ${v%%.*} >= 17 )) \
    || die "Java ${v:-of unknown version} is too old: regnet needs Java 17+ (java -version)"
}

# The jars `up` runs. Rebuilt when missing or older than any source or pom of the project.
build_jars_if_stale() {
  require_java_and_maven
  local cli stale=0 j
  cli="$(network_cli_jar)"
  local jars=("$ROOT/chaincode/target/regnet-chaincode.jar" "$ROOT/node/target/regnet-node.jar")
  if [[ -z "$cli" ]]; then
    stale=1
  else
    jars+=("$cli")
  fi
  for j in "${jars[@]}"; do
    if [[ ! -f "$j" ]] || [[ -n "$(find "$ROOT"/pom.xml "$ROOT"/*/pom.xml "$ROOT"/*/src/main -newer "$j" -type f -print -quit 2>/dev/null || true)" ]]; then
      stale=1
    fi
  done
  if (( stale )); then
    log "building the jars (mvn package, tests skipped; the first build downloads dependencies)"
    mvn -q -B -DskipTests -DskipITs -pl chaincode,network,node -am package \
      || die "the build failed (output above). Fix it, or see the full log with: mvn -B -DskipTests -pl chaincode,network,node -am package"
    [[ -n "$(network_cli_jar)" ]] || die "the build finished but network/target has no regnet-network-*-cli.jar"
  fi
}

# run_network_cli <subcommand> [options]
run_network_cli() {
  local sub="$1" cli
  shift
  cli="$(network_cli_jar)"
  [[ -n "$cli" ]] || die "the network CLI is not built: run scripts/network.sh up (it builds what is missing)"
  # A short-lived tool: the first JIT tier starts fastest.
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$cli" "$sub" --project "$ROOT" "$@"
}

# For commands on a running network (down, status): build only what is missing, never rebuild
# jars that running processes use.
build_cli_if_missing() {
  if [[ -z "$(network_cli_jar)" ]]; then
    build_jars_if_stale
  fi
}
