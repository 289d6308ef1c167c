package org.regnet.chaincode.request;

/** A request argument that must be the empty object: everything else is in the transient map. */
public record NoFields() {}
