package org.regnet.node.store;

/**
 * What the follower files for one chaincode event: the event itself (in the inbox, or recorded as
 * not relevant) or, when it can never be filed as it is, its raw payload in the quarantine. A
 * block's filings commit together with the checkpoint ({@link InboxStore#file}).
 */
public sealed interface Filing {
  /** The event's key: transaction id and event name, unique in the inbox. */
  String key();

  String txId();

  long block();

  /** An event for the inbox; an irrelevant one is recorded without its payload. */
  record Event(
      String key,
      String name,
      String objectId,
      String treatyId,
      String txId,
      long block,
      String payload,
      boolean relevant)
      implements Filing {}

  /** An event the inbox cannot hold, kept raw for an operator. */
  record Quarantine(String key, String txId, long block, String reason, byte[] payload)
      implements Filing {
    public Quarantine {
      payload = payload.clone();
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }
  }
}
