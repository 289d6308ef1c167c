package org.regnet.chaincode.contract;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.access.AccessPolicy;
import org.regnet.chaincode.json.Json;

/**
 * What every regnet contract shares: our context, the access policy before every transaction, and
 * the flush of buffered writes after a successful one (a failure leaves the buffer unwritten).
 */
abstract class RegnetContract implements ContractInterface {

  /** Largest request argument, in bytes. */
  static final int MAX_REQUEST = 16 * 1024;

  /** The contract name, e.g. {@code referral}. */
  abstract String area();

  @Override
  public final Context createContext(final ChaincodeStub stub) {
    return new RegnetContext(stub);
  }

  @Override
  public final void beforeTransaction(final Context ctx) {
    AccessPolicy.authorize(rc(ctx), area());
  }

  @Override
  public final void afterTransaction(final Context ctx, final Object result) {
    rc(ctx).ledger().flush();
  }

  @Override
  public final void unknownTransaction(final Context ctx) {
    throw ErrorCode.NOT_FOUND.exception(
        "function", "unknown transaction " + ctx.getStub().getFunction());
  }

  static RegnetContext rc(final Context ctx) {
    return (RegnetContext) ctx;
  }

  static <T> T request(final String json, final Class<T> type) {
    return Json.parse("request", json, MAX_REQUEST, type);
  }

  /** The transient entry that carries a confidential request (never recorded in the block). */
  static final String TRANSIENT_REQUEST = "request";

  /**
   * A request whose every field is confidential (a bilateral exchange's: its ids, typology,
   * status): it comes from the transient map's {@code request} entry, and the public argument,
   * which every peer's block holds, must be empty ({@code {}}). Queries may also pass it publicly
   * (a query is in no block).
   */
  static <T> T confidential(
      final Context ctx, final String publicArg, final Class<T> type, final boolean submit) {
    final java.util.Map<String, byte[]> t = ctx.getStub().getTransient();
    final byte[] request = t == null ? null : t.get(TRANSIENT_REQUEST);
    final boolean emptyArg = publicArg == null || publicArg.isBlank() || "{}".equals(publicArg);
    if (request == null) {
      if (submit) {
        throw ErrorCode.VALIDATION_FAILED.exception(
            "transient." + TRANSIENT_REQUEST,
            "this transaction takes its request from the transient map, and {} as argument");
      }
      return request(publicArg, type);
    }
    if (!emptyArg) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "request", "the request is in the transient map; the argument must be {}");
    }
    if (request.length > MAX_REQUEST) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "transient." + TRANSIENT_REQUEST, "larger than " + MAX_REQUEST + " bytes");
    }
    return request(new String(request, java.nio.charset.StandardCharsets.UTF_8), type);
  }

  /**
   * A request that may carry a channel configuration update (base64, up to {@link
   * org.regnet.chaincode.request.ChannelSignatures#MAX_UPDATE_BYTES}), which with every member's
   * orderer and consenter certificates outgrows {@link #MAX_REQUEST}.
   */
  static <T> T requestWithChannelUpdate(final String json, final Class<T> type) {
    final int base64 =
        (org.regnet.chaincode.request.ChannelSignatures.MAX_UPDATE_BYTES + 2) / 3 * 4;
    return Json.parse("request", json, MAX_REQUEST + base64, type);
  }

  static String json(final Object result) {
    return Json.string(result);
  }
}
