package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.systemtest.support.Calls.evaluate;
import static org.regnet.systemtest.support.Calls.submit;
import static org.regnet.systemtest.support.Requests.ref;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.hyperledger.fabric.client.Contract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.crypto.CertificateAuthority;
import org.regnet.crypto.KeyPairs;
import org.regnet.crypto.Pem;
import org.regnet.rules.Role;
import org.regnet.rules.RuleTable;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * The authorisation matrix, generated from the one rule table: every transaction of {@link
 * RuleTable}, for every role, called straight through the Fabric Gateway with valid certificates by
 * a party of the object, by a fellow member that is no party, and by a non-member. A role the table
 * does not name is refused by the role rule whoever calls; a role it names passes the role rule as
 * a party, and is refused as a non-party or non-member. So a direct client holding any role
 * certificate can do what the node allows that role, and no more. The cells are evaluated
 * (endorsed, never ordered), so the set-up is the only thing committed. Certificates of the wrong
 * authority, of a rogue CA, or without a role are refused too.
 */
class AuthorizationMatrixIT {
  private static final int A = 0, B = 1, C = 2;
  private static final String TREATY = "TRT-IT-MATRIX";

  /** A treaty of A and B only: C is no member of it. */
  private static final String BILATERAL = "TRT-IT-MATRIX-AB";

  /** The role rule's own refusal, as {@code AccessPolicy.authorize} words it. */
  private static final String ROLE_REFUSAL = "may not call";

  private static Actors actors;
  private static Objects trilateral;
  private static Objects bilateral;
  private static String referralId;
  private static String bilateralReferralId;

  /** What a treaty's cells act on; all made by A (and signed by B) in the set-up. */
  record Objects(
      String treaty, String agreement, String proposedAgreement, String referral, String change) {}

  /** Which object a transaction is about, so who is a party to it. */
  enum Scope {
    OWN,
    TREATY,
    AGREEMENT,
    REFERRAL
  }

  /** One transaction: its scope, which organisation is its party, its argument and transient. */
  record Case(
      Scope scope,
      int party,
      Function<Objects, String> arg,
      Function<Objects, Map<String, byte[]>> transientData) {
    static Case of(Scope scope, int party, Function<Objects, String> arg) {
      return new Case(scope, party, arg, o -> Map.of());
    }

    Case withTransient(Function<Objects, Map<String, byte[]>> t) {
      return new Case(scope, party, arg, t);
    }
  }

  /** Reads a party of the right role must get an answer from. */
  private static final Set<String> READS =
      Set.of(
          "treaty:get",
          "treaty:getMembershipChange",
          "agreement:get",
          "agreement:listForMember",
          "referral:get",
          "referral:listInbox",
          "referral:listOutbox",
          "referral:pairEvent",
          "assistance:listInbox",
          "assistance:listOutbox",
          "assistance:statistics",
          "college:list");

