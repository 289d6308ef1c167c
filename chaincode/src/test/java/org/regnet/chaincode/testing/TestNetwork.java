package org.regnet.chaincode.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeServer;

/**
 * Runs transactions through the shim's real {@link ContractRouter} (routing, serialisation,
 * before/after hooks, error responses) against an {@link InMemoryLedger}. Transaction ids and
 * timestamps are set by the test: ids are deterministic, the clock only moves when told.
 */
public final class TestNetwork {

  private static ContractRouter router;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final InMemoryLedger ledger = new InMemoryLedger();
  private Instant clock = Instant.parse("2025-03-01T09:00:00Z");
  private long counter;

  /** The result of a proposal: response plus the simulated transaction. */
  public record Result(int status, String message, byte[] payload, TxStub tx) {

    public boolean ok() {
      return status == 200;
    }

    public String body() {
      return payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      if (!ok()) {
        throw new AssertionError("transaction failed: " + message);
      }
      try {
        return MAPPER.readTree(payload);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body(), e);
      }
    }

    /** The error code (the error response payload). */
    public String errorCode() {
      return ok() ? null : body();
    }

    public String txId() {
      return tx.getTxId();
    }
  }

  static synchronized ContractRouter router() {
    if (router == null) {
      try {
        final ContractRouter r = new ContractRouter(new String[] {"--id", "regnet:test"});
        r.startRouterWithChaincodeServer(
            new ChaincodeServer() {
              @Override
              public void start() {}

              @Override
              public void stop() {}
            });
        router = r;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return router;
  }

  public InMemoryLedger ledger() {
    return ledger;
  }

  public Instant now() {
    return clock;
  }

  public void advance(final Duration d) {
    clock = clock.plus(d);
  }

  /** The next transaction's spec; each call consumes a tx id and moves the clock one second. */
  public TxStub.Spec spec(
      final Identity who,
      final String peerMsp,
      final String function,
      final String arg,
      final Map<String, byte[]> transientMap) {
    clock = clock.plusSeconds(1);
    return confidentialSpec(who, peerMsp, function, arg, transientMap);
  }

  /**
   * Referral transactions as a client that follows the privacy rules sends them (the node's {@code
   * ConfidentialLedger} does the same): the request goes into the transient map, the public
   * argument is {@code {}}, and a submit carries an idempotency key (made up here when the test
   * sent none). Use {@link #rawSpec} to send the argument as given.
   */
  private TxStub.Spec confidentialSpec(
      final Identity who,
      final String peerMsp,
      final String function,
      final String arg,
      final Map<String, byte[]> transientMap) {
    if (!confidential(function) || arg == null) {
      return rawSpec(who, peerMsp, function, arg, transientMap);
    }
    final Map<String, byte[]> t = new java.util.HashMap<>(transientMap);
    t.put("request", arg.getBytes(StandardCharsets.UTF_8));
    if (creates(function) && !t.containsKey("idempotencyKey")) {
      t.put(
          "idempotencyKey",
          ("harness-idempotency-key-" + (counter + 1)).getBytes(StandardCharsets.UTF_8));
    }
    if (function.equals("referral:deliverOnward") && !t.containsKey("record")) {
      // as the node does: the record as the sharer's own peer holds it
      final String id;
      try {
        id = MAPPER.readTree(arg).path("referralId").asText();
      } catch (Exception e) {
        return rawSpec(who, peerMsp, function, "{}", t);
      }
      final Result got =
          execute(
              rawSpec(who, who.msp(), "referral:get", "{\"referralId\":\"" + id + "\"}", Map.of()),
              who.msp());
      if (got.ok()) {
        t.put("record", got.payload());
      }
    }
    return rawSpec(who, peerMsp, function, "{}", t);
  }

  /** A spec with the argument and transient map exactly as given; the clock does not move. */
  public TxStub.Spec rawSpec(
      final Identity who,
      final String peerMsp,
      final String function,
      final String arg,
      final Map<String, byte[]> transientMap) {
    counter++;
    final String txId =
        HexFormat.of()
            .formatHex(InMemoryLedger.sha256(("tx-" + counter).getBytes(StandardCharsets.UTF_8)));
    final List<String> args = arg == null ? List.of(function) : List.of(function, arg);
    return new TxStub.Spec(txId, clock, who.serialized(), peerMsp, args, transientMap);
  }

  /**
   * A committed referral SUBMIT returns nothing (its result is in the block); like the node, the
   * harness then reads the record back from the caller's own peer and answers that.
   */
  private Result readBack(final Identity who, final TxStub.Spec spec, final Result r) {
    final String fn = spec.args().get(0);
    if (!r.ok() || !confidential(fn) || fn.equals("referral:readPayload")) {
      return r;
    }
    final Map<String, byte[]> t = spec.transientMap();
    final byte[] request = t == null ? null : t.get("request");
    if (request == null) {
      return r;
    }
    final boolean referral = fn.startsWith("referral:");
    final boolean college = fn.startsWith("college:");
    final String field = referral ? "referralId" : college ? "collegeId" : "requestId";
    final String id;
    if (creates(fn) && !fn.equals("college:share")) {
      final String derived = referralId(who.msp(), t.get("idempotencyKey"));
      id = referral ? derived : (college ? "COL-" : "RFA-") + derived.substring("REF-".length());
    } else {
      try {
        id = MAPPER.readTree(request).path(field).asText();
      } catch (Exception e) {
        return r;
      }
    }
    final String get = referral ? "referral:get" : college ? "college:get" : "assistance:get";
    final Result got =
        execute(
            rawSpec(who, who.msp(), get, "{\"" + field + "\":\"" + id + "\"}", Map.of()),
            who.msp());
    return new Result(r.status(), r.message(), got.payload(), r.tx());
  }

  /**
   * The transactions whose requests are confidential: referrals (decision 0020) and requests for
   * assistance (decision 0029).
   */
  private static boolean confidential(final String function) {
    return function.startsWith("referral:")
        || function.startsWith("assistance:")
        || function.startsWith("college:");
  }

  /** The id the chaincode derives from an idempotency key (decision 0007). */
  public static String referralId(final String msp, final byte[] key) {
    final java.security.MessageDigest d;
    try {
      d = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    d.update(msp.getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
    d.update(key);
    return "REF-" + HexFormat.of().formatHex(d.digest()).substring(0, 16);
  }

  /** Endorses on one peer and, when it succeeds, commits (a failure commits nothing). */
  public Result submit(final Identity who, final String function, final String arg) {
    return submit(who, function, arg, Map.of(), who.msp());
  }

  public Result submit(
      final Identity who, final String function, final String arg, final Map<String, byte[]> tr) {
    return submit(who, function, arg, tr, who.msp());
  }

  public Result submit(
      final Identity who,
      final String function,
      final String arg,
      final Map<String, byte[]> tr,
      final String peerMsp) {
    final TxStub.Spec spec = spec(who, peerMsp, function, arg, tr);
    final Result r = execute(spec, peerMsp);
    if (r.ok()) {
      ledger.commit(r.tx());
    }
    return readBack(who, spec, r);
  }

  /**
   * Endorses on the peers of {@code peers} (each must produce the same read/write set, as the
   * gateway requires) and commits with their key-level policies checked; a policy failure is thrown
   * as the peer would mark the transaction invalid.
   */
  public Result submitEndorsedBy(
      final Identity who,
      final String function,
      final String arg,
      final Map<String, byte[]> tr,
      final String... peers) {
    final TxStub.Spec spec = spec(who, peers[0], function, arg, tr);
    Result first = null;
    for (String peer : peers) {
      final Result r = execute(spec, peer);
      if (first == null) {
        first = r;
      } else if (r.ok() != first.ok()
          || (r.ok() && !r.tx().rwSetDigest().equals(first.tx().rwSetDigest()))) {
        throw new AssertionError("endorsements differ between " + peers[0] + " and " + peer);
      }
    }
    if (first.ok()) {
      ledger.commit(first.tx(), java.util.Set.of(peers));
    }
    return readBack(who, spec, first);
  }

  /** Evaluates on the caller's own peer: never committed. */
  public Result evaluate(final Identity who, final String function, final String arg) {
    return evaluate(who, function, arg, Map.of(), who.msp());
  }

  public Result evaluate(
      final Identity who,
      final String function,
      final String arg,
      final Map<String, byte[]> tr,
      final String peerMsp) {
    return execute(spec(who, peerMsp, function, arg, tr), peerMsp);
  }

  /** Simulates an already built proposal on a given peer without committing. */
  public Result execute(final TxStub.Spec spec, final String peerMsp) {
    final TxStub.Spec onPeer =
        new TxStub.Spec(
            spec.txId(),
            spec.timestamp(),
            spec.creator(),
            peerMsp,
            spec.args(),
            spec.transientMap());
    final TxStub tx = ledger.begin(onPeer);
    tx.peerNow(clock);
    final Chaincode.Response response = router().invoke(tx);
    return new Result(response.getStatusCode(), response.getMessage(), response.getPayload(), tx);
  }

  public void commit(final Result r) {
    ledger.commit(r.tx());
  }

  /** The transactions that create an object whose id derives from the idempotency key. */
  private static boolean creates(final String tx) {
    return tx.endsWith(":submit")
        || tx.equals("assistance:offer")
        || tx.equals("college:form")
        || tx.equals("college:share");
  }
}
