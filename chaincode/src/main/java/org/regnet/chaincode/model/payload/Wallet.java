package org.regnet.chaincode.model.payload;

import org.regnet.chaincode.validate.Check;

/** A wallet address on a CAIP-2 chain. */
public record Wallet(String chainId, String address) {

  public Wallet validated(final String f) {
    Check.matches(f + ".chainId", chainId, Check.CHAIN_ID, "a CAIP-2 chain id");
    Check.matches(f + ".address", address, Check.ADDRESS, "an address");
    return this;
  }
}
