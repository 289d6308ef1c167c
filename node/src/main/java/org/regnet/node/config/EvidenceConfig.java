package org.regnet.node.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The evidence port (docs/decisions/0019): where this node listens for documents from other
 * authorities' nodes, where it keeps them, which user records receipts (a case officer, who also
 * reads the case parties from the ledger), and each counterparty authority's root certificate (as
 * in the channel's MSP definitions) and evidence endpoint.
 */
public record EvidenceConfig(
    String host,
    int port,
    Path storeDir,
    String receiptUser,
    Map<String, Counterparty> authorities) {

  /** A counterparty's root CA certificate and the URL of its node's evidence port. */
  public record Counterparty(Path rootCert, URI endpoint) {}

  public EvidenceConfig {
    if (host == null || host.isBlank()) {
      throw new ConfigException("evidence.listen.host", "required");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("evidence.listen.port", "must be 0..65535");
    }
    if (storeDir == null) {
      throw new ConfigException("evidence.storeDir", "required");
    }
    if (receiptUser == null || receiptUser.isBlank()) {
      throw new ConfigException(
          "evidence.receiptUser", "required: the case officer who records receipts");
    }
    authorities = Map.copyOf(authorities == null ? Map.of() : authorities);
    authorities.forEach(
        (msp, c) -> {
          if (c.rootCert() == null || !Files.isRegularFile(c.rootCert())) {
            throw new ConfigException("evidence.authorities." + msp + ".rootCert", "no such file");
          }
          if (c.endpoint() == null || !"https".equals(c.endpoint().getScheme())) {
            throw new ConfigException(
                "evidence.authorities." + msp + ".endpoint", "an https:// URL");
          }
        });
  }
}
