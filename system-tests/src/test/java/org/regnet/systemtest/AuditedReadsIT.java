package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.systemtest.support.Calls.evaluate;
import static org.regnet.systemtest.support.Calls.submit;
import static org.regnet.systemtest.support.Scenarios.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.hyperledger.fabric.client.CallOption;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.crypto.CertificateAuthority;
import org.regnet.crypto.KeyPairs;
import org.regnet.crypto.Pem;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.FabricClients;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.Scenarios;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Audited reads on the real network, through direct Gateway calls (a client that bypasses the
 * node): every payload fetch needs its own recorded access, bound to the certificate, superseded by
 * a later access and expiring by the peer's clock; a flag lookup that finds a match reveals the
 * flag only through a transaction that leaves an audit entry for the flag's originator.
 */
class AuditedReadsIT {
  private static final int A = 0, B = 1, C = 2;
  private static final String TREATY = "TRT-IT-AUDITED";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Actors actors;
  private static String referralId;
  private static String marker;

  @BeforeAll
  static void referral() {
    actors = new Actors(TestNetwork.shared());
    String agreementId = Scenarios.treatyWithActiveAgreement(actors, TREATY);
    marker = Requests.marker();
    referralId =
        ok(submit(
                actors.contract(A, "case-officer"),
                "referral:submit",
                Requests.submitReferral(agreementId),
                Requests.confidential(Requests.payload(marker)),
                actors.msp(A),
                actors.msp(B)))
            .json()
            .get("referralId")
            .asText();
  }

  @AfterAll
  static void close() {
    actors.close();
  }

  private static JsonNode recordAccess(Contract who) {
    return ok(submit(
            who,
            "referral:readPayload",
            "{\"referralId\":\"" + referralId + "\",\"purpose\":\"INVESTIGATION\"}",
            Map.of(),
            actors.msp(B),
            actors.msp(A)))
        .json();
  }

  private static Result fetch(Contract who, String accessId) {
    return evaluate(
        who,
        "referral:fetchPayload",
        "{\"referralId\":\"" + referralId + "\",\"accessId\":\"" + accessId + "\"}",
        Map.of(),
        actors.msp(B));
  }

  @Test
  void a_later_access_supersedes_the_earlier_one() {
    Contract investigator = actors.contract(B, "investigator");
    String first = recordAccess(investigator).get("accessId").asText();
    Result once = fetch(investigator, first);
    assertThat(once.ok()).as(once.error()).isTrue();
    assertThat(once.json().at("/payload/facts").asText()).contains(marker);

    String second = recordAccess(investigator).get("accessId").asText();

    Result stale = fetch(investigator, first);
    assertThat(stale.code()).isEqualTo("INVALID_STATE");
    assertThat(stale.error()).contains("superseded").doesNotContain(marker);
    assertThat(fetch(investigator, second).ok()).isTrue();
  }

