package org.regnet.chaincode.request;

import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.ChangeKind;
import org.regnet.chaincode.model.Signatory;
import org.regnet.chaincode.validate.Check;

/** {@code treaty:proposeMembershipChange}; {@code signatory} (ADMIT only) defaults to the MMoU. */
public record MembershipChangeRequest(
    String treatyId,
    ChangeKind kind,
    String msp,
    String jurisdiction,
    String lei,
    String channelUpdate,
    String channelSignature,
    Signatory signatory) {

  public MembershipChangeRequest validated() {
    TreatyRef.treatyId("treatyId", treatyId);
    Check.required("kind", kind);
    Check.msp("msp", msp);
    if (kind == ChangeKind.ADMIT) {
      Check.matches("jurisdiction", jurisdiction, Check.JURISDICTION, "an ISO 3166-1 alpha-2 code");
      Check.optionalLei("lei", lei);
    } else if (jurisdiction != null || lei != null || signatory != null) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          jurisdiction != null ? "jurisdiction" : lei != null ? "lei" : "signatory",
          "only allowed with ADMIT");
    }
    if (channelUpdate == null && channelSignature != null) {
      throw ErrorCode.VALIDATION_FAILED.exception("channelSignature", "only with a channelUpdate");
    }
    if (channelUpdate != null) {
      ChannelSignatures.decode("channelUpdate", channelUpdate, ChannelSignatures.MAX_UPDATE_BYTES);
    }
    return this;
  }
}
