package org.regnet.chaincode.model;

/** The unified typology: market abuse (referrals) and illicit activity (flags). */
public enum Typology {
  SPOOFING(Family.MARKET_ABUSE),
  LAYERING(Family.MARKET_ABUSE),
  WASH_TRADING(Family.MARKET_ABUSE),
  PUMP_AND_DUMP(Family.MARKET_ABUSE),
  FRONT_RUNNING(Family.MARKET_ABUSE),
  INSIDER_DEALING(Family.MARKET_ABUSE),
  MARKING_THE_CLOSE(Family.MARKET_ABUSE),
  ORACLE_MANIPULATION(Family.MARKET_ABUSE),
  CROSS_VENUE_MANIPULATION(Family.MARKET_ABUSE),
  SANCTIONS_EVASION(Family.ILLICIT_ACTIVITY),
  RANSOMWARE(Family.ILLICIT_ACTIVITY),
  FRAUD_SCAM(Family.ILLICIT_ACTIVITY),
  TERRORIST_FINANCING(Family.ILLICIT_ACTIVITY),
  MIXER_LAUNDERING(Family.ILLICIT_ACTIVITY),
  DARKNET_MARKET(Family.ILLICIT_ACTIVITY),
  HACK_PROCEEDS(Family.ILLICIT_ACTIVITY);

  /** Typology families. */
  public enum Family {
    MARKET_ABUSE,
    ILLICIT_ACTIVITY
  }

  private final Family family;

  Typology(final Family family) {
    this.family = family;
  }

  public Family family() {
    return family;
  }
}
