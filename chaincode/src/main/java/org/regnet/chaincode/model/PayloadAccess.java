package org.regnet.chaincode.model;

/**
 * A recorded access to a referral payload (the receipt of {@code referral:readPayload}): it serves
 * one {@code fetchPayload} by the certificate whose SHA-256 fingerprint it names, on that
 * certificate's own peer, while it is the latest access that certificate recorded on the referral
 * and the peer's clock is within the window after {@code at} ({@code validUntil}).
 */
public record PayloadAccess(
    String accessId,
    String referralId,
    String msp,
    String certFingerprint,
    PermittedUse purpose,
    String payloadHash,
    String at,
    String validUntil) {}
