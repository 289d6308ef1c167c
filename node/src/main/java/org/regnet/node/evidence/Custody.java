package org.regnet.node.evidence;

/**
 * The chain-of-custody record of documents on the ledger: the sender pins a document before it
 * goes, the receiver records receipt after it verified the hash. The seam keeps where the record
 * lives (channel state today, a per-pair private collection later) out of the transfer code.
 */
public interface Custody {
  /** Records, as {@code username} of the sending authority, that the document is being sent. */
  void pin(String username, DocumentMeta meta);

  /** Records, as the node's receipt user, that the document arrived and its hash matched. */
  void receive(DocumentMeta meta);
}
