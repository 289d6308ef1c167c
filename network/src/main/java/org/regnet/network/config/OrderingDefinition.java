package org.regnet.network.config;

import java.util.Locale;

/**
 * How the members' orderers agree on blocks: {@code Raft} (etcdraft, the default; tolerates the
 * crash of f of 2f+1 consenters) or {@code BFT} (Fabric v3 SmartBFT; tolerates f byzantine of
 * 3f+1). There is no ordering organisation: each member authority runs its own orderer (decision
 * 0015).
 */
public record OrderingDefinition(String type) {
  public static final String RAFT = "Raft";
  public static final String BFT = "BFT";

  /** The default: Raft. */
  public static final OrderingDefinition DEFAULT = new OrderingDefinition(RAFT);

  public OrderingDefinition {
    type = type == null ? RAFT : type;
    if (type.equalsIgnoreCase(RAFT) || type.equalsIgnoreCase("etcdraft")) {
      type = RAFT;
    } else if (type.toUpperCase(Locale.ROOT).equals(BFT)) {
      type = BFT;
    } else {
      throw new InvalidDefinitionException("ordering.type: Raft or BFT, not " + type);
    }
  }

  public boolean bft() {
    return type.equals(BFT);
  }

  /** Fabric's name for the consensus type in configtx.yaml. */
  public String fabricType() {
    return bft() ? "BFT" : "etcdraft";
  }

  /** The fewest consenters this type makes sense with: 3f+1 for f=1 under BFT. */
  public int minimumConsenters() {
    return bft() ? 4 : 1;
  }
}
