package org.regnet.chaincode.request;

import java.util.List;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.DataClass;
import org.regnet.chaincode.model.InstrumentClass;
import org.regnet.chaincode.model.PermittedUse;
import org.regnet.chaincode.model.Typology;
import org.regnet.chaincode.validate.Check;

/** {@code referral:submit} (public part; the confidential payload comes in the transient map). */
public record SubmitReferralRequest(
    String agreementId,
    Typology typology,
    InstrumentClass instrumentClass,
    List<DataClass> dataClasses,
    List<PermittedUse> purposes) {

  public SubmitReferralRequest validated() {
    new IdRef.AgreementRef(agreementId).id();
    Check.required("typology", typology);
    if (typology.family() != Typology.Family.MARKET_ABUSE) {
      throw ErrorCode.VALIDATION_FAILED.exception("typology", "must be a market-abuse typology");
    }
    Check.required("instrumentClass", instrumentClass);
    return new SubmitReferralRequest(
        agreementId,
        typology,
        instrumentClass,
        Check.set("dataClasses", dataClasses, 1, 8),
        Check.set("purposes", purposes, 1, 8));
  }
}
