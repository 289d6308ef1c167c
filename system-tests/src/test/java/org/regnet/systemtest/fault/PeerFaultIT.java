package org.regnet.systemtest.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.NodeClient.Answer;

/**
 * The recipient's peer is killed ({@code kill -9} of its container) under a steady load of
 * referrals A to B, and started again from its own ledger: it catches up by blocks to the height of
 * A's peer; B's inbox holds every acknowledged referral exactly once; and for every referral of the
 * run, B's own peer holds the private payload whose hash the chain records (B's node reads it on
 * B's peer and the hash it returns equals the referral's public payloadHash).
 *
 * <p>Which peer misses what: a referral's payload goes to the pair collection A-B, whose
 * endorsement policy is AND(A.peer, B.peer). Both parties' peers endorse, so each holds the payload
 * in its transient store from endorsement on, and commits it from there (requiredPeerCount 0: no
 * dissemination is needed). While B's peer is down no referral A to B can be endorsed, so none is
 * acknowledged (the node answers 503); the ones B's peer endorsed just before the kill commit on
 * the orderers while it is down, and it commits them from its transient store when it catches up by
 * blocks. A payload missing (a transient store lost with a disk) comes from A's peer by gossip: the
 * second test rebuilds B's peer from an empty disk to show it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerFaultIT {
  /** How many referrals of earlier tests the rebuilt peer is asked for, spread over the history. */
  private static final int OLDER_SAMPLE = 20;

  @Test
  @Order(1)
  void the_recipients_peer_killed_under_load_catches_up_and_holds_every_payload() {
    FaultNetwork f = FaultNetwork.shared();
    Faults faults = f.faults;
    OrganizationDefinition a = f.organization(FaultNetwork.A), b = f.organization(FaultNetwork.B);
    Set<String> before = f.inboxB();

    ReferralLoad load = new ReferralLoad(f.nodeA, f.officerA, f.agreementId, 3);
    long killed, restarted;
    long heightAtKill;
    int refusedWhileDown;
    double catchUp;
    try (load) {
      load.awaitMoreAcks(10);
      heightAtKill = faults.peerHeight(b).orElseThrow();
      killed = System.nanoTime();
      faults.kill(b.peerHostName());
      // Down: writes A to B need B's peer; the load sees refusals, not acknowledgements.
      int refusals = refusals(load);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (refusals(load) < refusals + 10 && System.nanoTime() < deadline) {
        ReferralLoad.sleep(100);
      }
      refusedWhileDown = refusals(load) - refusals;
      restarted = System.nanoTime();
      faults.restartPeer(b);
      catchUp = awaitPeerCaughtUp(faults, b, a, restarted);
      load.awaitMoreAcks(10);
      load.stop();
    }

    List<ReferralLoad.Ack> acks = load.acks();
    final long down = killed, up = restarted;
    long inFlight =
        acks.stream().filter(x -> x.startedNanos() < down && x.ackedNanos() > down).count();
    long sentWhileDown =
        acks.stream().filter(x -> x.startedNanos() >= down && x.startedNanos() < up).count();
    assertThat(load.abandoned()).isZero();
    assertThat(load.unavailable().keySet()).noneMatch(k -> k.startsWith("500"));
    Map<String, Integer> inbox = Inbox.awaitNew(f.nodeB, f.officerB, before, acks.size());
    assertThat(inbox).hasSize(acks.size());
    assertThat(inbox.values()).allMatch(n -> n == 1);
    assertThat(
            acks.stream()
                .map(ReferralLoad.Ack::referralId)
                .filter(java.util.Objects::nonNull)
                .toList())
        .allMatch(inbox::containsKey);
    long height = awaitSameHeight(faults, a, b);

    // Every payload of the run, on B's own peer, with the hash the chain records.
    Map<String, Integer> attempts = new TreeMap<>();
    long reads = System.nanoTime();
    for (String referralId : inbox.keySet()) {
      attempts.put(referralId, assertPayloadOnRecipientPeer(f, referralId));
    }
    double readSeconds = (System.nanoTime() - reads) / 1e9;
    long waited = attempts.values().stream().filter(n -> n > 1).count();

    FaultNetwork.record(
        "peer-kill",
        String.format(
            "fault=kill -9 of B's (the recipient's) peer, restarted after %.1f s,"
                + " load=3 closed-loop clients A to B via node A, acked=%d, lost=%d,"
                + " duplicated=%d, non-200=%s, refused while down=%d, in flight across the"
                + " kill=%d, sent while down and acknowledged after the restart=%d;"
                + " peer height %d at the kill, caught up to A's peer %.1f s after restart,"
                + " final height %d on both; payloads checked on B's peer=%d, hash = chain's for"
                + " all, reads that had to wait for the data=%d, reading all took %.1f s",
            (restarted - killed) / 1e9,
            acks.size(),
            Math.max(0, acks.size() - inbox.size()),
            Math.max(0, inbox.size() - acks.size())
                + inbox.values().stream().mapToInt(n -> n - 1).sum(),
            load.unavailable(),
            refusedWhileDown,
            inFlight,
            sentWhileDown,
            heightAtKill,
            catchUp,
            height,
            attempts.size(),
            waited,
            readSeconds));
  }

  /**
   * B's peer loses its disk: killed, its data directory deleted, started again, joined from the
   * genesis block and given its chaincode package again. Nothing it held survives, so every block
   * comes back from the orderers and every private payload of the pair A-B from A's peer by gossip
   * (the pull at commit, or reconciliation after it). The referrals of a short load before the loss
   * and a sample of every earlier test's referrals are read on B's rebuilt peer, each payload
   * hashed and compared with the hash on chain.
   */
  @Test
  @Order(2)
  void a_peer_rebuilt_from_an_empty_disk_gets_every_block_and_payload_back_from_the_others() {
    FaultNetwork f = FaultNetwork.shared();
    OrganizationDefinition a = f.organization(FaultNetwork.A), b = f.organization(FaultNetwork.B);
    Set<String> before = f.inboxB();
    ReferralLoad load = new ReferralLoad(f.nodeA, f.officerA, f.agreementId, 2);
    try (load) {
      load.awaitMoreAcks(10);
      load.stop();
    }
    Map<String, Integer> fresh = Inbox.awaitNew(f.nodeB, f.officerB, before, load.acks().size());
    assertThat(fresh).hasSize(load.acks().size());
    long height = awaitSameHeight(f.faults, a, b);

    f.faults.kill(b.peerHostName());
    long rebuilt = System.nanoTime();
    f.faults.rebuildPeer(b);
    assertThat(f.faults.peerHeight(b).orElse(0))
        .as("the rebuilt peer starts from nothing")
        .isLessThan(height);
    double catchUp = awaitPeerCaughtUp(f.faults, b, a, rebuilt);

    // The run's referrals and a sample spread over everything B received before them.
    List<String> older = before.stream().sorted().toList();
    Set<String> checked = new java.util.TreeSet<>(fresh.keySet());
    for (int i = 0; i < Math.min(OLDER_SAMPLE, older.size()); i++) {
      checked.add(older.get(i * older.size() / Math.min(OLDER_SAMPLE, older.size())));
    }
    Map<String, Integer> attempts = new TreeMap<>();
    long reads = System.nanoTime();
    for (String referralId : checked) {
      attempts.put(referralId, assertPayloadOnRecipientPeer(f, referralId));
    }
    double readSeconds = (System.nanoTime() - reads) / 1e9;
    FaultNetwork.record(
        "peer-rebuild",
        String.format(
            "fault=B's peer killed and rebuilt from an empty disk (ledger, private data, transient"
                + " store, chaincode install deleted) at height %d, rejoined from the genesis"
                + " block; caught up to A's peer %.1f s after the rebuild began; payloads read on"
                + " B's peer=%d (%d of the last load, %d older), hash = chain's for all, reads"
                + " that had to wait for the data=%d, reading all took %.1f s",
            height,
            catchUp,
            attempts.size(),
            fresh.size(),
            attempts.size() - fresh.size(),
            attempts.values().stream().filter(n -> n > 1).count(),
            readSeconds));
  }

  /**
   * Reads the referral's payload through B's node, which fetches it on B's own peer, until it is
   * there (bounded: 3 minutes, more than one reconciliation interval); asserts that its hash is the
   * one the public referral record on chain carries. Returns the attempts it took.
   */
  private static int assertPayloadOnRecipientPeer(FaultNetwork f, String referralId) {
    Answer record = f.nodeB.call("GET", "/v1/referrals/" + referralId, null, f.officerB);
    assertThat(record.status()).as(record.body().toString()).isEqualTo(200);
    String onChain = record.body().get("payloadHash").asText();
    assertThat(onChain).matches("[0-9a-f]{64}");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    int attempt = 0;
    while (true) {
      attempt++;
      Answer view =
          f.nodeB.call(
              "POST",
              "/v1/referrals/" + referralId + "/payload-views",
              "{\"purpose\":\"INVESTIGATION\"}",
              f.officerB);
      if (view.status() == 200) {
        assertThat(view.body().get("payloadHash").asText()).isEqualTo(onChain);
        // and the data itself hashes to it: hex(SHA-256(salt || canonical JSON)), the chaincode's
        // sealing (sorted keys, compact), so B's peer holds exactly what was committed
        assertThat(sealedHash(view.body())).isEqualTo(onChain);
        assertThat(view.body().get("payload").get("facts").asText()).contains("RGNTMARK");
        return attempt;
      }
      assertThat(view.status()).as(view.body().toString()).isIn(404, 409, 503);
      assertThat(System.nanoTime())
          .as("payload of " + referralId + " on B's peer")
          .isLessThan(deadline);
      ReferralLoad.sleep(1000);
    }
  }

  private static String sealedHash(com.fasterxml.jackson.databind.JsonNode content) {
    try {
      var sha = java.security.MessageDigest.getInstance("SHA-256");
      sha.update(java.util.Base64.getDecoder().decode(content.get("salt").asText()));
      sha.update(
          content.get("payload").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int refusals(ReferralLoad load) {
    return load.unavailable().values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Waits until {@code peer}'s height reaches {@code reference}'s peer's height of now. */
  private static double awaitPeerCaughtUp(
      Faults faults, OrganizationDefinition peer, OrganizationDefinition reference, long since) {
    long target = faults.peerHeight(reference).orElseThrow();
    for (int i = 0; i < 1800; i++) {
      if (faults.peerHeight(peer).orElse(0) >= target) {
        return (System.nanoTime() - since) / 1e9;
      }
      ReferralLoad.sleep(100);
    }
    throw new AssertionError(peer.mspId() + "'s peer did not catch up to height " + target);
  }

  /** Waits (no load running) until both peers report one height; returns it. */
  private static long awaitSameHeight(
      Faults faults, OrganizationDefinition a, OrganizationDefinition b) {
    for (int i = 0; i < 1800; i++) {
      long ha = faults.peerHeight(a).orElse(-1), hb = faults.peerHeight(b).orElse(-2);
      if (ha == hb) {
        return ha;
      }
      ReferralLoad.sleep(100);
    }
    throw new AssertionError("the peers' heights did not converge");
  }
}
