package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.systemtest.support.Calls.evaluate;
import static org.regnet.systemtest.support.Calls.submit;
import static org.regnet.systemtest.support.Requests.ref;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.hyperledger.fabric.client.Contract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.crypto.CertificateAuthority;
import org.regnet.crypto.KeyPairs;
import org.regnet.crypto.Pem;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Every role of a party, a fellow member that is no party, and a non-member, against each action,
 * called straight through the Fabric Gateway with valid certificates: what the chaincode must
 * refuse, it refuses, whoever bypasses the node. Certificates of the wrong authority, of a rogue
 * CA, or without a role are refused too.
 */
class AuthorizationMatrixIT {
  private static final int A = 0, B = 1, C = 2;
  private static final List<String> ROLES =
      List.of("treaty-admin", "case-officer", "investigator", "auditor");
  private static final String TREATY = "TRT-IT-MATRIX";

  /** A treaty of A and B only: C is no member of it. */
  private static final String BILATERAL = "TRT-IT-MATRIX-AB";

  private static Actors actors;
  private static String referralId;
  private static String bilateralReferralId;

  @BeforeAll
  static void referralFromAtoB() {
    actors = new Actors(TestNetwork.shared());
    referralId =
        referral(
            TREATY,
            new String[] {actors.msp(A), actors.msp(B), actors.msp(C)},
            new String[] {"CH", "SG", "BR"});
    bilateralReferralId =
        referral(BILATERAL, new String[] {actors.msp(A), actors.msp(B)}, new String[] {"CH", "SG"});
  }

