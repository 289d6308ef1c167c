package org.regnet.node.evidence;

/**
 * Whether two authorities are the parties of a case, as the ledger records it: the seam through
 * which the receiving node refuses a document for a case the sender is not a party to. The
 * referral's (or request for assistance's) record answers; a test may answer from a table.
 */
@FunctionalInterface
public interface CaseParties {
  boolean parties(CaseRef caseRef, String sender, String receiver);
}
