package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every payload view records its own access and fetches once on it. */
class ReferralCasesViewTest {

  /** A ledger that hands out the receipts it is given and counts what the node runs. */
  private static final class ScriptedLedger implements Ledger {
    final List<String> receipts;
    final List<String> calls = new ArrayList<>();

    ScriptedLedger(String... accessIds) {
      this.receipts = new ArrayList<>(List.of(accessIds));
    }

    @Override
    public String submit(
        String user, String tx, String arg, Map<String, byte[]> tr, List<String> endorsers) {
      calls.add(tx);
      return "{\"accessId\":\"" + receipts.remove(0) + "\"}";
    }

    @Override
    public String evaluate(
        String user, String tx, String arg, Map<String, byte[]> tr, List<String> endorsers) {
      calls.add(tx + " " + arg);
      if (tx.equals("referral:get")) {
        return "{\"referralId\":\"REF-1\",\"originator\":\"A\",\"recipient\":\"B\"}";
      }
      return "{\"payload\":{}}";
    }
  }

  @Test
  void each_view_reads_and_fetches_once_on_a_fresh_access() {
    ScriptedLedger ledger = new ScriptedLedger("aaaa000000000001", "aaaa000000000002");
    Set<String> used = new HashSet<>();
    ReferralCases cases = new ReferralCases(ledger, "A", used::add);

    cases.view("u", "REF-1", "INVESTIGATION");
    cases.view("u", "REF-1", "INVESTIGATION");

    assertThat(ledger.calls.stream().filter(c -> c.startsWith("referral:fetchPayload")))
        .hasSize(2)
        .anySatisfy(c -> assertThat(c).contains("aaaa000000000001"))
        .anySatisfy(c -> assertThat(c).contains("aaaa000000000002"));
    assertThat(used).containsExactlyInAnyOrder("aaaa000000000001", "aaaa000000000002");
  }

  @Test
  void an_access_already_used_is_never_fetched_again() {
    ScriptedLedger ledger = new ScriptedLedger("aaaa000000000001", "aaaa000000000001");
    Set<String> used = new HashSet<>();
    ReferralCases cases = new ReferralCases(ledger, "A", used::add);
    cases.view("u", "REF-1", "INVESTIGATION");

    LedgerException e =
        catchThrowableOfType(
            LedgerException.class, () -> cases.view("u", "REF-1", "INVESTIGATION"));

    assertThat(e.code()).isEqualTo("INVALID_STATE");
    assertThat(ledger.calls.stream().filter(c -> c.startsWith("referral:fetchPayload"))).hasSize(1);
  }
}
