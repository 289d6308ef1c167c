package org.regnet.systemtest.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.regnet.systemtest.support.Calls.Result;

/** Ledger set-ups several tests start from, made through the chaincode as its users would. */
public final class Scenarios {
  private static final int A = 0, B = 1, C = 2;

  private Scenarios() {}

  /**
   * Founds {@code treatyId} with A, B and C (by A's treaty admin) and makes an ACTIVE agreement A-B
   * under it (proposed by A, signed by B); returns the agreement id.
   */
  public static String treatyWithActiveAgreement(Actors actors, String treatyId) {
    ok(
        Calls.submit(
            actors.contract(A, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(
                treatyId,
                new String[] {actors.msp(A), actors.msp(B), actors.msp(C)},
                new String[] {"CH", "SG", "BR"})));
    String agreementId =
        ok(Calls.submit(
                actors.contract(A, "treaty-admin"),
                "agreement:propose",
                Requests.proposeAgreement(treatyId, actors.msp(B))))
            .json()
            .get("agreementId")
            .asText();
    ok(
        Calls.submit(
            actors.contract(B, "treaty-admin"), "agreement:sign", Requests.agreement(agreementId)));
    // B's gateway waited for the signature to commit on B's peer only; A's next submit is
    // endorsed on A's peer first, which may not have that block yet ("agreement is PROPOSED").
    for (int attempt = 0; attempt < 300; attempt++) {
      Result r =
          Calls.evaluate(
              actors.contract(A, "treaty-admin"), "agreement:get", Requests.agreement(agreementId));
      if (r.ok() && "ACTIVE".equals(r.json().path("status").asText())) {
        return agreementId;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new AssertionError("A's peer did not see agreement " + agreementId + " in force");
  }

  public static Result ok(Result r) {
    assertThat(r.ok()).as(r.error()).isTrue();
    return r;
  }
}
