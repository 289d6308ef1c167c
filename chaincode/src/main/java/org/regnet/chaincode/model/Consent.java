package org.regnet.chaincode.model;

/** The originator's consent to a use by {@code recipient} (the holder itself or a third member). */
public record Consent(
    String consentId,
    String requestedBy,
    String recipient,
    PermittedUse use,
    ConsentStatus status,
    String requestedAt,
    String grantedAt) {

  public Consent granted(final String at) {
    return new Consent(
        consentId, requestedBy, recipient, use, ConsentStatus.GRANTED, requestedAt, at);
  }
}
