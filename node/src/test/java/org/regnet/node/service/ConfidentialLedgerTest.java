package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfidentialLedgerTest {

  /** One recorded ledger call. */
  private record Call(String kind, String tx, String argument, Map<String, byte[]> transientData) {}

  /**
   * Records calls; a submit answers {} as the chaincode does, a get answers the id it was asked.
   */
  private static final class Recording implements Ledger {
    final List<Call> calls = new ArrayList<>();

    @Override
    public String submit(
        String u, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      calls.add(new Call("submit", tx, arg, t));
      return tx.equals("referral:readPayload") ? "{\"accessId\":\"ab\"}" : "{}";
    }

    @Override
    public String evaluate(
        String u, String tx, String arg, Map<String, byte[]> t, List<String> endorsers) {
      calls.add(new Call("evaluate", tx, arg, t));
      return arg;
    }
  }

  @Test
  void a_referral_step_sends_its_request_only_in_the_transient_map_and_answers_the_read_back() {
    Recording inner = new Recording();
    String request = "{\"referralId\":\"REF-0123456789abcdef\"}";

    String answer =
        new ConfidentialLedger(inner, "AlpineMSP")
            .submit("u", "referral:acknowledge", request, Map.of(), List.of());

    Call submit = inner.calls.get(0);
    assertThat(submit.argument()).isEqualTo("{}");
    assertThat(new String(submit.transientData().get("request"), StandardCharsets.UTF_8))
        .isEqualTo(request);
    assertThat(inner.calls.get(1).tx()).isEqualTo("referral:get");
    assertThat(answer).contains("REF-0123456789abcdef");
  }

  @Test
  void a_submit_without_a_request_key_gets_a_fresh_key_and_reads_back_the_id_derived_from_it() {
    Recording inner = new Recording();

    String answer =
        new ConfidentialLedger(inner, "AlpineMSP")
            .submit("u", "referral:submit", "{\"agreementId\":\"AGR-x\"}", Map.of(), List.of());

    byte[] key = inner.calls.get(0).transientData().get(KeyedLedger.TRANSIENT_KEY);
    assertThat(key).hasSize(64);
    String id =
        IdempotencyScope.derivedId("REF", "AlpineMSP", new String(key, StandardCharsets.UTF_8));
    assertThat(answer).contains(id);
  }

  @Test
  void unsolicited_information_creates_a_request_whose_id_derives_from_a_fresh_key() {
    Recording inner = new Recording();

    String answer =
        new ConfidentialLedger(inner, "AlpineMSP")
            .submit("u", "assistance:offer", "{\"recipient\":\"HarbourMSP\"}", Map.of(), List.of());

    Call offer = inner.calls.get(0);
    assertThat(offer.argument()).isEqualTo("{}");
    byte[] key = offer.transientData().get(KeyedLedger.TRANSIENT_KEY);
    assertThat(key).hasSize(64);
    assertThat(inner.calls.get(1).tx()).isEqualTo("assistance:get");
    assertThat(answer)
        .contains(
            IdempotencyScope.derivedId(
                "RFA", "AlpineMSP", new String(key, StandardCharsets.UTF_8)));
  }

  @Test
  void a_submit_under_a_request_key_derives_the_id_from_that_key() {
    Recording inner = new Recording();

    String answer =
        IdempotencyScope.with(
            "u",
            "client-key",
            () ->
                new ConfidentialLedger(inner, "AlpineMSP")
                    .submit("u", "referral:submit", "{}", Map.of(), List.of()));

    String scoped = IdempotencyScope.scoped("u", "client-key");
    assertThat(inner.calls.get(0).transientData()).doesNotContainKey(KeyedLedger.TRANSIENT_KEY);
    assertThat(answer).contains(IdempotencyScope.derivedId("REF", "AlpineMSP", scoped));
  }

  @Test
  void an_assistance_step_keeps_its_request_and_content_in_the_transient_map() {
    Recording inner = new Recording();
    String request = "{\"requestId\":\"RFA-0123456789abcdef\",\"finalReply\":true}";
    Map<String, byte[]> content = Map.of("payload", "{}".getBytes(StandardCharsets.UTF_8));

    String answer =
        new ConfidentialLedger(inner, "AlpineMSP")
            .submit("u", "assistance:reply", request, content, List.of());

    Call submit = inner.calls.get(0);
    assertThat(submit.argument()).isEqualTo("{}");
    assertThat(new String(submit.transientData().get("request"), StandardCharsets.UTF_8))
        .isEqualTo(request);
    assertThat(submit.transientData()).containsKey("payload");
    assertThat(inner.calls.get(1).tx()).isEqualTo("assistance:get");
    assertThat(inner.calls.get(1).argument()).isEqualTo("{\"requestId\":\"RFA-0123456789abcdef\"}");
    assertThat(answer).contains("RFA-0123456789abcdef");
  }

  @Test
  void an_assistance_submit_reads_back_the_request_id_derived_from_its_key() {
    Recording inner = new Recording();

    String answer =
        new ConfidentialLedger(inner, "AlpineMSP")
            .submit("u", "assistance:submit", "{\"agreementId\":\"AGR-x\"}", Map.of(), List.of());

    byte[] key = inner.calls.get(0).transientData().get(KeyedLedger.TRANSIENT_KEY);
    String id =
        IdempotencyScope.derivedId("RFA", "AlpineMSP", new String(key, StandardCharsets.UTF_8));
    assertThat(answer).contains(id);
    assertThat(inner.calls.get(0).argument()).isEqualTo("{}");
  }

  @Test
  void other_transactions_and_the_payload_receipt_pass_through_unchanged() {
    Recording inner = new Recording();
    ConfidentialLedger ledger = new ConfidentialLedger(inner, "AlpineMSP");

    ledger.submit("u", "agreement:sign", "{\"agreementId\":\"A\"}", Map.of(), List.of());
    String receipt = ledger.submit("u", "referral:readPayload", "{}", Map.of(), List.of());

    assertThat(inner.calls.get(0).argument()).isEqualTo("{\"agreementId\":\"A\"}");
    assertThat(receipt).isEqualTo("{\"accessId\":\"ab\"}");
    assertThat(inner.calls).hasSize(2);
  }

  @Test
  void overrides_every_method_of_the_ledger_it_wraps() {
    List<String> missing =
        Arrays.stream(Ledger.class.getMethods())
            .filter(m -> !declares(m))
            .map(Method::getName)
            .toList();
    assertThat(missing).isEmpty();
  }

  private static boolean declares(Method m) {
    try {
      ConfidentialLedger.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
