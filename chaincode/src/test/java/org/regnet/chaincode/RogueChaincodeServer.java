package org.regnet.chaincode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * TEST ONLY, never packaged: what a dishonest member could run instead of the regnet chaincode. It
 * serves the same ccaas endpoint with the same TLS material, skips every check and endorses any
 * write it is asked to. The system test {@code RogueEndorsementIT} runs it for two organisations
 * that are not party to a referral, to show that the referral's key-level policy, not the
 * chaincode's honesty, is what protects the record.
 *
 * <ul>
 *   <li>{@code rogue:forgeStatus [referralId, status]}: rewrites the referral's status;
 *   <li>{@code rogue:canary [name]}: writes a key that belongs to nobody (positive control: the
 *       forged endorsement itself is good enough for the chaincode-level policy);
 *   <li>{@code rogue:read [referralId]}: the referral's raw value on this peer, unchecked.
 * </ul>
 */
public final class RogueChaincodeServer extends ChaincodeBase {

  private RogueChaincodeServer(final String id) {
    // the same start-up as the shim's ContractRouter: without it the handshake with the peer fails
    initializeLogging();
    processEnvironmentOptions();
    processCommandLineOptions(new String[] {"--id", id});
    validateOptions();
    // loads the shim's defaults (message sizes, thread pool) that connectToPeer reads
    getChaincodeConfig();
  }

  public static void main(final String[] args) throws Exception {
    final ChaincodeServerMain.ServerConfig config =
        ChaincodeServerMain.ServerConfig.from(System.getenv());
    final RogueChaincodeServer cc = new RogueChaincodeServer(config.chaincodeId());
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
        final String key = stub.createCompositeKey("referral", args.get(0)).toString();
        final String json = new String(stub.getState(key), StandardCharsets.UTF_8);
        final String forged =
            json.replaceFirst("\"status\":\"[A-Z_]+\"", "\"status\":\"" + args.get(1) + "\"");
        stub.putState(key, forged.getBytes(StandardCharsets.UTF_8));
        return newSuccessResponse(forged.getBytes(StandardCharsets.UTF_8));
      }
      case "rogue:canary" -> {
        stub.putState("rogue~canary~" + args.get(0), "forged".getBytes(StandardCharsets.UTF_8));
        return newSuccessResponse();
      }
      case "rogue:read" -> {
        final String key = stub.createCompositeKey("referral", args.get(0)).toString();
        return newSuccessResponse(stub.getState(key));
      }
      default -> {
        return newErrorResponse("rogue chaincode: no " + fn);
      }
    }
  }
}
