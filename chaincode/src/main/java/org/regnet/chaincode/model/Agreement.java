package org.regnet.chaincode.model;

import java.time.Instant;
import java.util.List;

/**
 * A bilateral agreement under a treaty; {@code effectiveStatus} is computed at the transaction
 * time; {@code transferBasis} is the GDPR basis of its transfers of personal data (null in
 * agreements proposed without one).
 */
public record Agreement(
    String agreementId,
    String treatyId,
    String proposer,
    String counterparty,
    List<String> parties,
    AgreementScope scope,
    String validFrom,
    String validUntil,
    AgreementStatus status,
    AgreementStatus effectiveStatus,
    String createdAt,
    String updatedAt,
    String signedAt,
    String lastChangedBy,
    TransferBasis transferBasis) {

  public Agreement {
    parties = List.copyOf(parties);
  }

  public boolean party(final String msp) {
    return proposer.equals(msp) || counterparty.equals(msp);
  }

  public String otherParty(final String msp) {
    return proposer.equals(msp) ? counterparty : proposer;
  }

  /** Status as seen at {@code now}: ACTIVE/PROPOSED agreements past validUntil are EXPIRED. */
  public AgreementStatus statusAt(final Instant now) {
    if (status == AgreementStatus.ACTIVE || status == AgreementStatus.PROPOSED) {
      if (!now.isBefore(Instant.parse(validUntil))) {
        return AgreementStatus.EXPIRED;
      }
      if (status == AgreementStatus.ACTIVE && now.isBefore(Instant.parse(validFrom))) {
        return AgreementStatus.NOT_YET_VALID;
      }
    }
    return status;
  }

  public boolean inForceAt(final Instant now) {
    return statusAt(now) == AgreementStatus.ACTIVE;
  }

  public Agreement evaluatedAt(final Instant now) {
    return with(status, updatedAt, signedAt, lastChangedBy, statusAt(now));
  }

  public Agreement transition(final AgreementStatus to, final String at, final String by) {
    return with(to, at, to == AgreementStatus.ACTIVE ? at : signedAt, by, null);
  }

  /** The stored form: effectiveStatus cleared. */
  public Agreement stored() {
    return with(status, updatedAt, signedAt, lastChangedBy, null);
  }

  private Agreement with(
      final AgreementStatus s,
      final String upd,
      final String signed,
      final String by,
      final AgreementStatus effective) {
    return new Agreement(
        agreementId,
        treatyId,
        proposer,
        counterparty,
        parties,
        scope,
        validFrom,
        validUntil,
        s,
        effective,
        createdAt,
        upd,
        signed,
        by,
        transferBasis);
  }
}
