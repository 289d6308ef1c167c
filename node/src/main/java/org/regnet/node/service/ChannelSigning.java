package org.regnet.node.service;

import java.util.List;

/**
 * What the membership votes need of an organisation's channel admin: its signature of a {@code
 * common.ConfigUpdate}, and the submission of an update with gathered signatures.
 */
public interface ChannelSigning {
  /** This organisation's admin signature of the update, base64 of a {@code ConfigSignature}. */
  String sign(byte[] configUpdate);

  /** Submits the update with the gathered signatures; returns the orderer's status, or throws. */
  String submit(byte[] configUpdate, List<String> signatures);
}
