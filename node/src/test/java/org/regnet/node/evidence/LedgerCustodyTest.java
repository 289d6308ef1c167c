package org.regnet.node.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.LedgerException;

class LedgerCustodyTest {

  /** A ledger that knows one referral (A -> B) and one request for assistance (A asks C). */
  private static final Ledger LEDGER =
      new Ledger() {
        @Override
        public String submit(
            String u, String tx, String arg, Map<String, byte[]> t, List<String> e) {
          throw new UnsupportedOperationException();
        }

        @Override
        public String evaluate(
            String u, String tx, String arg, Map<String, byte[]> t, List<String> e) {
          if (tx.equals("referral:get") && arg.contains("REF-0000000000000001")) {
            return "{\"originator\":\"AMSP\",\"recipient\":\"BMSP\"}";
          }
          if (tx.equals("assistance:get") && arg.contains("RFA-0000000000000001")) {
            return "{\"requester\":\"AMSP\",\"requested\":\"CMSP\"}";
          }
          throw new LedgerException("NOT_FOUND", "no such case");
        }
      };

  private final LedgerCustody custody = new LedgerCustody(LEDGER, "case-officer");

  @Test
  void the_parties_of_a_request_for_assistance_are_its_requester_and_requested_either_way() {
    CaseRef rfa = CaseRef.parse("rfa:RFA-0000000000000001");
    assertThat(custody.parties(rfa, "CMSP", "AMSP")).isTrue(); // the reply leg
    assertThat(custody.parties(rfa, "AMSP", "CMSP")).isTrue();
    assertThat(custody.parties(rfa, "BMSP", "AMSP")).isFalse();
  }

  @Test
  void the_parties_of_a_referral_are_its_originator_and_recipient() {
    CaseRef ref = CaseRef.parse("referral:REF-0000000000000001");
    assertThat(custody.parties(ref, "BMSP", "AMSP")).isTrue();
    assertThat(custody.parties(ref, "CMSP", "AMSP")).isFalse();
  }

  @Test
  void a_case_the_ledger_does_not_show_this_authority_has_no_parties() {
    assertThat(custody.parties(CaseRef.parse("rfa:RFA-0000000000000009"), "CMSP", "AMSP"))
        .isFalse();
  }
}
