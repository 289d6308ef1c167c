package org.regnet.chaincode.model.payload;

import org.regnet.chaincode.model.AssistanceType;
import org.regnet.chaincode.validate.Check;

/** One thing asked for; its number in replies is its position in the request (from 1). */
public record AssistanceItem(AssistanceType type, String description) {

  public AssistanceItem validated(final String f) {
    Check.required(f + ".type", type);
    Check.text(f + ".description", description, 5000, true);
    return this;
  }
}
