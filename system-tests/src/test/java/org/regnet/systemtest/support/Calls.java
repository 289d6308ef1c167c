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
}
