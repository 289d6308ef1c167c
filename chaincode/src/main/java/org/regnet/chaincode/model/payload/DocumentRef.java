package org.regnet.chaincode.model.payload;

import java.util.regex.Pattern;
import org.regnet.chaincode.validate.Check;

/**
 * A document sent with a reply: the id under which it is pinned on chain with its chain of custody
 * (docs/decisions: evidence transfer) and its SHA-256, which the requester checks on receipt.
 */
public record DocumentRef(String documentId, String sha256, String description) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

  public DocumentRef validated(final String f) {
    Check.matches(f + ".documentId", documentId, ID, "a document id");
    Check.hex(f + ".sha256", sha256, 64);
    Check.optionalText(f + ".description", description, 500, false);
    return this;
  }
}
