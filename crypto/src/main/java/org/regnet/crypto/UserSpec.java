package org.regnet.crypto;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A user identity. Its attributes (e.g. {@code role=investigator}) go into the Fabric attribute
 * extension; {@code hf.EnrollmentID} and {@code hf.Type} are added as Fabric CA would.
 */
public record UserSpec(String name, UserType type, Map<String, String> attributes) {

  public UserSpec {
    Checks.name(name, "user name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(attributes, "attributes");
    TreeMap<String, String> sorted = new TreeMap<>();
    attributes.forEach(
        (k, v) ->
            sorted.put(
                Checks.noControl(k, "attribute name"), Checks.noControl(v, "attribute " + k)));
    attributes = java.util.Collections.unmodifiableMap(sorted);
  }

  /** The attributes as written into the certificate. */
  public Map<String, String> certificateAttributes() {
    TreeMap<String, String> all = new TreeMap<>(attributes);
    all.put("hf.EnrollmentID", name);
    all.put("hf.Type", type.ou());
    return all;
  }
}
