package org.regnet.crypto;

/** Admin or client: the NodeOU that Fabric policies such as {@code OR('X.admin')} match. */
public enum UserType {
  ADMIN("admin"),
  CLIENT("client");

  private final String ou;

  UserType(String ou) {
    this.ou = ou;
  }

  public String ou() {
    return ou;
  }
}
