package org.regnet.chaincode.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.InMemoryLedger;
import org.regnet.chaincode.testing.KeyPolicy;
import org.regnet.chaincode.testing.TestCa;
import org.regnet.chaincode.testing.TxStub;

class PairStoreTest {

  private static final String A = "AlpineFMAMSP";
  private static final String B = "HarbourSFCMSP";
  private static final String C = "LagoonCMAMSP";
  private static final TestCa CA_A = TestCa.forMsp(A);
  private static final TestCa CA_C = TestCa.forMsp(C);

  private final InMemoryLedger ledger = new InMemoryLedger();
  private int tx;

  PairStoreTest() {
    ledger.definePairCollections(List.of(A, B, C));
  }

  /** One simulated transaction by {@code creator} on {@code peer}'s peer. */
  private TxStub begin(final TestCa creator, final String peer) {
    return ledger.begin(
        new TxStub.Spec(
            String.format("%064x", ++tx),
            Instant.parse("2026-01-01T00:00:00Z").plusSeconds(tx),
            creator.issue("officer", "case-officer").serialized(),
            peer,
            List.of(),
            Map.of()));
  }

  private TxStub write(final TestCa creator, final String peer, final String id, final String v) {
    final TxStub stub = begin(creator, peer);
    final Ledger l = new Ledger(stub);
    PairStore.of(l, B, A).put(l.key("rfa", id), Map.of("v", v));
    l.flush();
    return stub;
  }

  private static String read(final TxStub stub, final String id) {
    final Ledger l = new Ledger(stub);
    return PairStore.of(l, A, B)
        .get(l.key("rfa", id), Map.class)
        .map(m -> (String) m.get("v"))
        .orElse(null);
  }

  @Test
  void names_the_collection_as_the_network_tooling_does_and_as_fabric_allows() {
    assertThat(PairStore.collection(B, A))
        .isEqualTo(PairStore.collection(A, B))
        .isEqualTo("pair_AlpineFMAMSP_HarbourSFCMSP");
    assertThat(PairStore.collection("a.b-c", "Z")).isEqualTo("pair_Z_a-1b-0c");
    assertThat(PairStore.collection("a.b-c", "Z"))
        .matches(Pattern.compile("^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$"));
  }

  @Test
  void a_write_endorsed_by_both_parties_is_held_by_them_alone() {
    ledger.commit(write(CA_A, A, "R1", "first"), Set.of(A, B));

    assertThat(read(begin(CA_A, A), "R1")).isEqualTo("first");
    assertThat(read(begin(CA_A, B), "R1")).isEqualTo("first");
    assertThatThrownBy(() -> read(begin(CA_A, C), "R1"))
        .hasMessageContaining("is not a member of collection");
    final String key = new Ledger(begin(CA_A, A)).key("rfa", "R1");
    assertThat(
            KeyPolicy.describe(ledger.privateValidationParameter(PairStore.collection(A, B), key)))
        .isEqualTo("2 of [AlpineFMAMSP.PEER, HarbourSFCMSP.PEER]");
  }

  @Test
  void a_new_record_needs_both_parties_peers_by_the_collection_policy() {
    assertThatThrownBy(() -> ledger.commit(write(CA_A, A, "R2", "forged"), Set.of(A, C)))
        .hasMessageContaining("ENDORSEMENT_POLICY_FAILURE");
    assertThat(read(begin(CA_A, A), "R2")).isNull();
  }

  @Test
  void an_existing_record_needs_both_parties_peers_by_its_key_policy() {
    ledger.commit(write(CA_A, A, "R3", "first"), Set.of(A, B));
    assertThatThrownBy(() -> ledger.commit(write(CA_A, A, "R3", "changed"), Set.of(A, C)))
        .hasMessageContaining("ENDORSEMENT_POLICY_FAILURE");
    assertThat(read(begin(CA_A, B), "R3")).isEqualTo("first");
  }

  @Test
  void a_third_members_client_can_neither_write_nor_read_the_pairs_records() {
    assertThatThrownBy(() -> ledger.commit(write(CA_C, A, "R4", "intruder"), Set.of(A, B)))
        .hasMessageContaining("does not have write access");
    ledger.commit(write(CA_A, A, "R4", "first"), Set.of(A, B));
    assertThatThrownBy(() -> read(begin(CA_C, A), "R4"))
        .hasMessageContaining("does not have read access");
  }

  @Test
  void lists_the_records_under_a_prefix_in_key_order() {
    ledger.commit(write(CA_A, A, "R6", "six"), Set.of(A, B));
    ledger.commit(write(CA_A, A, "R5", "five"), Set.of(A, B));
    final Ledger l = new Ledger(begin(CA_A, B));
    assertThat(PairStore.of(l, A, B).list("rfa", 10))
        .extracting(kv -> kv.getStringValue())
        .containsExactly("{\"v\":\"five\"}", "{\"v\":\"six\"}");
    assertThat(PairStore.of(l, A, B).list("rfa", 1)).hasSize(1);
  }

  @Test
  void a_deleted_record_is_gone_for_both_parties() {
    ledger.commit(write(CA_A, A, "R7", "seven"), Set.of(A, B));
    final TxStub stub = begin(CA_A, A);
    final Ledger l = new Ledger(stub);
    PairStore.of(l, A, B).purge(l.key("rfa", "R7"));
    l.flush();
    ledger.commit(stub, Set.of(A, B));
    assertThat(read(begin(CA_A, B), "R7")).isNull();
    assertThat(PairStore.of(new Ledger(begin(CA_A, A)), A, B).exists(l.key("rfa", "R7"))).isFalse();
  }

  @Test
  void writing_to_an_undeclared_collection_fails() {
    final InMemoryLedger bare = new InMemoryLedger();
    final TxStub stub =
        bare.begin(
            new TxStub.Spec(
                "ab".repeat(32),
                Instant.EPOCH,
                CA_A.issue("o", "case-officer").serialized(),
                A,
                List.of(),
                Map.of()));
    final Ledger l = new Ledger(stub);
    PairStore.of(l, A, B).put(l.key("rfa", "X"), Map.of("v", "x"));
    assertThatThrownBy(l::flush).hasMessageContaining("not found");
  }
}
