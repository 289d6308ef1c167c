# Shared by the scripts: locating and (re)building the project's jars.
# shellcheck shell=bash

log() { printf '[regnet] %s\n' "$*" >&2; }
die() { printf '[regnet] ERROR: %s\n' "$*" >&2; exit 1; }

network_cli_jar() {
  ls "$ROOT"/network/target/regnet-network-*-cli.jar 2>/dev/null | head -n 1
}

# The jars `up` runs. Rebuilt when missing or older than any source or pom of the project.
build_jars_if_stale() {
  command -v mvn >/dev/null || die "Maven is not installed (need Maven 3.8+ on PATH)"
  command -v java >/dev/null || die "Java is not installed (need Java 17+ on PATH)"
  local jars=("$ROOT/chaincode/target/regnet-chaincode.jar" "$ROOT/node/target/regnet-node.jar")
  local cli; cli="$(network_cli_jar)"
  local stale=0
  [[ -n "$cli" ]] || stale=1
  for j in "${jars[@]}" ${cli:+"$cli"}; do
    if [[ ! -f "$j" ]] || [[ -n "$(find "$ROOT"/pom.xml "$ROOT"/*/pom.xml "$ROOT"/*/src/main -newer "$j" -type f -print -quit 2>/dev/null)" ]]; then
      stale=1
    fi
  done
  if (( stale )); then
    log "building jars (mvn package, tests skipped)"
    mvn -q -B -DskipTests -DskipITs -pl chaincode,network,node -am install
  fi
}

# run_network_cli <up|down|status> [options]
run_network_cli() {
  local sub="$1"; shift
  java -jar "$(network_cli_jar)" "$sub" --project "$ROOT" "$@"
}
