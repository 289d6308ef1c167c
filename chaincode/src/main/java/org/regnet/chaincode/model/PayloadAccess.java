package org.regnet.chaincode.model;

/** A recorded access to a referral payload (the receipt of {@code referral:readPayload}). */
public record PayloadAccess(
    String accessId,
    String referralId,
    String msp,
    String certId,
    PermittedUse purpose,
    String payloadHash,
    String at,
    String validUntil) {}
