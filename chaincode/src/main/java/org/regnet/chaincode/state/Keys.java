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

  /** Private data (the pair's collection): the referral record, by id. */
  public static final String REFERRAL = "referral";

  /**
   * Public: SHA-256(referral id) -> the pair whose collection holds the referral (decision 0020).
   * Only the hash of the id is public, as the private keys' hashes are in every block anyway.
   */
  public static final String REFERRAL_LOCATOR = "referral~loc";

  /**
   * Public: SHA-256(referral id, 0, onward recipient) -> the hashes an onward delivery must match
   * (decision 0020): the delivery's endorsers (the recipient's and the third member's peers) cannot
   * read the referral's pair collection, so its parties vouch for the share here.
   */
  public static final String ONWARD_GRANT = "referral~onward";

  /** Private data (the pair's collection): a transaction's event details, by transaction id. */
  public static final String PAIR_EVENT = "pair~event";

  /** Private data (the pair's collection): (recipient, ts, id) -> id. */
  public static final String REFERRAL_INBOX = "referral~in";

  /** Private data (the pair's collection): (originator, ts, id) -> id. */
  public static final String REFERRAL_OUTBOX = "referral~out";

  /** Private data (the reader's pair collection): (referralId, accessId) -> the access. */
  public static final String REFERRAL_ACCESS = "referral~access";

  /** (referralId, certificate fingerprint) -> the latest access that certificate recorded. */
  public static final String REFERRAL_ACCESS_LATEST = "referral~access~latest";

  public static final String FLAG = "flag";

  /** Custody records of documents sent node to node, by opaque custody id. */
  public static final String EVIDENCE = "evidence";

  public static final String FLAG_LOOKUP = "flag~lookup";

  /**
   * [flagId] -> SHA-256 of the flag's lookup key: lets {@code flag:recordMatch} check the caller's
   * key by the flag id alone, so the queried hash never appears in its read set (in the block).
   */
  public static final String FLAG_MATCH_PROOF = "flag~proof";

  /**
   * Private data (pair collections): [flagId, certificate fingerprint] -> the audit entry of the
   * recorded match that lets that certificate see the flag's details in {@code flag:lookup}.
   */
  public static final String FLAG_MATCH = "flag~match";

  /**
   * Private data (pair collections): [flagId] -> the lookup key and idempotency key of the copy, so
   * that the originator can write the same flag for a member admitted later.
   */
  public static final String FLAG_SOURCE = "flag~source";

  /** Private data (pair collections): [flagId, sortable time, txId] -> a flag's audit entry. */
  public static final String FLAG_AUDIT = "flag~audit";

  /** Private data (pair collections, {@link PairStore}): the sealed referral payload. */
  public static final String PRIVATE_PAYLOAD = "referral~payload";

  /** Private data (pair collections): information request/response messages. */
  public static final String PRIVATE_EXCHANGE = "referral~exchange";

  /** Private data (the pair's collection): the request for assistance record, by id. */
  public static final String ASSISTANCE = "rfa";

  /** Private data (the pair's collection): (requested, ts, id) -> id. */
  public static final String ASSISTANCE_INBOX = "rfa~in";

  /** Private data (the pair's collection): (requester, ts, id) -> id. */
  public static final String ASSISTANCE_OUTBOX = "rfa~out";

  /**
   * Public: SHA-256(request id) -> the pair whose collection holds the request (decision 0029), as
   * {@link #REFERRAL_LOCATOR} for referrals.
   */
  public static final String ASSISTANCE_LOCATOR = "rfa~loc";

  /** Private data (the pair's collection): a request's sealed content and later sealed messages. */
  public static final String PRIVATE_ASSISTANCE = "rfa~private";

  public static final String AUDIT_OBJECT = "audit~obj~";
  public static final String AUDIT_TIME = "audit~time~";
  public static final String AUDIT_ACTOR = "audit~actor~";

  private Keys() {}

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
