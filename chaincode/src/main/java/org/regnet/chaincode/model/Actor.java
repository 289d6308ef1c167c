package org.regnet.chaincode.model;

/** Who did something: MSP id, certificate subject and role. */
public record Actor(String msp, String subject, String role) {}
