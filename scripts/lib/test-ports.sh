# Keeps the kernel's ephemeral ports away from the integration-test networks' ports. Sourced.
#
# The test networks listen on network.yaml's ports (7050..11100, a fifth member included) moved
# by a multiple of 5000 up to 45000 (TestNetwork checks that), so up to port 56100. From offset
# 25000 those ports lie in Linux's default ephemeral range (32768..60999), where any outgoing
# connection may take one as its local port: a CI run failed when a gRPC client of an earlier
# network held 127.0.0.1:53052 as FlagPrivacyIT's network came up.
#
# For the run, the ephemeral range starts above the highest test port. Reserving the networks'
# ports instead (ip_local_reserved_ports) was tried and dropped: the kernel's pick for port 0 walks
# past reserved ports to the first free one, so picks cluster at the end of each reserved band,
# and a test that picked a port, closed it and bound it later found it taken by the next pick.
# A narrower range keeps the picks uniform.
#
# Needs root (a write to /proc/sys); without it the tests still run, and a note says the race is
# open. The previous range comes back when the tests end.

TEST_PORTS_SYSCTL=/proc/sys/net/ipv4/ip_local_port_range
TEST_PORTS_HIGHEST=56100
TEST_PORTS_SAVED=""

# Moves the start of the ephemeral range above the test networks' ports, keeping its end.
narrow_ephemeral_ports() {
  local low high
  read -r low high < "$TEST_PORTS_SYSCTL" 2>/dev/null || return 0
  if (( low > TEST_PORTS_HIGHEST )); then
    return 0 # nothing to do: no test port is ephemeral here
  fi
  if [[ ! -w "$TEST_PORTS_SYSCTL" ]] || (( high - TEST_PORTS_HIGHEST < 2000 )); then
    echo "note: cannot move the ephemeral port range ($low..$high) above the test networks'" \
      "ports (..$TEST_PORTS_HIGHEST; not root?): an outgoing connection may take one of them" >&2
    return 0
  fi
  if ! printf '%d\t%d\n' "$((TEST_PORTS_HIGHEST + 100))" "$high" > "$TEST_PORTS_SYSCTL" 2>/dev/null; then
    echo "note: the kernel refused a new ephemeral port range; the tests run with $low..$high" >&2
    return 0
  fi
  TEST_PORTS_SAVED="$low	$high"
}

# Puts back the range found before narrow_ephemeral_ports.
restore_ephemeral_ports() {
  if [[ -n "$TEST_PORTS_SAVED" ]]; then
    printf '%s\n' "$TEST_PORTS_SAVED" > "$TEST_PORTS_SYSCTL" 2>/dev/null || true
    TEST_PORTS_SAVED=""
  fi
}
