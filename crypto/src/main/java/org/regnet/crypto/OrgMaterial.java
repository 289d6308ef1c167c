package org.regnet.crypto;

import java.nio.file.Path;

/** Where one organisation's generated material lies (Fabric MSP layout, like cryptogen's). */
public record OrgMaterial(Path orgDir, String domain) {

  public Path mspDir() {
    return orgDir.resolve("msp");
  }

  public Path caCert() {
    return orgDir.resolve("ca").resolve("ca." + domain + "-cert.pem");
  }

  public Path caKey() {
    return orgDir.resolve("ca").resolve("priv_sk");
  }

  public Path tlsCaCert() {
    return orgDir.resolve("tlsca").resolve("tlsca." + domain + "-cert.pem");
  }

  public Path tlsCaKey() {
    return orgDir.resolve("tlsca").resolve("priv_sk");
  }

  /** {@code nodes/<name>.<domain>}: holds {@code msp/} and {@code tls/}. */
  public Path nodeDir(String name) {
    return orgDir.resolve("nodes").resolve(name + "." + domain);
  }

  public Path userDir(String user) {
    return orgDir.resolve("users").resolve(user + "@" + domain);
  }

  public Path userMspDir(String user) {
    return userDir(user).resolve("msp");
  }

  public Path userTlsDir(String user) {
    return userDir(user).resolve("tls");
  }

  /**
   * {@code tls-servers/<name>.<domain>}: {@code ca.crt}, {@code server.crt}, {@code server.key}.
   */
  public Path tlsServerDir(String name) {
    return orgDir.resolve("tls-servers").resolve(name + "." + domain);
  }
}
