# Keeps the integration-test networks' ports out of the kernel's ephemeral range. Sourced.
#
# The test networks listen on network.yaml's ports (7050..11100, a fifth member included) moved
# by a multiple of 5000 up to 45000 (TestNetwork checks that). From offset 25000 those ports lie
# in Linux's ephemeral range (32768..60999 by default), where any outgoing connection may take one
# as its local port: a CI run failed when a gRPC client of an earlier network held 127.0.0.1:53052
# as FlagPrivacyIT's network came up. Reserved ports are never handed out as ephemeral ports and
# can still be bound explicitly, so reserving the networks' bands removes that race.
#
# Needs root (a write to /proc/sys); without it the tests still run, and a note says the race is
# open. The previous reservation comes back when the tests end.

TEST_PORTS_SYSCTL=/proc/sys/net/ipv4/ip_local_reserved_ports
TEST_PORTS_SAVED=""

# The bands of ports the test networks use: one "lo-hi" per offset, comma-separated.
test_port_bands() {
  local bands="" offset
  for offset in 5000 10000 15000 20000 25000 30000 35000 40000 45000; do
    bands+="${bands:+,}$((offset + 7000))-$((offset + 11100))"
  done
  echo "$bands"
}

# Adds the bands to the kernel's reserved ports, keeping what was reserved before.
reserve_test_ports() {
  if [[ ! -w "$TEST_PORTS_SYSCTL" ]]; then
    echo "note: cannot write $TEST_PORTS_SYSCTL (not root?): the test networks' ports stay in the" \
      "ephemeral range, and an outgoing connection may take one before its network starts" >&2
    return 0
  fi
  TEST_PORTS_SAVED="$(cat "$TEST_PORTS_SYSCTL")"
  local bands
  bands="$(test_port_bands)"
  if ! echo "${TEST_PORTS_SAVED:+$TEST_PORTS_SAVED,}$bands" > "$TEST_PORTS_SYSCTL" 2>/dev/null; then
    echo "note: the kernel refused the reserved ports $bands; the tests run without them" >&2
    TEST_PORTS_SAVED=""
    return 0
  fi
  TEST_PORTS_RESERVED=1
}

# Puts back the reservation found before reserve_test_ports.
restore_test_ports() {
  if [[ -n "${TEST_PORTS_RESERVED:-}" ]]; then
    echo "$TEST_PORTS_SAVED" > "$TEST_PORTS_SYSCTL" 2>/dev/null || true
    TEST_PORTS_RESERVED=""
  fi
}
