package org.regnet.chaincode.testing;

import java.util.Set;
import java.util.TreeSet;

/**
 * A static private data collection as the chaincode definition declares it: its member
 * organisations (the only peers that hold its data), memberOnlyRead/memberOnlyWrite (only clients
 * of members may read / write it) and its collection-level endorsement policy, here "every one of
 * {@code endorsers}' peers" (the pair collections' {@code AND('A.peer', 'B.peer')}).
 */
public record StaticCollection(
    String name,
    Set<String> members,
    boolean memberOnlyRead,
    boolean memberOnlyWrite,
    Set<String> endorsers) {

  public StaticCollection {
    members = Set.copyOf(new TreeSet<>(members));
    endorsers = Set.copyOf(new TreeSet<>(endorsers));
  }

  /** The pair collection of {a, b}, as the network tooling declares it. */
  public static StaticCollection pair(final String name, final String a, final String b) {
    return new StaticCollection(name, Set.of(a, b), true, true, Set.of(a, b));
  }

  boolean endorsedBy(final Set<String> endorsingOrgs) {
    return endorsingOrgs.containsAll(endorsers);
  }
}