  @Test
  void another_certificate_of_the_same_subject_is_refused(@TempDir Path tmp) throws Exception {
    Path original = FabricClients.identityDir(actors.org(B), "investigator");
    X509Certificate cert = Pem.readCertificate(single(original.resolve("signcerts")));
    Path reissued = reissue(tmp.resolve("reissued"), cert);
    X509Certificate again = Pem.readCertificate(single(reissued.resolve("signcerts")));
    assertThat(again.getSubjectX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(again.getEncoded()).isNotEqualTo(cert.getEncoded());
    Contract investigator = actors.contract(B, "investigator");
    String accessId = recordAccess(investigator).get("accessId").asText();

    Result r = fetch(actors.contractAs(B, actors.msp(B), reissued), accessId);

    assertThat(r.code()).isEqualTo("ACCESS_DENIED");
    assertThat(r.error()).doesNotContain(marker);
    // positive control: the certificate that recorded the access is served
    assertThat(fetch(investigator, accessId).ok()).isTrue();
  }

  @Test
  void a_fetch_after_the_window_is_refused() throws InterruptedException {
    Contract officer = actors.contract(B, "case-officer");
    JsonNode receipt = recordAccess(officer);
    Instant validUntil = Instant.parse(receipt.get("validUntil").asText());
    // waits the window out (client and peer share this machine's clock); the assertion is on
    // the refusal, not on any duration
    while (!Instant.now().isAfter(validUntil.plusSeconds(1))) {
      Thread.sleep(Math.max(100, Duration.between(Instant.now(), validUntil).toMillis() + 1100));
    }

    Result r = fetch(officer, receipt.get("accessId").asText());

    assertThat(r.code()).isEqualTo("INVALID_STATE");
    assertThat(r.error()).contains("peer's time").doesNotContain(marker);
  }

  @Test
  void a_flag_match_is_revealed_only_with_an_audit_entry_for_the_originator() throws Exception {
    String lookupKey = HexFormat.of().formatHex(Requests.marker().getBytes(StandardCharsets.UTF_8));
    lookupKey = (lookupKey + "0".repeat(64)).substring(0, 64);
    Map<String, byte[]> hidden = Map.of("lookupKey", lookupKey.getBytes(StandardCharsets.UTF_8));
    String idempotencyKey = "audited-reads-" + Requests.marker();
    String flagId = Requests.flagId(actors.msp(A), idempotencyKey);
    // one copy per other treaty member, no endorsers named (decision 0021)
    for (int member : new int[] {B, C}) {
      ok(
          submit(
              actors.contract(A, "investigator"),
              "flag:raise",
              "{}",
              Requests.flagCopy(
                  TREATY,
                  actors.msp(member),
                  "FRAUD_SCAM",
                  "IT-EVIDENCE-7",
                  lookupKey,
                  idempotencyKey)));
    }

    // the query: a handle, no detail, nothing written
    JsonNode found =
        ok(evaluate(
                actors.contract(B, "case-officer"),
                "flag:lookup",
                "{\"treatyId\":\"" + TREATY + "\"}",
                hidden,
                actors.msp(B)))
            .json();
    assertThat(found.get("flagged").asBoolean()).isTrue();
    assertThat(found.at("/matches/0/flagId").asText()).isEqualTo(flagId);
    assertThat(found.toString()).doesNotContain("FRAUD_SCAM").doesNotContain("IT-EVIDENCE-7");

    // the transaction records the match; a plain Gateway call, no endorsers named
    var proposal =
        actors
            .contract(B, "case-officer")
            .newProposal("flag:recordMatch")
            .addArguments("{}")
            .putAllTransient(Requests.flagMatch(TREATY, flagId, actors.msp(A), lookupKey))
            .build();
    String txId = proposal.getTransactionId();
    String result =
        new String(
            proposal
                .endorse(CallOption.deadlineAfter(60, TimeUnit.SECONDS))
                .submit(CallOption.deadlineAfter(60, TimeUnit.SECONDS)),
            StandardCharsets.UTF_8);
    assertThat(result).doesNotContain("FRAUD_SCAM").doesNotContain(flagId);

    // then the looker's own peer shows it the flag
    JsonNode revealed =
        ok(evaluate(
                actors.contract(B, "case-officer"),
                "flag:lookup",
                "{\"treatyId\":\"" + TREATY + "\"}",
                hidden,
                actors.msp(B)))
            .json();
    assertThat(revealed.at("/matches/0/flag/category").asText()).isEqualTo("FRAUD_SCAM");
    assertThat(revealed.at("/matches/0/flag/evidenceRef").asText()).isEqualTo("IT-EVIDENCE-7");

    // the originator sees who matched; the looker sees it too; C, a treaty member, does not
    assertThat(auditActions(A, flagId)).contains("flag.raised", "flag.matched");
    assertThat(auditActions(B, flagId)).contains("flag.matched");
    assertThat(auditActions(C, flagId)).contains("flag.raised").doesNotContain("flag.matched");
    JsonNode entry = null;
    for (JsonNode e : audit(A, flagId)) {
      if (e.get("action").asText().equals("flag.matched")) {
        entry = e;
      }
    }
    assertThat(entry.at("/actor/msp").asText()).isEqualTo(actors.msp(B));

    // the block holds the transaction (positive control: its id) but neither the queried hash nor
    // the flag: its request was in the transient map, its writes in the pair's collection
    String block = blockHolding(txId);
    assertThat(block).contains(txId).doesNotContain(lookupKey).doesNotContain(flagId);
  }

  private static JsonNode audit(int org, String flagId) {
    return ok(evaluate(
            actors.contract(org, "auditor"),
            "audit:byObject",
            "{\"objectId\":\"" + flagId + "\",\"treatyId\":\"" + TREATY + "\",\"pageSize\":50}",
            Map.of(),
            actors.msp(org)))
        .json()
        .get("items");
  }

  private static java.util.List<String> auditActions(int org, String flagId) {
    java.util.List<String> out = new java.util.ArrayList<>();
    audit(org, flagId).forEach(e -> out.add(e.get("action").asText()));
    return out;
  }

  /** The raw bytes (as text) of the block on A's peer that holds {@code txId}. */
  private static String blockHolding(String txId) {
    try (CloseableIterator<Block> blocks =
        actors
            .network(A, "auditor")
            .newBlockEventsRequest()
            .startBlock(0)
            .build()
            .getEvents(CallOption.deadlineAfter(120, TimeUnit.SECONDS))) {
      while (blocks.hasNext()) {
        String raw = blocks.next().toByteString().toString(StandardCharsets.ISO_8859_1);
        if (raw.contains(txId)) {
          return raw;
        }
      }
    }
    throw new AssertionError("no block holds " + txId);
  }

  /** A new certificate from B's identities CA with the subject and role of {@code cert}. */
  private static Path reissue(Path dir, X509Certificate cert) throws Exception {
    String domain = actors.org(B).get("domain").asText();
    Path identities =
        Path.of(actors.org(B).get("cryptoDir").asText()).resolve("issuing/identities." + domain);
    CertificateAuthority ca =
        CertificateAuthority.load(identities.resolve("ca.crt"), identities.resolve("priv_sk"));
    String cn = null;
    String ou = null;
    for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
      if (rdn.getType().equalsIgnoreCase("CN")) {
        cn = rdn.getValue().toString();
      } else if (rdn.getType().equalsIgnoreCase("OU")) {
        ou = rdn.getValue().toString();
      }
    }
    KeyPair pair = KeyPairs.p256();
    Pem.write(
        dir.resolve("signcerts/cert.pem"),
        ca.issueClient(
            cn, ou, pair.getPublic(), Map.of("role", "investigator"), Duration.ofDays(1)));
    Pem.write(dir.resolve("keystore/key.pem"), pair.getPrivate());
    return dir;
  }

  private static Path single(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".pem")).findFirst().orElseThrow();
    }
  }
}
