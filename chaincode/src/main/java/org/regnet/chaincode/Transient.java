package org.regnet.chaincode;

import java.util.Map;
import org.hyperledger.fabric.shim.ChaincodeStub;

/** Reads entries of the transient map (confidential input that is never recorded in the block). */
public final class Transient {

  public static final int MAX_PAYLOAD = 256 * 1024;

  private Transient() {}

  public static byte[] required(final ChaincodeStub stub, final String key, final int maxBytes) {
    final Map<String, byte[]> map = stub.getTransient();
    final byte[] v = map == null ? null : map.get(key);
    if (v == null || v.length == 0) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "transient." + key, "required in the transient map");
    }
    if (v.length > maxBytes) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "transient." + key, "larger than " + maxBytes + " bytes");
    }
    return v.clone();
  }

  /**
   * The confidential {@code payload} entry, parsed as {@code type} (at most {@link #MAX_PAYLOAD}
   * bytes); the caller validates it.
   */
  public static <T> T payload(final ChaincodeStub stub, final Class<T> type) {
    return org.regnet.chaincode.json.Json.parse(
        "transient.payload", required(stub, "payload", MAX_PAYLOAD), MAX_PAYLOAD, type);
  }

  /** The client's salt: 16..64 bytes. */
  public static byte[] salt(final ChaincodeStub stub) {
    final byte[] salt = required(stub, "salt", 64);
    if (salt.length < 16) {
      throw ErrorCode.VALIDATION_FAILED.exception("transient.salt", "must be 16 to 64 bytes");
    }
    return salt;
  }
}