  private static String referral(String treaty, String[] members, String[] jurisdictions) {
    ok(
        submit(
            actors.contract(A, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(treaty, members, jurisdictions)));
    String agreementId =
        ok(submit(
                actors.contract(A, "treaty-admin"),
                "agreement:propose",
                Requests.proposeAgreement(treaty, actors.msp(B))))
            .json()
            .get("agreementId")
            .asText();
    ok(
        submit(
            actors.contract(B, "treaty-admin"), "agreement:sign", Requests.agreement(agreementId)));
    return ok(submit(
            actors.contract(A, "case-officer"),
            "referral:submit",
            Requests.submitReferral(agreementId),
            Requests.confidential(Requests.payload(Requests.marker())),
            actors.msp(A),
            actors.msp(B)))
        .json()
        .get("referralId")
        .asText();
  }

  @AfterAll
  static void close() throws InterruptedException {
    actors.close();
  }

  @Test
  void reading_a_referral_is_for_its_parties_only() {
    SoftAssertions soft = new SoftAssertions();
    for (int org : new int[] {A, B, C}) {
      for (String role : ROLES) {
        Result r = evaluate(actors.contract(org, role), "referral:get", ref(referralId));
        if (org == C) {
          soft.assertThat(r.code()).as("C %s reads", role).isIn("ACCESS_DENIED", "NOT_FOUND");
        } else {
          soft.assertThat(r.ok()).as("%s %s reads: %s", actors.msp(org), role, r.error()).isTrue();
        }
      }
    }
    for (String role : ROLES) {
      soft.assertThat(
              evaluate(actors.contract(C, role), "referral:get", ref(bilateralReferralId)).code())
          .as("non-member C %s reads", role)
          .isIn("ACCESS_DENIED", "NOT_FOUND");
    }
    soft.assertAll();
  }

  @Test
  void the_audit_trail_of_a_referral_is_for_investigators_and_auditors_of_its_parties() {
    SoftAssertions soft = new SoftAssertions();
    String query = "{\"objectId\":\"" + referralId + "\",\"pageSize\":10}";
    for (int org : new int[] {A, B, C}) {
      for (String role : ROLES) {
        Result r = evaluate(actors.contract(org, role), "audit:byObject", query);
        boolean allowed = org != C && Set.of("investigator", "auditor").contains(role);
        if (allowed) {
          soft.assertThat(r.ok()).as("%s %s: %s", actors.msp(org), role, r.error()).isTrue();
        } else {
          soft.assertThat(r.code())
              .as("%s %s", actors.msp(org), role)
              .isIn("ACCESS_DENIED", "NOT_FOUND");
        }
      }
    }
    soft.assertAll();
  }

  @Test
  void each_life_cycle_step_is_refused_to_all_but_the_party_whose_turn_it_is() {
    step("referral:acknowledge", Set.of(B + "case-officer"), "ACKNOWLEDGED");
    step(
        "referral:startInvestigation",
        Set.of(B + "case-officer", B + "investigator"),
        "UNDER_INVESTIGATION");
  }

  /** Tries every refused caller, checks nothing changed, then lets an allowed one through. */
  private static void step(String tx, Set<String> allowed, String expectedStatus) {
    String before =
        evaluate(actors.contract(A, "auditor"), "referral:get", ref(referralId))
            .json()
            .get("status")
            .asText();
    SoftAssertions soft = new SoftAssertions();
    for (int org : new int[] {A, B, C}) {
      for (String role : ROLES) {
        if (allowed.contains(org + role)) {
          continue;
        }
        Result r = submit(actors.contract(org, role), tx, ref(referralId));
        soft.assertThat(r.code())
            .as("%s by %s %s", tx, actors.msp(org), role)
            .isIn("ACCESS_DENIED", "NOT_FOUND");
      }
    }
    soft.assertAll();
    assertThat(
            evaluate(actors.contract(A, "auditor"), "referral:get", ref(referralId))
                .json()
                .get("status")
                .asText())
        .as("refusals changed nothing")
        .isEqualTo(before);

    String first = allowed.iterator().next();
    int org = first.charAt(0) - '0';
    Result ok = submit(actors.contract(org, first.substring(1)), tx, ref(referralId));
    assertThat(ok.ok()).as(ok.error()).isTrue();
    assertThat(ok.json().get("status").asText()).isEqualTo(expectedStatus);
  }

  @Test
  void only_treaty_admins_of_members_propose_agreements() {
    SoftAssertions soft = new SoftAssertions();
    for (int org : new int[] {A, B}) {
      for (String role : List.of("case-officer", "investigator", "auditor")) {
        soft.assertThat(
                submit(
                        actors.contract(org, role),
                        "agreement:propose",
                        Requests.proposeAgreement(TREATY, actors.msp(org == A ? B : A)))
                    .code())
            .as("%s %s proposes", actors.msp(org), role)
            .isEqualTo("ACCESS_DENIED");
      }
    }
    soft.assertThat(
            submit(
                    actors.contract(C, "treaty-admin"),
                    "agreement:propose",
                    Requests.proposeAgreement(BILATERAL, actors.msp(A)))
                .code())
        .as("non-member proposes")
        .isIn("ACCESS_DENIED", "NOT_FOUND");
    soft.assertAll();
  }

  @Test
  void a_certificate_from_one_authoritys_ca_presented_as_another_authority_is_refused(
      @TempDir Path tmp) {
    Path aOrg = Path.of(actors.org(A).get("cryptoDir").asText());
    String aDomain = actors.org(A).get("domain").asText();
    CertificateAuthority aCa =
        CertificateAuthority.load(
            aOrg.resolve("ca/ca." + aDomain + "-cert.pem"), aOrg.resolve("ca/priv_sk"));
    Path msp = writeMsp(tmp.resolve("forged"), aCa, "mallory", Map.of("role", "case-officer"));

    // Claims to be C, signed by A's CA: C's MSP does not accept it.
    Contract asC = actors.contractAs(C, actors.msp(C), msp);
    Result r = submit(asC, "referral:acknowledge", ref(bilateralReferralId));
    assertThat(r.ok()).isFalse();
    assertThat(evaluate(asC, "referral:get", ref(referralId)).ok()).isFalse();
  }

  @Test
  void a_certificate_from_a_rogue_ca_with_an_admin_role_is_refused(@TempDir Path tmp) {
    CertificateAuthority rogue =
        CertificateAuthority.create(
            "CH",
            actors.org(A).get("domain").asText(),
            "ca." + actors.org(A).get("domain").asText());
    Path msp = writeMsp(tmp.resolve("rogue"), rogue, "eve", Map.of("role", "treaty-admin"));

    Result r =
        submit(
            actors.contractAs(A, actors.msp(A), msp),
            "treaty:found",
            Requests.foundTreaty(
                "TRT-IT-ROGUE",
                new String[] {actors.msp(A), actors.msp(B)},
                new String[] {"CH", "SG"}));
    assertThat(r.ok()).isFalse();
    assertThat(
            evaluate(actors.contract(A, "auditor"), "treaty:get", "{\"treatyId\":\"TRT-IT-ROGUE\"}")
                .ok())
        .isFalse();
  }

  @Test
  void a_valid_certificate_without_a_known_role_is_refused_by_the_chaincode(@TempDir Path tmp) {
    Path aOrg = Path.of(actors.org(A).get("cryptoDir").asText());
    String aDomain = actors.org(A).get("domain").asText();
    CertificateAuthority aCa =
        CertificateAuthority.load(
            aOrg.resolve("ca/ca." + aDomain + "-cert.pem"), aOrg.resolve("ca/priv_sk"));

    Path noRole = writeMsp(tmp.resolve("norole"), aCa, "norole", Map.of());
    assertThat(
            evaluate(actors.contractAs(A, actors.msp(A), noRole), "referral:get", ref(referralId))
                .code())
        .isEqualTo("ACCESS_DENIED");
    Path unknownRole = writeMsp(tmp.resolve("superuser"), aCa, "root", Map.of("role", "superuser"));
    assertThat(
            evaluate(
                    actors.contractAs(A, actors.msp(A), unknownRole),
                    "referral:get",
                    ref(referralId))
                .code())
        .isEqualTo("ACCESS_DENIED");
  }

  private static Path writeMsp(
      Path dir, CertificateAuthority ca, String name, Map<String, String> attrs) {
    KeyPair pair = KeyPairs.p256();
    Pem.write(
        dir.resolve("signcerts/cert.pem"),
        ca.issueClient(name, "client", pair.getPublic(), attrs, Duration.ofDays(1)));
    Pem.write(dir.resolve("keystore/key.pem"), pair.getPrivate());
    return dir;
  }

  private static Result ok(Result r) {
    assertThat(r.ok()).as(r.error()).isTrue();
    return r;
  }
}
