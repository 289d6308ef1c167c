package org.regnet.chaincode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.hyperledger.fabric.metrics.Metrics;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.NettyChaincodeServer;
import org.hyperledger.fabric.traces.Traces;
import org.regnet.chaincode.state.PairStore;

/**
 * TEST ONLY, never packaged: what a dishonest member could run instead of the regnet chaincode. It
 * serves the same ccaas endpoint with the same TLS material, skips every check and endorses any
 * write it is asked to. The system test {@code RogueEndorsementIT} runs it for two organisations
 * that are not party to an agreement, to show that the record's key-level policy, not the
 * chaincode's honesty, is what protects it.
 *
 * <ul>
 *   <li>{@code rogue:forgeStatus [type, id, status]}: rewrites the {@code status} field of the
 *       public record under the composite key {@code (type, id)};
 *   <li>{@code rogue:canary [name]}: writes a key that belongs to nobody (positive control: the
 *       forged endorsement itself is good enough for the chaincode-level policy);
 *   <li>{@code rogue:read [type, id]}: the record's raw value on this peer, unchecked;
 *   <li>{@code rogue:forgeLocator [referralId, originator, recipient]}: rewrites a referral's
 *       public locator (under the hash of its id) to name another pair;
 *   <li>{@code rogue:readLocator [referralId]}: the locator's raw value on this peer;
 *   <li>{@code rogue:forgePrivate [mspA, mspB, type, id, status]}: writes, blind, a record with
 *       that status into the pair collection of A and B, which this peer cannot read.
 * </ul>
 */
public final class RogueChaincodeServer extends ChaincodeBase {

  private RogueChaincodeServer(final String id) {
    // the same start-up as the shim's ContractRouter constructor
    initializeLogging();
    processEnvironmentOptions();
    processCommandLineOptions(new String[] {"--id", id});
    validateOptions();
    // Without these two the handshake never completes: when the peer dials in, the shim builds
    // its InvocationTaskManager, which asks Metrics.getProvider() (and every invocation asks
    // Traces.getProvider()); both throw "No provider set" unless initialised, which only the
    // ContractRouter constructor does. The exception dies on a gRPC thread, the REGISTER message
    // is never sent, and the peer gives up on the connection after its registration timeout.
    final Properties config = getChaincodeConfig();
    Metrics.initialize(config);
    Traces.initialize(config);
  }

  public static void main(final String[] args) throws Exception {
    final ChaincodeServerMain.ServerConfig config =
        ChaincodeServerMain.ServerConfig.from(System.getenv());
    ChaincodeLogging.configure(ChaincodeLogging.level(System.getenv()));
    final RogueChaincodeServer cc = new RogueChaincodeServer(config.chaincodeId());
    ChaincodeLogging.configure(ChaincodeLogging.level(System.getenv()));
    new NettyChaincodeServer(cc, config.toShimProperties()).start();
  }

  @Override
  public Response init(final ChaincodeStub stub) {
    return newSuccessResponse();
  }

  @Override
  public Response invoke(final ChaincodeStub stub) {
    final String fn = stub.getFunction();
    final List<String> args = stub.getParameters();
    switch (fn) {
      case "rogue:forgeStatus" -> {
        final String key = stub.createCompositeKey(args.get(0), args.get(1)).toString();
        final byte[] value = stub.getState(key);
        if (value == null || value.length == 0) {
          return newErrorResponse("rogue chaincode: no " + key);
        }
        final String forged =
            new String(value, StandardCharsets.UTF_8)
                .replaceFirst("\"status\":\"[A-Z_]+\"", "\"status\":\"" + args.get(2) + "\"");
        stub.putState(key, forged.getBytes(StandardCharsets.UTF_8));
        return newSuccessResponse(forged.getBytes(StandardCharsets.UTF_8));
      }
      case "rogue:canary" -> {
        stub.putState("rogue~canary~" + args.get(0), "forged".getBytes(StandardCharsets.UTF_8));
        return newSuccessResponse();
      }
      case "rogue:forgeLocator" -> {
        final String key = locatorKey(stub, args.get(0));
        final byte[] value = stub.getState(key);
        if (value == null || value.length == 0) {
          return newErrorResponse("rogue chaincode: no locator for " + args.get(0));
        }
        final String forged =
            new String(value, StandardCharsets.UTF_8)
                .replaceFirst("\"originator\":\"[^\"]+\"", "\"originator\":\"" + args.get(1) + "\"")
                .replaceFirst("\"recipient\":\"[^\"]+\"", "\"recipient\":\"" + args.get(2) + "\"");
        stub.putState(key, forged.getBytes(StandardCharsets.UTF_8));
        return newSuccessResponse(forged.getBytes(StandardCharsets.UTF_8));
      }
      case "rogue:readLocator" -> {
        return newSuccessResponse(stub.getState(locatorKey(stub, args.get(0))));
      }
      case "rogue:forgePrivate" -> {
        final String collection = PairStore.collection(args.get(0), args.get(1));
        final String key = stub.createCompositeKey(args.get(2), args.get(3)).toString();
        final String forged =
            "{\"referralId\":\"" + args.get(3) + "\",\"status\":\"" + args.get(4) + "\"}";
        stub.putPrivateData(collection, key, forged.getBytes(StandardCharsets.UTF_8));
        return newSuccessResponse();
      }
      case "rogue:read" -> {
        final String key = stub.createCompositeKey(args.get(0), args.get(1)).toString();
        return newSuccessResponse(stub.getState(key));
      }
      default -> {
        return newErrorResponse("rogue chaincode: no " + fn);
      }
    }
  }

  /** {@code referral~loc [hex(sha256(referralId))]}, as the honest chaincode keys a locator. */
  private static String locatorKey(final ChaincodeStub stub, final String referralId) {
    try {
      return stub.createCompositeKey(
              "referral~loc",
              java.util.HexFormat.of()
                  .formatHex(
                      java.security.MessageDigest.getInstance("SHA-256")
                          .digest(referralId.getBytes(StandardCharsets.UTF_8))))
          .toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
