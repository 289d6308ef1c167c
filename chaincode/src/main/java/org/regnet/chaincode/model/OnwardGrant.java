package org.regnet.chaincode.model;

/**
 * What the referral's parties vouch for when the recipient shares onward: the payload's salted hash
 * and the SHA-256 of the record as it stood after the share. Public under a hash of the referral id
 * and the onward recipient, so it names neither; the delivery checks what the sharer sends against
 * it (decision 0020).
 */
public record OnwardGrant(String payloadHash, String recordHash) {}
