package org.regnet.chaincode.request;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Base64;
import org.hyperledger.fabric.protos.common.ConfigSignature;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.regnet.chaincode.ErrorCode;

/**
 * Channel configuration updates and admins' signatures of them, carried by membership changes so
 * the members' nodes can gather the signatures through the ledger. The chaincode does not verify
 * the signatures cryptographically (the ordering service does, against the channel's admin policy);
 * it checks that each is well formed and made by an identity of the approving member.
 */
public final class ChannelSignatures {
  public static final int MAX_UPDATE_BYTES = 256 * 1024;
  public static final int MAX_SIGNATURE_BYTES = 16 * 1024;

  private ChannelSignatures() {}

  public static byte[] decode(final String field, final String base64, final int max) {
    if (base64.length() > max * 4 / 3 + 4) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "at most " + max + " bytes");
    }
    try {
      final byte[] bytes = Base64.getDecoder().decode(base64);
      if (bytes.length == 0) {
        throw ErrorCode.VALIDATION_FAILED.exception(field, "empty");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "not base64");
    }
  }

  /** The MSP id of the identity that made a ConfigSignature. */
  public static String signerMsp(final String field, final String base64) {
    final byte[] bytes = decode(field, base64, MAX_SIGNATURE_BYTES);
    try {
      final ConfigSignature sig = ConfigSignature.parseFrom(bytes);
      final SignatureHeader header = SignatureHeader.parseFrom(sig.getSignatureHeader());
      final String msp = SerializedIdentity.parseFrom(header.getCreator()).getMspid();
      if (msp.isEmpty() || sig.getSignature().isEmpty()) {
        throw ErrorCode.VALIDATION_FAILED.exception(field, "not a signed ConfigSignature");
      }
      return msp;
    } catch (InvalidProtocolBufferException e) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "not a ConfigSignature");
    }
  }
}
