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

  /**
   * {@code issuing/<name>.<domain>}: an issuing CA's {@code ca.crt} and {@code priv_sk}, to be
   * sealed into its node and then removed from the offline material.
   */
  public Path issuingCaDir(String name) {
    return orgDir.resolve("issuing").resolve(name + "." + domain);
  }

  /** Where the verifying MSP lists the issuing CAs' certificates. */
  public Path intermediateCertsDir() {
    return mspDir().resolve("intermediatecerts");
  }

  /** Where the verifying MSP lists one issuing CA's certificate. */
  public Path intermediateCert(String name) {
    return intermediateCertsDir().resolve(name + "." + domain + "-cert.pem");
  }

  /** Copies of the certificates revoked by the root, one file per serial. */
  public Path revokedDir() {
    return orgDir.resolve("revoked");
  }

  /** The CRLs of the verifying MSP, signed by the root CA. */
  public Path crlDir() {
    return mspDir().resolve("crls");
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
