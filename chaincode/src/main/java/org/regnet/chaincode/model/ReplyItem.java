package org.regnet.chaincode.model;

/** One item of a reply: its number in the request, the outcome and, when refused, the ground. */
public record ReplyItem(int itemNo, ItemOutcome outcome, RefusalGround refusalGround) {}
