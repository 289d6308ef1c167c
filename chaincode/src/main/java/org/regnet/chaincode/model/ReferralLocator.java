package org.regnet.chaincode.model;

/**
 * Where a referral lives: the public value under the hash of its id (decision 0020). It names what
 * every block shows anyway: the pair whose collection a transaction wrote (its name is in the
 * hashed read/write set), the direction (the submitter's certificate is in the block) and the
 * treaty (the agreement the submission read is public). It names neither the id nor any fact of the
 * case.
 */
public record ReferralLocator(String originator, String recipient, String treatyId) {}
