package org.regnet.chaincode.model;

/** A copy of a referral payload given to a third member under a consent. */
public record OnwardShare(String recipient, PermittedUse use, String consentId, String sharedAt) {}
