package org.regnet.network.fabric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One static private data collection per unordered pair of member authorities, declared with the
 * chaincode definition (docs/decisions/0013). Only the two members' peers hold its data
 * (memberOnlyRead/Write); a write to it commits only with both members' peers' endorsements (the
 * collection-level endorsement policy); blockToLive 0 (records are purged by the chaincode, which
 * needs the V2_5 application capability the channel already has).
 *
 * <p>Name: {@code pair_<a>_<b>} with the two MSP ids in ascending order, each escaped so that
 * Fabric's collection-name rule ({@code ^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$}, lifecycle scc.go) holds:
 * '-' becomes "-0" and '.' becomes "-1" (MSP ids never contain '_', so '_' separates). The
 * chaincode computes the same name ({@code org.regnet.chaincode.state.PairStore}).
 */
public final class PairCollections {

  private static final String PREFIX = "pair_";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PairCollections() {}

  /** The collection of the pair {a, b}, whichever order they are given in. */
  public static String name(String a, String b) {
    Objects.requireNonNull(a, "a == null");
    Objects.requireNonNull(b, "b == null");
    if (a.equals(b)) {
      throw new IllegalArgumentException("a pair needs two members: " + a);
    }
    String first = a.compareTo(b) < 0 ? a : b;
    String second = first.equals(a) ? b : a;
    return PREFIX + escape(first) + "_" + escape(second);
  }

  /** The two MSP ids a pair collection's name stands for, or empty for any other collection. */
  public static Optional<List<String>> parties(String collection) {
    if (!collection.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = collection.substring(PREFIX.length()).split("_", -1);
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(List.of(unescape(parts[0]), unescape(parts[1])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The collection config ({@code peer lifecycle chaincode ... --collections-config}) for the
   * current {@code members}, keeping every collection already in the committed definition ({@code
   * committed}, Fabric refuses a definition that drops one). A kept pair with a member that has
   * left the channel names only the party still in it, because Fabric refuses a member policy
   * naming an MSP outside the channel. A pair of which neither party remains is refused: every MSP
   * left in the channel runs peers (each member runs its own orderer and peer, decision 0015), so
   * naming any of them would let its peers reconcile the pair's history.
   */
  public static String config(Collection<String> members, Collection<String> committed) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(members));
    TreeSet<String> names = new TreeSet<>();
    ArrayNode out = JSON.createArrayNode();
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        String name = name(sorted.get(i), sorted.get(j));
        names.add(name);
        out.add(collection(name, List.of(sorted.get(i), sorted.get(j))));
      }
    }
    for (String name : new TreeSet<>(committed)) {
      if (names.contains(name)) {
        continue;
      }
      List<String> parties =
          parties(name)
              .orElseThrow(() -> new IllegalArgumentException("not a pair collection: " + name))
              .stream()
              .filter(members::contains)
              .toList();
      if (parties.isEmpty()) {
        throw new IllegalArgumentException(
            name
                + ": both parties have left the channel, and no remaining member may hold their"
                + " collection; purge it before the second party leaves");
      }
      out.add(collection(name, parties));
    }
    return out.toPrettyString();
  }

  /** The collection names in a {@code peer lifecycle chaincode querycommitted -O json} answer. */
  public static List<String> committedNames(String querycommittedJson) {
    try {
      List<String> names = new ArrayList<>();
      JsonNode config = JSON.readTree(querycommittedJson).path("collections").path("config");
      for (JsonNode c : config) {
        // the CLI prints the Go structs with encoding/json, so the oneof wrapper's spelling
        // ("Payload"/"StaticCollectionConfig") is not protobuf JSON; the name is the one "name"
        JsonNode name = c.findValue("name");
        if (name != null && !name.asText().isEmpty()) {
          names.add(name.asText());
        }
      }
      return names;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not a committed chaincode definition", e);
    }
  }

  private static ObjectNode collection(String name, List<String> msps) {
    ObjectNode c = JSON.createObjectNode();
    c.put("name", name);
    c.put("policy", "OR(" + principals(msps, "member") + ")");
    c.put("requiredPeerCount", 0);
    c.put("maxPeerCount", 1);
    c.put("blockToLive", 0);
    c.put("memberOnlyRead", true);
    c.put("memberOnlyWrite", true);
    c.putObject("endorsementPolicy")
        .put("signaturePolicy", "AND(" + principals(msps, "peer") + ")");
    return c;
  }

  private static String principals(List<String> msps, String role) {
    return String.join(", ", msps.stream().map(m -> "'" + m + "." + role + "'").toList());
  }

  private static String escape(String msp) {
    if (!msp.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,63}")) {
      throw new IllegalArgumentException("not an MSP id: " + msp);
    }
    return msp.replace("-", "-0").replace(".", "-1");
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '-') {
        sb.append(c);
        continue;
      }
      if (i + 1 >= s.length()) {
        throw new IllegalArgumentException("dangling escape");
      }
      char e = s.charAt(++i);
      if (e == '0') {
        sb.append('-');
      } else if (e == '1') {
        sb.append('.');
      } else {
        throw new IllegalArgumentException("bad escape");
      }
    }
    return sb.toString();
  }
}
