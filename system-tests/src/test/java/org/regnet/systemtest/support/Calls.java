package org.regnet.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;

/**
 * Chaincode calls through the Fabric Gateway that return what happened instead of throwing, so a
 * test can assert on refusals as precisely as on successes.
 */
public final class Calls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Calls() {}

  /** What a call gave: the result, or the error text (status, chaincode message, details). */
  public record Result(boolean ok, String body, String error) {
    public JsonNode json() {
      if (!ok) {
        throw new AssertionError("call failed: " + error);
      }
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The stable chaincode error code, e.g. ACCESS_DENIED, or null on success. */
    public String code() {
      if (ok) {
        return null;
      }
      for (String c :
          new String[] {
            "ACCESS_DENIED",
            "VALIDATION_FAILED",
            "NOT_FOUND",
            "CONFLICT",
            "INVALID_STATE",
            "OUT_OF_SCOPE",
            "CONSENT_REQUIRED",
            "INTERNAL"
          }) {
        if (error.contains(c + ":") || error.contains(c + " ")) {
          return c;
        }
      }
      return "FABRIC";
    }
  }

  /**
   * Endorses on the peers of {@code endorsers} (all of the gateway's choice when empty) and
   * commits.
   */
  public static Result submit(
      Contract c, String tx, String arg, Map<String, byte[]> transientData, String... endorsers) {
    if (confidentialArea(tx)) {
      return confidential(c, tx, arg, transientData, endorsers);
    }
    return plain(c, tx, arg, transientData, endorsers);
  }

  /**
   * A referral (or assistance) transaction as a client that keeps the exchange confidential sends
   * it, and as the node does ({@code ConfidentialLedger}, decision 0020): the request in the
   * transient map, {@code {}} as the public argument, a new referral's id derived from an
   * idempotency key (a random one when the test gave none); the chaincode returns nothing into the
   * block, so the answer is the record read back from the caller's own peer (except the payload
   * receipt, which is returned). {@link #plain} sends the argument as given.
   */
  private static Result confidential(
      Contract c, String tx, String arg, Map<String, byte[]> transientData, String... endorsers) {
    Map<String, byte[]> t =
        new java.util.HashMap<>(transientData == null ? Map.of() : transientData);
    t.put("request", arg.getBytes(StandardCharsets.UTF_8));
    boolean submit = creates(tx);
    if (submit && !t.containsKey("idempotencyKey")) {
      t.put(
          "idempotencyKey",
          ("calls-" + java.util.UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    }
    Result r = plain(c, tx, "{}", t, endorsers);
    if (!r.ok() || tx.equals("referral:readPayload")) {
      return r;
    }
    boolean referral = tx.startsWith("referral:");
    boolean college = tx.startsWith("college:");
    String field = referral ? "referralId" : college ? "collegeId" : "requestId";
    String id;
    try {
      if (submit && !tx.equals("college:share")) {
        String derived = referralId(c, t.get("idempotencyKey"));
        id = referral ? derived : (college ? "COL-" : "RFA-") + derived.substring("REF-".length());
      } else {
        id = JSON.readTree(arg).path(field).asText();
      }
    } catch (IOException e) {
      return r;
    }
    return evaluate(
        c,
        referral ? "referral:get" : college ? "college:get" : "assistance:get",
        JSON.createObjectNode().put(field, id).toString());
  }

  /**
   * The contracts whose requests are confidential: referrals (decision 0020) and requests for
   * assistance (decision 0029).
   */
  private static boolean confidentialArea(String tx) {
    return tx.startsWith("referral:") || tx.startsWith("assistance:") || tx.startsWith("college:");
  }

  /** The id the chaincode derives from an idempotency key: SHA-256(msp, 0, key) (decision 0007). */
  public static String referralId(Contract c, byte[] key) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      md.update(mspOf(c).getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(key);
      return "REF-" + java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The MSP of the identity the contract's gateway signs as. */
  private static String mspOf(Contract c) {
    return MSPS.computeIfAbsent(c, Calls::askMsp);
  }

  private static final Map<Contract, String> MSPS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static String askMsp(Contract c) {
    throw new IllegalStateException("unknown MSP of this contract: obtain it through Calls.as");
  }

  /** Notes whose identity {@code c} signs as (its MSP), so a referral id can be derived. */
  public static Contract as(Contract c, String msp) {
    MSPS.put(c, msp);
    return c;
  }

  /** Sends the argument and transient map exactly as given. */
  public static Result plain(
      Contract c, String tx, String arg, Map<String, byte[]> transientData, String... endorsers) {
    try {
      Proposal.Builder b = c.newProposal(tx).addArguments(arg);
      if (transientData != null && !transientData.isEmpty()) {
        b.putAllTransient(transientData);
      }
      if (endorsers.length > 0) {
        b.setEndorsingOrganizations(endorsers);
      }
      byte[] result = b.build().endorse().submit();
      return new Result(true, new String(result, StandardCharsets.UTF_8), null);
    } catch (GatewayException | CommitException e) {
      return new Result(false, null, describe(e));
    }
  }

  public static Result submit(Contract c, String tx, String arg) {
    return submit(c, tx, arg, Map.of());
  }

  /** Evaluates on the peers of {@code endorsers} (the gateway's own peer when empty). */
  public static Result evaluate(
      Contract c, String tx, String arg, Map<String, byte[]> transientData, String... endorsers) {
    if (confidentialArea(tx) && arg != null) {
      // as a submit would carry it (see confidential): the matrix evaluates SUBMIT transactions
      Map<String, byte[]> t =
          new java.util.HashMap<>(transientData == null ? Map.of() : transientData);
      t.put("request", arg.getBytes(StandardCharsets.UTF_8));
      if (creates(tx) && !t.containsKey("idempotencyKey")) {
        t.put(
            "idempotencyKey",
            ("calls-" + java.util.UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
      }
      return evaluatePlain(c, tx, "{}", t, endorsers);
    }
    return evaluatePlain(c, tx, arg, transientData, endorsers);
  }

  /** Evaluates with the argument and transient map exactly as given. */
  public static Result evaluatePlain(
      Contract c, String tx, String arg, Map<String, byte[]> transientData, String... endorsers) {
    try {
      Proposal.Builder b = c.newProposal(tx);
      if (arg != null) {
        b.addArguments(arg);
      }
      if (transientData != null && !transientData.isEmpty()) {
        b.putAllTransient(transientData);
      }
      if (endorsers.length > 0) {
        b.setEndorsingOrganizations(endorsers);
      }
      byte[] result = b.build().evaluate();
      return new Result(true, new String(result, StandardCharsets.UTF_8), null);
    } catch (GatewayException e) {
      return new Result(false, null, describe(e));
    }
  }

  public static Result evaluate(Contract c, String tx, String arg) {
    return evaluate(c, tx, arg, Map.of());
  }

  private static String describe(Exception e) {
    StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
    if (e instanceof GatewayException g) {
      s.append(
          g.getDetails().stream()
              .map(d -> " [" + d.getMspId() + " " + d.getAddress() + ": " + d.getMessage() + "]")
              .collect(Collectors.joining()));
    }
    return s.toString();
  }

  /** The transactions that create an object whose id derives from the idempotency key. */
  private static boolean creates(final String tx) {
    return tx.endsWith(":submit")
        || tx.equals("assistance:offer")
        || tx.equals("college:form")
        || tx.equals("college:share");
  }
}
