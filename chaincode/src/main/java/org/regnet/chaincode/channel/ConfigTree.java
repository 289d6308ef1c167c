package org.regnet.chaincode.channel;

import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;

/**
 * A config group flattened to paths, as Fabric's configtx compares read and write sets: {@code
 * /Channel/Application} for a group, {@code /Channel/Application:value:ACLs} for a value, {@code
 * /Channel/Application:policy:Admins} for a policy; each with its version. Sorted, so every walk
 * over it is deterministic.
 */
final class ConfigTree {

  /** One element: its kind, version, and the proto itself. */
  record Element(String kind, long version, Object proto) {
    boolean group() {
      return kind.equals("group");
    }
  }

  private final Map<String, Element> elements = new TreeMap<>();

  ConfigTree(final ConfigGroup root) {
    add("/Channel", root);
  }

  private void add(final String path, final ConfigGroup g) {
    elements.put(path, new Element("group", g.getVersion(), g));
    new TreeMap<>(g.getValuesMap())
        .forEach(
            (k, v) -> elements.put(path + ":value:" + k, new Element("value", v.getVersion(), v)));
    new TreeMap<>(g.getPoliciesMap())
        .forEach(
            (k, p) ->
                elements.put(path + ":policy:" + k, new Element("policy", p.getVersion(), p)));
    new TreeMap<>(g.getGroupsMap()).forEach((k, child) -> add(path + "/" + k, child));
  }

  Map<String, Element> elements() {
    return elements;
  }

  Element get(final String path) {
    return elements.get(path);
  }

  ConfigGroup group(final String path) {
    final Element e = elements.get(path);
    return e == null || !e.group() ? null : (ConfigGroup) e.proto();
  }

  /**
   * The elements {@code write} modifies against {@code read}, as Fabric computes the delta: those
   * absent from the read set or at another version.
   */
  static Map<String, Element> delta(final ConfigTree read, final ConfigTree write) {
    final Map<String, Element> out = new TreeMap<>();
    write.elements.forEach(
        (path, e) -> {
          final Element r = read.elements.get(path);
          if (r == null || r.version() != e.version()) {
            out.put(path, e);
          }
        });
    return out;
  }

  static boolean isValue(final Element e) {
    return e.proto() instanceof ConfigValue;
  }

  static boolean isPolicy(final Element e) {
    return e.proto() instanceof ConfigPolicy;
  }
}
