#!/usr/bin/env bash
# Builds the local container images of one authority's stack, from what this machine holds (no
# image registry is needed): every image is FROM scratch, holding only its program, the shared
# libraries that program links (found with ldd), and its configuration.
#
#   regnet/orderer   Fabric orderer (.fabric/bin/orderer, Fabric's default orderer.yaml)
#   regnet/peer      Fabric peer (.fabric/bin/peer, core.yaml, our ccaas external builder, a static
#                    busybox for the builder's shell scripts)
#   regnet/jre       a Java runtime made with jlink from this machine's JDK (base of the two below)
#   regnet/chaincode the chaincode server (chaincode/target/regnet-chaincode.jar)
#   regnet/node      the authority node (node/target/regnet-node.jar)
#
# Each image is tagged with the content hash of its inputs (regnet/<name>:<hash>, and :latest);
# an image whose hash tag already exists is skipped, so a second run with nothing changed builds
# nothing. .containers/images.env names the current tag of every image.
#
# Needs scripts/install-containers.sh first (podman), Fabric in .fabric/ and the jars (both made by
# scripts/network.sh up; this script builds the jars if missing or stale).
#
#   scripts/build-images.sh [name...]   (default: all)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib/common.sh"
STATE="$ROOT/.containers"
WORK="$STATE/build"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$STATE/containers.conf}"
[[ -f "$CONTAINERS_CONF" ]] || die "no podman configuration at $CONTAINERS_CONF: run scripts/install-containers.sh first"
command -v podman >/dev/null || die "podman is not installed: run scripts/install-containers.sh first"

ALL=(orderer peer jre chaincode node)
wanted=("$@")
(( ${#wanted[@]} )) || wanted=("${ALL[@]}")
# chaincode and node stand on jre.
for w in "${wanted[@]}"; do
  case "$w" in
    orderer|peer|jre) ;;
    chaincode|node) [[ " ${wanted[*]} " == *" jre "* ]] || wanted=(jre "${wanted[@]}") ;;
    *) die "unknown image '$w' (known: ${ALL[*]})" ;;
  esac
done

"$ROOT/scripts/install-fabric.sh"
[[ " ${wanted[*]} " == *" chaincode "* || " ${wanted[*]} " == *" node "* ]] && build_jars_if_stale

umask 022
mkdir -p "$WORK"
declare -A TAG

# The shared libraries (and the ELF interpreter) that the given programs need, one path a line.
libs_of() {
  ldd "$@" 2>/dev/null | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}' | sort -u
}

