package org.regnet.chaincode.model.payload;

/**
 * What is stored in an implicit collection: the salt (base64) beside the canonical payload JSON, so
 * the on-chain private data hash cannot be confirmed by guessing the payload.
 */
public record SealedPayload(String salt, String payload, String hash) {}
