package org.regnet.node.evidence;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The case a document belongs to: a kind and an id, written {@code kind:id}. Referrals are {@code
 * referral:<id>}; a request for assistance is {@code rfa:<id>}, so its reply can carry documents
 * without another format.
 */
public record CaseRef(String kind, String id) {
  private static final Pattern KIND = Pattern.compile("referral|rfa");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public CaseRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (!KIND.matcher(kind).matches()) {
      throw new EvidenceException(EvidenceException.Code.BAD_CASE, "unknown case kind");
    }
    if (!ID.matcher(id).matches()) {
      throw new EvidenceException(EvidenceException.Code.BAD_CASE, "not a valid case id");
    }
  }

  /** Parses {@code kind:id}. */
  public static CaseRef parse(String text) {
    if (text == null) {
      throw new EvidenceException(EvidenceException.Code.BAD_CASE, "case == null");
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new EvidenceException(EvidenceException.Code.BAD_CASE, "case is kind:id");
    }
    return new CaseRef(text.substring(0, colon), text.substring(colon + 1));
  }

  @Override
  public String toString() {
    return kind + ":" + id;
  }
}
