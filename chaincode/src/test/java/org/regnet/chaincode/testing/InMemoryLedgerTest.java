package org.regnet.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.Test;

class InMemoryLedgerTest {

  private final InMemoryLedger ledger = new InMemoryLedger();
  private final Identity alice = Fixture.officer(Fixture.ALPINE);
  private int n;

  private TxStub tx() {
    n++;
    return ledger.begin(
        new TxStub.Spec(
            "tx" + n,
            Instant.parse("2025-01-01T00:00:00Z").plusSeconds(n),
            alice.serialized(),
            Fixture.ALPINE,
            List.of("fn"),
            Map.of()));
  }

  private static byte[] b(final String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void reads_do_not_see_the_transactions_own_writes() {
    final TxStub t = tx();
    t.putState("k", b("v"));

    assertThat(t.getState("k")).isEmpty();
    ledger.commit(t);
    assertThat(tx().getState("k")).isEqualTo(b("v"));
  }

  @Test
  void uncommitted_transactions_leave_no_trace() {
    tx().putState("k", b("v"));

    assertThat(ledger.keys()).isEmpty();
  }

  @Test
  void stale_reads_fail_the_mvcc_check() {
    final TxStub first = tx();
    final TxStub second = tx();
    first.getState("k");
    second.getState("k");
    first.putState("k", b("1"));
    second.putState("k", b("2"));
    ledger.commit(first);

    assertThatThrownBy(() -> ledger.commit(second)).hasMessageContaining("MVCC_READ_CONFLICT");
  }

  @Test
  void range_queries_refuse_composite_keys_like_the_shim() {
    final String ck = new CompositeKey("t", "a").toString();

    assertThatThrownBy(() -> tx().getStateByRange(ck, "")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void partial_composite_key_pagination_returns_fabric_bookmarks() throws Exception {
    final TxStub w = tx();
    for (String id : new String[] {"a", "b", "c"}) {
      w.putState(new CompositeKey("t", "x", id).toString(), b(id));
    }
    w.putState(new CompositeKey("t", "y", "z").toString(), b("z"));
    ledger.commit(w);

    final List<String> seen = new ArrayList<>();
    String bookmark = "";
    do {
      try (QueryResultsIteratorWithMetadata<KeyValue> it =
          tx().getStateByPartialCompositeKeyWithPagination(
                  new CompositeKey("t", "x"), 2, bookmark)) {
        it.forEach(kv -> seen.add(kv.getStringValue()));
        bookmark = it.getMetadata().getBookmark();
      }
    } while (!bookmark.isEmpty());

    assertThat(seen).containsExactly("a", "b", "c");
  }

  @Test
  void unclosed_iterators_fail_the_commit() {
    final TxStub t = tx();
    final QueryResultsIterator<KeyValue> it =
        t.getStateByPartialCompositeKey(new CompositeKey("t"));
    t.putState("k", b("v"));

    assertThatThrownBy(() -> ledger.commit(t)).hasMessageContaining("iterator");
    it.close();
  }

  @Test
  void a_peer_reads_only_its_own_implicit_collection_but_sees_every_hash() {
    final TxStub w = tx();
    w.putPrivateData("_implicit_org_HarbourMSP", "k", b("secret"));
    ledger.commit(w);

    final TxStub alpinePeer = tx();
    assertThatThrownBy(() -> alpinePeer.getPrivateData("_implicit_org_HarbourMSP", "k"))
        .hasMessageContaining("not a member");
    assertThat(alpinePeer.getPrivateDataHash("_implicit_org_HarbourMSP", "k")).hasSize(32);
  }

  @Test
  void creator_is_a_real_certificate_with_the_role_attribute() throws Exception {
    final ClientIdentity id = new ClientIdentity(tx());

    assertThat(id.getMSPID()).isEqualTo(Fixture.ALPINE);
    assertThat(id.getAttributeValue("role")).isEqualTo("case-officer");
    assertThat(id.getId()).startsWith("x509::");
  }

  @Test
  void history_records_every_committed_write() throws Exception {
    for (String v : new String[] {"1", "2"}) {
      final TxStub t = tx();
      t.putState("k", b(v));
      ledger.commit(t);
    }
    final TxStub d = tx();
    d.delState("k");
    ledger.commit(d);

    final List<Boolean> deleted = new ArrayList<>();
    try (QueryResultsIterator<org.hyperledger.fabric.shim.ledger.KeyModification> it =
        tx().getHistoryForKey("k")) {
      it.forEach(m -> deleted.add(m.isDeleted()));
    }
    assertThat(deleted).containsExactly(false, false, true);
  }
}
