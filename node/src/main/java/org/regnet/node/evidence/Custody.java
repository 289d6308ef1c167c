package org.regnet.node.evidence;

/**
 * The chain-of-custody record of documents on the ledger: the sender pins a document before it
 * goes, the receiver records receipt after it verified the hash. The seam keeps where the record
 * lives (channel state today, a per-pair private collection later) out of the transfer code.
 */
public interface Custody {
  /** Records that this node (the sender) sends the document. */
  void pin(DocumentMeta meta);

  /** Records that this node (the receiver) received the document and verified its hash. */
  void receive(DocumentMeta meta);
}
