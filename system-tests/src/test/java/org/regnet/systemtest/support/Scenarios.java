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
    return agreementId;
  }

  public static Result ok(Result r) {
    assertThat(r.ok()).as(r.error()).isTrue();
    return r;
  }
}
