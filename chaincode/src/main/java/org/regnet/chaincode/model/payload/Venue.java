package org.regnet.chaincode.model.payload;

import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.validate.Check;

/** A trading venue: ISO 10383 MIC, or a protocol contract address on a CAIP-2 chain. */
public record Venue(String mic, String chainId, String contractAddress, String protocol) {

  public Venue validated(final String f) {
    if (mic != null) {
      if (chainId != null || contractAddress != null || protocol != null) {
        throw ErrorCode.VALIDATION_FAILED.exception(
            f, "either mic or chainId+contractAddress, not both");
      }
      Check.matches(f + ".mic", mic, Check.MIC, "an ISO 10383 MIC");
      return this;
    }
    Check.matches(f + ".chainId", chainId, Check.CHAIN_ID, "a CAIP-2 chain id");
    Check.matches(f + ".contractAddress", contractAddress, Check.ADDRESS, "a contract address");
    Check.optionalText(f + ".protocol", protocol, Check.SHORT_TEXT, false);
    return this;
  }
}
