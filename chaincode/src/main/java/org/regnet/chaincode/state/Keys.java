package org.regnet.chaincode.state;

import java.time.Instant;
import org.regnet.chaincode.ErrorCode;

/**
 * The key scheme. Objects and list indexes are composite keys (object type + attributes, the shim's
 * U+0000-delimited format); the audit indexes are simple '~'-separated keys because the shim only
 * allows range queries (needed for time ranges) over simple keys. No id component may contain '~'
 * (ids are validated against patterns without it).
 */
public final class Keys {

  public static final String TREATY = "treaty";
  public static final String MCHANGE = "mchange";
  public static final String MCHANGE_OPEN = "mchange~open";

  /** The channel config update (and its signatures) a membership change carries. */
  public static final String MCHANGE_CHANNEL = "mchange~channel";

  public static final String AGREEMENT = "agreement";
  public static final String AGREEMENT_BY_MEMBER = "agreement~member";
  public static final String REFERRAL = "referral";
  public static final String REFERRAL_INBOX = "referral~in";
  public static final String REFERRAL_OUTBOX = "referral~out";
  public static final String REFERRAL_ACCESS = "referral~access";
  public static final String FLAG = "flag";

  /** Custody records of documents sent node to node, by opaque custody id. */
  public static final String EVIDENCE = "evidence";

  public static final String FLAG_LOOKUP = "flag~lookup";

  /** Private data (implicit collections): the sealed referral payload. */
  public static final String PRIVATE_PAYLOAD = "referral~payload";

  /** Private data (implicit collections): information request/response messages. */
  public static final String PRIVATE_EXCHANGE = "referral~exchange";

  public static final String AUDIT_OBJECT = "audit~obj~";
  public static final String AUDIT_TIME = "audit~time~";
  public static final String AUDIT_ACTOR = "audit~actor~";

  private Keys() {}

  /** Fabric's implicit per-organisation collection. */
  public static String implicitCollection(final String msp) {
    return "_implicit_org_" + msp;
  }

  /** 21-digit sortable timestamp: 12 digits of epoch seconds then 9 of nanoseconds. */
  public static String sortable(final Instant t) {
    if (t.getEpochSecond() < 0 || t.getEpochSecond() > 999_999_999_999L) {
      throw ErrorCode.INTERNAL.exception("timestamp", "out of the sortable range");
    }
    return String.format(java.util.Locale.ROOT, "%012d%09d", t.getEpochSecond(), t.getNano());
  }

  /** The first n hex characters of the transaction id, used in generated ids. */
  public static String txPrefix(final String txId, final int n) {
    if (txId == null || txId.length() < n || !txId.substring(0, n).matches("[0-9a-f]+")) {
      throw ErrorCode.INTERNAL.exception("txId", "not a hex transaction id");
    }
    return txId.substring(0, n);
  }
}