# stage_libs <rootfs> <elf...>: copy what the programs link into the image, under the same paths.
stage_libs() {
  local rootfs="$1" lib
  shift
  while read -r lib; do
    # Libraries of the image itself (the JRE's, found through its RPATH) are there already.
    [[ -n "$lib" && "$lib" != "$rootfs"/* ]] || continue
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
  done < <(libs_of "$@")
}

# Files every image has: a user to run as, a writable /tmp.
stage_base() {
  local rootfs="$1"
  mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/var/regnet"
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nregnet:x:10001:10001:regnet:/var/regnet:/bin/sh\n' > "$rootfs/etc/passwd"
  printf 'root:x:0:\nregnet:x:10001:\n' > "$rootfs/etc/group"
  printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
}

# The content hash of a staged build context: every file's path, mode and bytes.
context_hash() {
  (cd "$1" && find . -type f -o -type l | LC_ALL=C sort | while read -r f; do
     printf '%s %s ' "$f" "$(stat -c %a "$f")"; sha256sum < "$f" | cut -c1-64
   done) | sha256sum | cut -c1-16
}

# build_image <name>: the context is staged in $WORK/<name>; skip when its hash is already built.
build_image() {
  local name="$1" ctx="$WORK/$1" hash ref
  hash="$(context_hash "$ctx")"
  ref="localhost/regnet/$name:$hash"
  if podman image exists "$ref"; then
    log "image regnet/$name:$hash is up to date"
  else
    log "building image regnet/$name:$hash"
    podman build -q --layers -t "$ref" "$ctx" >/dev/null || die "podman build of regnet/$name failed (output above)"
  fi
  podman tag "$ref" "localhost/regnet/$name:latest"
  TAG[$name]="$ref"
}

fresh() { rm -rf "$WORK/$1"; mkdir -p "$WORK/$1/rootfs"; printf '%s\n' "$WORK/$1"; }

image_orderer() {
  local ctx; ctx="$(fresh orderer)"
  stage_base "$ctx/rootfs"
  mkdir -p "$ctx/rootfs/usr/local/bin" "$ctx/rootfs/etc/hyperledger/fabric"
  cp .fabric/bin/orderer .fabric/bin/osnadmin "$ctx/rootfs/usr/local/bin/"
  cp .fabric/sampleconfig/orderer.yaml "$ctx/rootfs/etc/hyperledger/fabric/"
  stage_libs "$ctx/rootfs" .fabric/bin/orderer .fabric/bin/osnadmin
  cat > "$ctx/Containerfile" <<'CF'
FROM scratch
COPY rootfs/ /
ENV FABRIC_CFG_PATH=/etc/hyperledger/fabric
USER 10001:10001
WORKDIR /var/regnet
ENTRYPOINT ["/usr/local/bin/orderer"]
CF
  build_image orderer
}

image_peer() {
  local ctx; ctx="$(fresh peer)"
  stage_base "$ctx/rootfs"
  mkdir -p "$ctx/rootfs/usr/local/bin" "$ctx/rootfs/etc/hyperledger/fabric" "$ctx/rootfs/bin" "$ctx/rootfs/opt/regnet"
  cp .fabric/bin/peer "$ctx/rootfs/usr/local/bin/"
  cp .fabric/sampleconfig/core.yaml "$ctx/rootfs/etc/hyperledger/fabric/"
  cp -R scripts/ccaas-builder "$ctx/rootfs/opt/regnet/ccaas-builder"
  stage_libs "$ctx/rootfs" .fabric/bin/peer
  # The external builder's scripts run under /bin/sh with grep, cp and mkdir.
  local busybox; busybox="$(command -v busybox || true)"
  [[ -n "$busybox" ]] && ! ldd "$busybox" >/dev/null 2>&1 \
    || die "a static busybox is needed for the peer image: run scripts/install-containers.sh"
  cp "$busybox" "$ctx/rootfs/bin/busybox"
  local applet
  for applet in sh grep cp mkdir cat rm ls; do ln -s busybox "$ctx/rootfs/bin/$applet"; done
  cat > "$ctx/Containerfile" <<'CF'
FROM scratch
COPY rootfs/ /
ENV FABRIC_CFG_PATH=/etc/hyperledger/fabric PATH=/usr/local/bin:/bin
USER 10001:10001
WORKDIR /var/regnet
ENTRYPOINT ["/usr/local/bin/peer"]
CMD ["node", "start"]
CF
  build_image peer
}

image_jre() {
  local ctx java_home; ctx="$(fresh jre)"
  java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  [[ -x "$java_home/bin/jlink" ]] || java_home="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"
  stage_base "$ctx/rootfs"
  # Every module of the JDK's runtime (no tools): the jars are fat and load what they like.
  # Same JDK, same modules, same flags: the same bytes, so the hash cache holds.
  local mods
  mods="$("$java_home/bin/java" --list-modules | sed 's/@.*//' | grep -Ev '^jdk\.(jlink|jpackage|jshell|javadoc|compiler|jdeps|jartool|jcmd|jconsole|hotspot\.agent|jstatd|editpad|internal\.(ed|le|jvmstat|opt))$|^java\.(desktop|compiler)$' | paste -sd,)"
  "$java_home/bin/jlink" --add-modules "$mods" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "$ctx/rootfs/opt/jre" >/dev/null
  # jlink stamps nothing variable, but its class-data archive does: leave it out (started fast enough).
  rm -f "$ctx/rootfs/opt/jre/lib/server/classes.jsa"
  stage_libs "$ctx/rootfs" "$ctx/rootfs/opt/jre/bin/java" "$ctx/rootfs/opt/jre/lib/server/libjvm.so" "$ctx"/rootfs/opt/jre/lib/*.so
  cat > "$ctx/Containerfile" <<'CF'
FROM scratch
COPY rootfs/ /
ENV JAVA_HOME=/opt/jre PATH=/opt/jre/bin
USER 10001:10001
WORKDIR /var/regnet
ENTRYPOINT ["/opt/jre/bin/java"]
CF
  build_image jre
}

# image_app <name> <jar> <heap>: the jar on the jre image, with the heap and JVM options native mode
# gives the same server (network/.../JavaCommand, FabricNetwork.CHAINCODE_HEAP,
# NodesExtension): without -Xmx the JVM would take a quarter of the host's memory. Container
# mode replaces the entrypoint with the native command line anyway; this is for operators who run
# the images as docs/operations.md shows.
image_app() {
  local name="$1" jar="$2" heap="$3" ctx; ctx="$(fresh "$name")"
  [[ -f "$jar" ]] || die "$jar is missing (mvn package failed?)"
  mkdir -p "$ctx/rootfs/opt/regnet"
  cp "$jar" "$ctx/rootfs/opt/regnet/$name.jar"
  cat > "$ctx/Containerfile" <<CF
FROM ${TAG[jre]}
COPY rootfs/ /
ENTRYPOINT ["/opt/jre/bin/java", "-Xmx$heap", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/opt/regnet/$name.jar"]
CF
  build_image "$name"
}

for w in "${wanted[@]}"; do
  case "$w" in
    orderer) image_orderer ;;
    peer) image_peer ;;
    jre) image_jre ;;
    chaincode) image_app chaincode chaincode/target/regnet-chaincode.jar 128m ;;
    node) image_app node node/target/regnet-node.jar 384m ;;
  esac
done

# The current tag of each image, for container mode, the fault suite and operators.
{
  [[ -f "$STATE/images.env" ]] && grep -v -E "^REGNET_IMAGE_($(IFS='|'; for w in "${wanted[@]}"; do printf '%s|' "${w^^}"; done)X)=" "$STATE/images.env" || true
  for w in "${wanted[@]}"; do printf 'REGNET_IMAGE_%s=%s\n' "${w^^}" "${TAG[$w]}"; done
} > "$STATE/images.env.new"
mv "$STATE/images.env.new" "$STATE/images.env"
log "images: $(cut -d= -f2 "$STATE/images.env" | paste -sd' ')"
