package org.regnet.chaincode.model;

/**
 * Where a request for assistance lives: the public value under the hash of its id (decisions 0020,
 * 0029). Like a referral's locator it names only what every block of the request's transactions
 * shows anyway: the pair whose collection they write (the collection name is in the hashed
 * read/write set), the direction (the submitter's certificate) and the treaty (the agreement the
 * submission reads is public). It names neither the id nor any fact of the request.
 */
public record AssistanceLocator(String requester, String requested, String treatyId) {}
