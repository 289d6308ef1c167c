package org.regnet.chaincode.testing;

import static org.regnet.chaincode.testing.Fixture.TREATY;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.regnet.chaincode.testing.TestNetwork.Result;

/**
 * Flags as a member's node handles them (decision 0021): one {@code flag:raise} per other treaty
 * member, each endorsed by the pair's two peers, under one idempotency key; the request in the
 * transient map.
 */
public final class FlagFixture {

  private static final byte[] TREATY_LOOKUP_KEY =
      "members-only lookup key, off-chain".getBytes(StandardCharsets.UTF_8);

  public static final String ADDRESS = "eip155:1:0xabc0000000000000000000000000000000000001";

  /** The members of {@link Fixture#TREATY}. */
  public static final List<String> MEMBERS =
      List.of(Fixture.ALPINE, Fixture.HARBOUR, Fixture.LAGOON);

  private final TestNetwork net;

  public FlagFixture(final TestNetwork net) {
    this.net = net;
  }

  /**
   * What a member's client computes: HMAC of the normalised identifier with the treaty lookup key.
   */
  public static String lookupKey(final String subjectType, final String normalised) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(TREATY_LOOKUP_KEY, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(
              mac.doFinal((subjectType + "|" + normalised).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The flag id the chaincode derives from the originator's MSP and idempotency key. */
  public static String flagId(final String msp, final String idempotencyKey) {
    try {
      final MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(msp.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return "FLG-" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String request(
      final String member, final String category, final String expiresAt, final String evidence) {
    return """
        {"treatyId":"%s","member":"%s","subjectType":"CHAIN_ADDRESS","chainId":"eip155:1",
         "category":"%s","confidence":"HIGH","expiresAt":"%s","evidenceRef":"%s"}"""
        .formatted(TREATY, member, category, expiresAt, evidence);
  }

  public static Map<String, byte[]> hidden(
      final String request, final String lookupKey, final String idempotencyKey) {
    final Map<String, byte[]> t = new HashMap<>();
    if (request != null) {
      t.put("flag", request.getBytes(StandardCharsets.UTF_8));
    }
    if (lookupKey != null) {
      t.put("lookupKey", lookupKey.getBytes(StandardCharsets.UTF_8));
    }
    if (idempotencyKey != null) {
      t.put("idempotencyKey", idempotencyKey.getBytes(StandardCharsets.UTF_8));
    }
    return t;
  }

  /** One copy, for {@code member}, endorsed by the pair's peers. */
  public Result raiseFor(
      final Identity who,
      final String member,
      final String key,
      final String expiresAt,
      final String idempotencyKey) {
    return net.submitEndorsedBy(
        who,
        "flag:raise",
        "{}",
        hidden(request(member, "RANSOMWARE", expiresAt, "CASE-2025-0042"), key, idempotencyKey),
        who.msp(),
        member);
  }

  /** The whole fan-out: one copy for every other member of the treaty; returns the flag id. */
  public String raise(
      final Identity who, final String key, final String expiresAt, final String idempotencyKey) {
    for (String member : MEMBERS) {
      if (!member.equals(who.msp())) {
        Fixture.ok(raiseFor(who, member, key, expiresAt, idempotencyKey));
      }
    }
    return flagId(who.msp(), idempotencyKey);
  }

  public Result retractFor(final Identity who, final String flagId, final String member) {
    return net.submitEndorsedBy(
        who,
        "flag:retract",
        "{}",
        hidden("{\"flagId\":\"" + flagId + "\",\"member\":\"" + member + "\"}", null, null),
        who.msp(),
        member);
  }

  public Result copy(final Identity who, final String flagId) {
    return net.evaluate(
        who,
        "flag:copy",
        "{\"treatyId\":\"%s\",\"flagId\":\"%s\"}".formatted(TREATY, flagId),
        Map.of(),
        who.msp());
  }

  public Result lookup(final Identity who, final String key) {
    return net.evaluate(
        who,
        "flag:lookup",
        "{\"treatyId\":\"" + TREATY + "\"}",
        hidden(null, key, null),
        who.msp());
  }

  public Result recordMatch(
      final Identity who, final String key, final String flagId, final String originator) {
    return net.submitEndorsedBy(
        who,
        "flag:recordMatch",
        "{}",
        hidden(
            "{\"treatyId\":\"%s\",\"flagId\":\"%s\",\"originator\":\"%s\"}"
                .formatted(TREATY, flagId, originator),
            key,
            null),
        who.msp(),
        originator);
  }

  public Result audit(final Identity who, final String flagId) {
    return net.evaluate(
        who,
        "audit:byObject",
        "{\"objectId\":\"%s\",\"treatyId\":\"%s\"}".formatted(flagId, TREATY),
        Map.of(),
        who.msp());
  }
}