  private static Map<String, Case> cases() {
    Function<Objects, Map<String, byte[]>> message =
        o -> Requests.confidential(Requests.message("Matrix question"));
    Function<Objects, Map<String, byte[]>> payload =
        o -> Requests.confidential(Requests.payload(Requests.marker()));
    Function<Objects, Map<String, byte[]>> lookupKey =
        o -> Map.of("lookupKey", "ab".repeat(32).getBytes(StandardCharsets.UTF_8));
    Function<Objects, String> treaty = o -> "{\"treatyId\":\"" + o.treaty() + "\"}";
    Function<Objects, String> change =
        o -> "{\"treatyId\":\"" + o.treaty() + "\",\"changeId\":\"" + o.change() + "\"}";
    Function<Objects, String> agreement = o -> Requests.agreement(o.agreement());
    Function<Objects, String> referral = o -> ref(o.referral());
    Map<String, Case> m = new java.util.TreeMap<>();
    m.put(
        "treaty:found",
        Case.of(
            Scope.OWN,
            A,
            o ->
                Requests.foundTreaty(
                    "TRT-IT-MATRIX-NEW",
                    new String[] {actors.msp(A), actors.msp(B)},
                    new String[] {"CH", "SG"})));
    m.put("treaty:get", Case.of(Scope.TREATY, A, treaty));
    m.put(
        "treaty:proposeMembershipChange",
        Case.of(
            Scope.TREATY,
            A,
            o ->
                "{\"treatyId\":\""
                    + o.treaty()
                    + "\",\"kind\":\"SUSPEND\",\"msp\":\""
                    + actors.msp(A)
                    + "\"}"));
    m.put("treaty:approveMembershipChange", Case.of(Scope.TREATY, B, change));
    m.put("treaty:withdrawMembershipChange", Case.of(Scope.TREATY, A, change));
    m.put("treaty:getMembershipChange", Case.of(Scope.TREATY, A, change));
    m.put("treaty:getChannelUpdate", Case.of(Scope.TREATY, A, change));
    m.put(
        "agreement:propose",
        Case.of(Scope.TREATY, A, o -> Requests.proposeAgreement(o.treaty(), actors.msp(B))));
    m.put(
        "agreement:sign",
        Case.of(Scope.AGREEMENT, B, o -> Requests.agreement(o.proposedAgreement())));
    m.put("agreement:suspend", Case.of(Scope.AGREEMENT, A, agreement));
    m.put("agreement:terminate", Case.of(Scope.AGREEMENT, A, agreement));
    m.put("agreement:get", Case.of(Scope.AGREEMENT, A, agreement));
    m.put("agreement:listForMember", Case.of(Scope.OWN, A, o -> "{\"pageSize\":10}"));
    m.put(
        "referral:submit",
        Case.of(Scope.AGREEMENT, A, o -> Requests.submitReferral(o.agreement()))
            .withTransient(payload));
    m.put("referral:acknowledge", Case.of(Scope.REFERRAL, B, referral));
    m.put("referral:startInvestigation", Case.of(Scope.REFERRAL, B, referral));
    m.put(
        "referral:requestInformation", Case.of(Scope.REFERRAL, B, referral).withTransient(message));
    m.put(
        "referral:provideInformation", Case.of(Scope.REFERRAL, A, referral).withTransient(message));
    m.put(
        "referral:close",
        Case.of(
            Scope.REFERRAL,
            B,
            o -> "{\"referralId\":\"" + o.referral() + "\",\"outcome\":\"NO_FURTHER_ACTION\"}"));
    m.put(
        "referral:decline",
        Case.of(
            Scope.REFERRAL,
            B,
            o ->
                "{\"referralId\":\"" + o.referral() + "\",\"refusalGround\":\"PUBLIC_INTEREST\"}"));
    m.put("referral:get", Case.of(Scope.REFERRAL, A, referral));
    m.put("referral:listInbox", Case.of(Scope.OWN, B, o -> "{\"pageSize\":10}"));
    m.put("referral:listOutbox", Case.of(Scope.OWN, A, o -> "{\"pageSize\":10}"));
    m.put(
        "referral:readPayload",
        Case.of(
            Scope.REFERRAL,
            B,
            o -> "{\"referralId\":\"" + o.referral() + "\",\"purpose\":\"INVESTIGATION\"}"));
    m.put(
        "referral:fetchPayload",
        Case.of(
            Scope.REFERRAL,
            B,
            o -> "{\"referralId\":\"" + o.referral() + "\",\"accessId\":\"0123456789abcdef\"}"));
    m.put(
        "referral:requestConsent",
        Case.of(
            Scope.REFERRAL,
            B,
            o ->
                "{\"referralId\":\""
                    + o.referral()
                    + "\",\"recipient\":\""
                    + actors.msp(B)
                    + "\",\"use\":\"ENFORCEMENT\"}"));
    Function<Objects, String> consent =
        o -> "{\"referralId\":\"" + o.referral() + "\",\"consentId\":\"CNS-0123456789abcdef\"}";
    m.put("referral:grantConsent", Case.of(Scope.REFERRAL, A, consent));
    m.put("referral:shareOnward", Case.of(Scope.REFERRAL, B, consent).withTransient(payload));
    m.put("referral:deliverOnward", Case.of(Scope.REFERRAL, B, consent).withTransient(payload));
    // the details of the referral's submission event, asked with the other party as counterparty
    m.put(
        "referral:pairEvent",
        Case.of(
            Scope.REFERRAL,
            A,
            o ->
                "{\"txId\":\""
                    + submissionTx(o.referral())
                    + "\",\"counterparty\":\""
                    + actors.msp(B)
                    + "\"}"));
    // flag transactions carry their request in the transient map (decision 0021)
    Function<Objects, Map<String, byte[]>> flagCopy =
        o ->
            Map.of(
                "flag",
                ("{\"treatyId\":\""
                        + o.treaty()
                        + "\",\"member\":\""
                        + actors.msp(B)
                        + "\",\"subjectType\":\"CHAIN_ADDRESS\",\"chainId\":\"eip155:1\","
                        + "\"category\":\"RANSOMWARE\",\"confidence\":\"HIGH\","
                        + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8),
                "lookupKey",
                "ab".repeat(32).getBytes(StandardCharsets.UTF_8),
                "idempotencyKey",
                "matrix-flag-idempotency-key".getBytes(StandardCharsets.UTF_8));
    m.put("flag:raise", Case.of(Scope.OWN, A, o -> "{}").withTransient(flagCopy));
    m.put(
        "flag:copy",
        Case.of(
            Scope.OWN,
            A,
            o -> "{\"treatyId\":\"" + o.treaty() + "\",\"flagId\":\"FLG-0123456789abcdef\"}"));
    m.put(
        "flag:retract",
        Case.of(Scope.OWN, A, o -> "{}")
            .withTransient(
                o ->
                    Map.of(
                        "flag",
                        ("{\"flagId\":\"FLG-0123456789abcdef\",\"member\":\""
                                + actors.msp(B)
                                + "\"}")
                            .getBytes(StandardCharsets.UTF_8))));
    m.put("flag:lookup", Case.of(Scope.OWN, A, treaty).withTransient(lookupKey));
    // requests for assistance: the role rule on a request that does not exist (the journey and
    // the chaincode tests cover the object-level rules)
    Function<Objects, String> rfa = o -> "{\"requestId\":\"RFA-0123456789abcdef\"}";
    Function<Objects, String> rfaSeq = o -> "{\"requestId\":\"RFA-0123456789abcdef\",\"seq\":1}";
    for (String tx :
        List.of(
            "get",
            "content",
            "contestUrgency",
            "reportProgress",
            "markOverdue",
            "purge",
            "acknowledge",
            "reestimate",
            "reply",
            "noticeDisclosure",
            "recordSubjectRequest")) {
      m.put("assistance:" + tx, Case.of(Scope.OWN, A, rfa).withTransient(message));
    }
    m.put("assistance:objectDisclosure", Case.of(Scope.OWN, A, rfaSeq));
    m.put("assistance:recordDisclosure", Case.of(Scope.OWN, A, rfaSeq));
    m.put(
        "assistance:submit",
        Case.of(Scope.OWN, A, o -> Requests.submitReferral(o.agreement())).withTransient(payload));
    // unsolicited information (decision 0031): the role rule, as submit's
    m.put(
        "assistance:offer",
        Case.of(Scope.OWN, A, o -> Requests.submitReferral(o.agreement())).withTransient(payload));
    // colleges (decision 0035): the role rule; the college named does not exist, so a party's
    // allowed role gets past the role rule to NOT_FOUND, and nothing is formed (evaluated)
    m.put(
        "college:form",
        Case.of(
            Scope.OWN,
            A,
            o ->
                "{\"treatyId\":\"%s\",\"title\":\"matrix\",\"members\":[\"%s\",\"%s\",\"%s\"]}"
                    .formatted(o.treaty(), actors.msp(A), actors.msp(B), actors.msp(C))));
    m.put(
        "college:share",
        Case.of(
            Scope.OWN,
            A,
            o -> "{\"collegeId\":\"COL-0000000000000000\",\"title\":\"t\",\"information\":\"i\"}"));
    m.put("college:get", Case.of(Scope.OWN, A, o -> "{\"collegeId\":\"COL-0000000000000000\"}"));
    m.put("college:close", Case.of(Scope.OWN, A, o -> "{\"collegeId\":\"COL-0000000000000000\"}"));
    m.put(
        "college:purge",
        Case.of(
            Scope.OWN,
            A,
            o ->
                "{\"collegeId\":\"COL-0000000000000000\",\"counterparty\":\"%s\"}"
                    .formatted(actors.msp(B))));
    m.put("college:list", Case.of(Scope.OWN, A, o -> "{}"));
    m.put("assistance:listInbox", Case.of(Scope.OWN, A, o -> "{\"pageSize\":10}"));
    m.put("assistance:listOutbox", Case.of(Scope.OWN, A, o -> "{\"pageSize\":10}"));
    m.put("assistance:statistics", Case.of(Scope.OWN, A, o -> "{}"));
    // evidence custody (decision 0019): the role rule, with details naming A as the sender of a
    // document for the referral (evaluated, so nothing is pinned)
    Function<Objects, Map<String, byte[]>> opening =
        o ->
            Map.of(
                "evidence",
                ("{\"documentId\":\"matrix-document-1\",\"caseRef\":\"referral:"
                        + o.referral()
                        + "\",\"sender\":\""
                        + actors.msp(A)
                        + "\",\"receiver\":\""
                        + actors.msp(B)
                        + "\",\"sha256\":\""
                        + "ab".repeat(32)
                        + "\",\"size\":1,\"salt\":\""
                        + "cd".repeat(16)
                        + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
    for (String tx : List.of("pin", "receive", "get")) {
      m.put("evidence:" + tx, Case.of(Scope.OWN, A, o -> "{}").withTransient(opening));
    }
    m.put(
        "flag:recordMatch",
        Case.of(Scope.OWN, A, o -> "{}")
            .withTransient(
                o ->
                    Map.of(
                        "flag",
                        ("{\"treatyId\":\""
                                + o.treaty()
                                + "\",\"flagId\":\"FLG-0123456789abcdef\",\"originator\":\""
                                + actors.msp(B)
                                + "\"}")
                            .getBytes(StandardCharsets.UTF_8),
                        "lookupKey",
                        "ab".repeat(32).getBytes(StandardCharsets.UTF_8))));
    m.put(
        "audit:byObject",
        Case.of(Scope.REFERRAL, A, o -> "{\"objectId\":\"" + o.referral() + "\",\"pageSize\":10}"));
    m.put(
        "audit:byActor",
        Case.of(Scope.OWN, A, o -> "{\"actorMsp\":\"" + actors.msp(A) + "\",\"pageSize\":10}"));
    m.put(
        "audit:byTimeRange",
        Case.of(
            Scope.OWN,
            A,
            o ->
                "{\"from\":\"2020-01-01T00:00:00Z\",\"to\":\"2100-01-01T00:00:00Z\","
                    + "\"pageSize\":10}"));
    return m;
  }

  @BeforeAll
  static void objectsOfTwoTreaties() {
    actors = new Actors(TestNetwork.shared());
    trilateral =
        objects(
            TREATY,
            new String[] {actors.msp(A), actors.msp(B), actors.msp(C)},
            new String[] {"CH", "SG", "BR"});
    bilateral =
        objects(BILATERAL, new String[] {actors.msp(A), actors.msp(B)}, new String[] {"CH", "SG"});
    referralId = trilateral.referral();
    bilateralReferralId = bilateral.referral();
  }

  /** A treaty, an active and a proposed agreement A-B, a referral A->B, a pending change. */
  private static Objects objects(String treaty, String[] members, String[] jurisdictions) {
    ok(
        submit(
            actors.contract(A, "treaty-admin"),
            "treaty:found",
            Requests.foundTreaty(treaty, members, jurisdictions)));
    String agreementId = proposeAgreement(treaty);
    ok(
        submit(
            actors.contract(B, "treaty-admin"), "agreement:sign", Requests.agreement(agreementId)));
    String proposed = proposeAgreement(treaty);
    String referral =
        ok(submit(
                actors.contract(A, "case-officer"),
                "referral:submit",
                Requests.submitReferral(agreementId),
                Requests.confidential(Requests.payload(Requests.marker())),
                actors.msp(A),
                actors.msp(B)))
            .json()
            .get("referralId")
            .asText();
    // a pending suspension of the last member, proposed by A: one approval is not a majority
    String change =
        ok(submit(
                actors.contract(A, "treaty-admin"),
                "treaty:proposeMembershipChange",
                "{\"treatyId\":\""
                    + treaty
                    + "\",\"kind\":\"SUSPEND\",\"msp\":\""
                    + members[members.length - 1]
                    + "\"}"))
            .json()
            .get("changeId")
            .asText();
    return new Objects(treaty, agreementId, proposed, referral, change);
  }

  private static final Map<String, String> SUBMISSIONS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The transaction that submitted the referral, from its audit trail (as A's auditor). */
  private static String submissionTx(String referral) {
    return SUBMISSIONS.computeIfAbsent(
        referral,
        r ->
            ok(evaluate(
                    actors.contract(A, "auditor"),
                    "audit:byObject",
                    "{\"objectId\":\"" + r + "\",\"pageSize\":10}"))
                .json()
                .path("items")
                .path(0)
                .path("txId")
                .asText());
  }

  private static String proposeAgreement(String treaty) {
    return ok(submit(
            actors.contract(A, "treaty-admin"),
            "agreement:propose",
            Requests.proposeAgreement(treaty, actors.msp(B))))
        .json()
        .get("agreementId")
        .asText();
  }

  @AfterAll
  static void close() throws InterruptedException {
    actors.close();
  }

  @Test
  void the_matrix_covers_every_transaction_of_the_rule_table() {
    assertThat(cases().keySet()).containsExactlyInAnyOrderElementsOf(RuleTable.transactions());
  }

  @Test
  void every_transaction_for_every_role_of_a_party_a_non_party_and_a_non_member() {
    SoftAssertions soft = new SoftAssertions();
    int cells = 0;
    for (Map.Entry<String, Case> e : cases().entrySet()) {
      String tx = e.getKey();
      Case c = e.getValue();
      for (Role role : Role.values()) {
        boolean allowed = RuleTable.rolesFor(tx).contains(role);
        // the party, on the three-member treaty's objects
        Result asParty = call(c, c.party(), role, tx, trilateral);
        cells++;
        if (!allowed) {
          refusedByRole(soft, asParty, tx, role, "party");
        } else {
          soft.assertThat(String.valueOf(asParty.error()))
              .as("%s by the party's %s passes the role rule", tx, role.wire())
              .doesNotContain(ROLE_REFUSAL);
          if (READS.contains(tx)) {
            soft.assertThat(asParty.ok())
                .as("%s by the party's %s: %s", tx, role.wire(), asParty.error())
                .isTrue();
          }
        }
        if (c.scope() == Scope.AGREEMENT || c.scope() == Scope.REFERRAL) {
          Result asNonParty = call(c, C, role, tx, trilateral);
          cells++;
          expectOutsider(soft, asNonParty, tx, role, allowed, "non-party member");
        }
        if (c.scope() != Scope.OWN) {
          Result asNonMember = call(c, C, role, tx, bilateral);
          cells++;
          expectOutsider(soft, asNonMember, tx, role, allowed, "non-member");
        }
      }
    }
    soft.assertAll();
    assertThat(cells).isGreaterThan(300);
  }

  private static Result call(Case c, int org, Role role, String tx, Objects o) {
    return evaluate(
        actors.contract(org, role.wire()),
        tx,
        c.arg().apply(o),
        c.transientData().apply(o),
        actors.msp(org));
  }

  private static void refusedByRole(
      SoftAssertions soft, Result r, String tx, Role role, String who) {
    soft.assertThat(r.code())
        .as("%s by a %s's %s", tx, who, role.wire())
        .isEqualTo("ACCESS_DENIED");
    soft.assertThat(String.valueOf(r.error()))
        .as("%s by a %s's %s is refused by the role rule", tx, who, role.wire())
        .contains(ROLE_REFUSAL);
  }

  private static void expectOutsider(
      SoftAssertions soft, Result r, String tx, Role role, boolean allowed, String who) {
    if (!allowed) {
      refusedByRole(soft, r, tx, role, who);
      return;
    }
    soft.assertThat(r.code())
        .as("%s by a %s's %s: %s", tx, who, role.wire(), r.error())
        .isIn("ACCESS_DENIED", "NOT_FOUND");
  }

  @Test
  void each_life_cycle_step_commits_only_for_the_party_and_role_whose_turn_it_is() {
    step("referral:acknowledge", B, "case-officer", "ACKNOWLEDGED");
    step("referral:startInvestigation", B, "investigator", "UNDER_INVESTIGATION");
  }

  /** Submits as every other caller, checks nothing changed, then lets the allowed one through. */
  private static void step(String tx, int allowedOrg, String allowedRole, String expectedStatus) {
    String before = status();
    SoftAssertions soft = new SoftAssertions();
    for (int org : new int[] {A, B, C}) {
      for (Role role : Role.values()) {
        if (org == allowedOrg && role.wire().equals(allowedRole)) {
          continue;
        }
        Result r = submit(actors.contract(org, role.wire()), tx, ref(referralId));
        soft.assertThat(r.code())
            .as("%s by %s %s", tx, actors.msp(org), role.wire())
            .isIn("ACCESS_DENIED", "NOT_FOUND");
      }
    }
    soft.assertAll();
    assertThat(status()).as("refusals changed nothing").isEqualTo(before);

    Result ok = submit(actors.contract(allowedOrg, allowedRole), tx, ref(referralId));
    assertThat(ok.ok()).as(ok.error()).isTrue();
    assertThat(ok.json().get("status").asText()).isEqualTo(expectedStatus);
  }

  private static String status() {
    return evaluate(actors.contract(A, "auditor"), "referral:get", ref(referralId))
        .json()
        .get("status")
        .asText();
  }

  @Test
  void a_certificate_from_one_authoritys_ca_presented_as_another_authority_is_refused(
      @TempDir Path tmp) {
    Path aOrg = Path.of(actors.org(A).get("cryptoDir").asText());
    String aDomain = actors.org(A).get("domain").asText();
    // A's own identities come from its identities CA (a leaf of its CA tree, as Fabric demands).
    Path identities = aOrg.resolve("issuing/identities." + aDomain);
    CertificateAuthority aCa =
        CertificateAuthority.load(identities.resolve("ca.crt"), identities.resolve("priv_sk"));
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
    // A's own identities come from its identities CA (a leaf of its CA tree, as Fabric demands).
    Path identities = aOrg.resolve("issuing/identities." + aDomain);
    CertificateAuthority aCa =
        CertificateAuthority.load(identities.resolve("ca.crt"), identities.resolve("priv_sk"));

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
