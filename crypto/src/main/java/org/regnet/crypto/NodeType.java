package org.regnet.crypto;

/** The kind of Fabric node an identity belongs to; its name is the NodeOU in the certificate. */
public enum NodeType {
  PEER("peer"),
  ORDERER("orderer");

  private final String ou;

  NodeType(String ou) {
    this.ou = ou;
  }

  public String ou() {
    return ou;
  }
}
