package org.regnet.node.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The admin listener (plain HTTP, metrics): bound to a loopback address only, so what it tells
 * (per-route counts, the inbox quarantine) never reaches the network.
 */
public record AdminEndpoint(String host, int port) {
  public AdminEndpoint {
    if (host == null || host.isBlank()) {
      throw new ConfigException("admin.host", "required");
    }
    try {
      if (!InetAddress.getByName(host).isLoopbackAddress()) {
        throw new ConfigException("admin.host", "must be a loopback address");
      }
    } catch (UnknownHostException e) {
      throw new ConfigException("admin.host", "unknown host: " + host);
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("admin.port", "must be 0..65535");
    }
  }
}
