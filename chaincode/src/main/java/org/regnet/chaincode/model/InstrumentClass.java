package org.regnet.chaincode.model;

/**
 * Instrument classes: the ISO 10962 (CFI) categories relevant to crypto derivatives, with
 * crypto-specific classes that refine one of them. A scope listing a CFI class covers its
 * refinements.
 */
public enum InstrumentClass {
  LISTED_OPTION('O', null),
  NON_LISTED_OPTION('H', null),
  FUTURE('F', null),
  SWAP('S', null),
  SPOT('I', null),
  FORWARD('J', null),
  FINANCING('L', null),
  PERPETUAL_FUTURE('F', FUTURE),
  DATED_FUTURE('F', FUTURE),
  CRYPTO_OPTION('O', LISTED_OPTION),
  MARGIN_LENDING_ENGINE('L', FINANCING);

  private final char cfiCategory;
  private final InstrumentClass refines;

  InstrumentClass(final char cfiCategory, final InstrumentClass refines) {
    this.cfiCategory = cfiCategory;
    this.refines = refines;
  }

  /** The ISO 10962 category letter (first CFI character). */
  public char cfiCategory() {
    return cfiCategory;
  }

  /** True when this class equals {@code other} or is the CFI class {@code other} refines. */
  public boolean covers(final InstrumentClass other) {
    return this == other || other.refines == this;
  }
}
