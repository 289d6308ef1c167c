package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node's admin signs a channel update only after checking it against the live channel: a
 * tampered update is refused before any signature is made and before the ledger is called.
 */
class MembershipVotesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Answers the live configuration; records every chaincode call. */
  static final class LiveLedger implements Ledger {
    final List<String> calls = new ArrayList<>();

    @Override
    public String submit(
        String user, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      calls.add(tx + " " + arg);
      return "{\"status\":\"PENDING\"}";
    }

    @Override
    public String evaluate(
        String user, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      calls.add(tx + " " + arg);
      return "{}";
    }

    @Override
    public byte[] channelConfig(String username) {
      return ChannelUpdateReviewTest.live(3);
    }
  }

  /** Counts signatures; never submits. */
  static final class CountingSigner implements ChannelSigning {
    int signatures;

    @Override
    public String sign(byte[] configUpdate) {
      signatures++;
      return "c2lnbmF0dXJl";
    }

    @Override
    public String submit(byte[] configUpdate, List<String> signatures) {
      throw new AssertionError("not in this test");
    }
  }

  private static ObjectNode admission(byte[] update) {
    return JSON.createObjectNode()
        .put("kind", "ADMIT")
        .put("msp", "DeltaMSP")
        .put("jurisdiction", "DE")
        .put("channelUpdate", Base64.getEncoder().encodeToString(update));
  }

  @Test
  void a_tampered_update_is_refused_before_it_is_signed_or_sent() {
    LiveLedger ledger = new LiveLedger();
    CountingSigner signer = new CountingSigner();
    byte[] dropsHarbour =
        ChannelUpdateReviewTest.admit("DeltaMSP", List.of("AlpineMSP", "LagoonMSP"), w -> w);

    assertThatThrownBy(
            () ->
                new MembershipVotes(ledger, signer)
                    .propose("admin", "TRT-X", admission(dropsHarbour)))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(signer.signatures).isZero();
    assertThat(ledger.calls).isEmpty();
  }

  @Test
  void an_honest_update_is_signed_once_and_proposed_with_the_signature() {
    LiveLedger ledger = new LiveLedger();
    CountingSigner signer = new CountingSigner();
    byte[] honest =
        ChannelUpdateReviewTest.admit("DeltaMSP", ChannelUpdateReviewTest.MEMBERS, w -> w);

    new MembershipVotes(ledger, signer).propose("admin", "TRT-X", admission(honest));

    assertThat(signer.signatures).isEqualTo(1);
    assertThat(ledger.calls)
        .singleElement()
        .asString()
        .startsWith("treaty:proposeMembershipChange")
        .contains("\"channelSignature\":\"c2lnbmF0dXJl\"");
  }
}
