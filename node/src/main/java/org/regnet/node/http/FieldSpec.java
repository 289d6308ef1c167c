package org.regnet.node.http;

/** One field of a request body: its name, JSON type and whether it is required. */
public record FieldSpec(String name, String type, boolean required) {
  public static FieldSpec required(String name, String type) {
    return new FieldSpec(name, type, true);
  }

  public static FieldSpec optional(String name, String type) {
    return new FieldSpec(name, type, false);
  }
}
