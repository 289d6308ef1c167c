package org.regnet.chaincode.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.chaincode.testing.Fixture.ALPINE;
import static org.regnet.chaincode.testing.Fixture.HARBOUR;
import static org.regnet.chaincode.testing.Fixture.PAYLOAD;
import static org.regnet.chaincode.testing.Fixture.officer;
import static org.regnet.chaincode.testing.Fixture.payload;
import static org.regnet.chaincode.testing.Fixture.submitRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.testing.Fixture;
import org.regnet.chaincode.testing.Identity;
import org.regnet.chaincode.testing.TestNetwork.Result;

/** An idempotency key in the transient map makes a retried submission meet the first one. */
class IdempotentSubmitTest {
  private static final String KEY = "node-scoped-key-0123456789abcdef";

  private final Fixture f = new Fixture();
  private String agreementId;

  @BeforeEach
  void agreement() {
    f.foundTreaty();
    agreementId = f.activeAgreement();
  }

  private Result submit(final Identity who, final String key) {
    final Map<String, byte[]> t = new HashMap<>(payload(PAYLOAD));
    if (key != null) {
      t.put("idempotencyKey", key.getBytes(StandardCharsets.UTF_8));
    }
    return f.net.submit(who, "referral:submit", submitRequest(agreementId), t);
  }

  private static String derived(final String msp, final String key) throws Exception {
    final MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(msp.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
    md.update(key.getBytes(StandardCharsets.UTF_8));
    return "REF-" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }

  @Test
  void a_retry_with_the_same_key_finds_the_first_referral_and_creates_none() throws Exception {
    final Result first = submit(officer(ALPINE), KEY);
    final Result retry = submit(officer(ALPINE), KEY);

    assertThat(first.json().get("referralId").asText()).isEqualTo(derived(ALPINE, KEY));
    assertThat(retry.errorCode()).isEqualTo("CONFLICT");
    assertThat(retry.message()).contains(derived(ALPINE, KEY));
    assertThat(f.net.evaluate(officer(ALPINE), "referral:listOutbox", "{}").json().get("items"))
        .hasSize(1);
  }

  @Test
  void the_same_key_from_another_authority_names_another_object() throws Exception {
    final String alpine = submit(officer(ALPINE), KEY).json().get("referralId").asText();
    final String harbour = submit(officer(HARBOUR), KEY).json().get("referralId").asText();

    assertThat(harbour).isEqualTo(derived(HARBOUR, KEY)).isNotEqualTo(alpine);
  }

  @Test
  void a_submission_without_a_key_is_refused_because_its_id_would_be_in_the_block() {
    final Map<String, byte[]> t = new HashMap<>(payload(PAYLOAD));
    t.put("request", submitRequest(agreementId).getBytes(StandardCharsets.UTF_8));
    final Result r =
        f.net.execute(f.net.rawSpec(officer(ALPINE), ALPINE, "referral:submit", "{}", t), ALPINE);

    assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(r.message()).contains("transient.idempotencyKey");
  }

  @Test
  void a_malformed_key_is_refused() {
    assertThat(submit(officer(ALPINE), "short").errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void a_referral_request_in_the_public_argument_is_refused() {
    final Map<String, byte[]> t = new HashMap<>(payload(PAYLOAD));
    t.put("idempotencyKey", KEY.getBytes(StandardCharsets.UTF_8));
    final Result inArgument =
        f.net.execute(
            f.net.rawSpec(
                officer(ALPINE), ALPINE, "referral:submit", submitRequest(agreementId), t),
            ALPINE);
    t.put("request", submitRequest(agreementId).getBytes(StandardCharsets.UTF_8));
    final Result inBoth =
        f.net.execute(
            f.net.rawSpec(
                officer(ALPINE), ALPINE, "referral:submit", submitRequest(agreementId), t),
            ALPINE);

    assertThat(inArgument.errorCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(inArgument.message()).contains("transient.request");
    assertThat(inBoth.errorCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void a_committed_submit_returns_nothing_into_the_block() {
    final Map<String, byte[]> t = new HashMap<>(payload(PAYLOAD));
    t.put("idempotencyKey", KEY.getBytes(StandardCharsets.UTF_8));
    t.put("request", submitRequest(agreementId).getBytes(StandardCharsets.UTF_8));
    final Result r =
        f.net.execute(f.net.rawSpec(officer(ALPINE), ALPINE, "referral:submit", "{}", t), ALPINE);

    assertThat(r.body()).isEqualTo("{}");
  }
}
