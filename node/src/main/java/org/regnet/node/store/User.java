package org.regnet.node.store;

/**
 * A member of the authority's staff as the node knows them. Never carries the password hash out.
 */
public record User(String username, String role, boolean disabled, String certificatePem) {}
