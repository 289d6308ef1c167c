package org.regnet.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.regnet.crypto.OrgMaterial;
import org.regnet.crypto.OrgSpec;
import org.regnet.crypto.OrganizationCrypto;
import org.regnet.crypto.TlsServerSpec;
import org.regnet.node.service.KeySealer;
import org.regnet.node.service.SealedKeys;

/**
 * A node configuration for tests: real CA and TLS material from our PKI (an issuing CA under the
 * organisation's root, its key sealed with {@link #SECRET}), an ephemeral port.
 */
public final class TestConfigs {
  /** The node secret the issuing CA's key is sealed with. */
  public static final String SECRET = "x".repeat(40);

  private TestConfigs() {}

  /**
   * Writes {@code dir/node.yaml} (with {@code extra} YAML lines appended) and its crypto material.
   */
  public static Path write(Path dir, String extra) throws Exception {
    return write(dir, "test.regnet.test", "TestMSP", extra);
  }

  /** As {@link #write(Path, String)}, for an organisation {@code domain} with {@code mspId}. */
  public static Path write(Path dir, String domain, String mspId, String extra) throws Exception {
    OrgMaterial org =
        OrganizationCrypto.generate(
            dir.resolve("crypto"),
            new OrgSpec(
                domain,
                mspId,
                "CH",
                List.of(),
                List.of(),
                List.of(new TlsServerSpec("node", List.of())),
                List.of("node")));
    Path sealed = dir.resolve("issuing-ca.sealed");
    SealedKeys.seal(
        new KeySealer(SECRET),
        SealedKeys.ISSUING_CA,
        org.issuingCaDir("node").resolve("priv_sk"),
        sealed);
    Path tls = org.tlsServerDir("node");
    Path cfg = dir.resolve("node.yaml");
    Files.writeString(
        cfg,
        """
        name: test
        mspId: %s
        listen: { host: 127.0.0.1, port: 0 }
        tls: { cert: %s, key: %s }
        dataDir: %s
        peer: { address: 127.0.0.1:1, tlsRootCert: %s, hostOverride: peer0.%s }
        channel: regnet-cases
        chaincode: regnet
        issuingCa: { cert: %s, sealedKey: %s }
        """
                .formatted(
                    mspId,
                    tls.resolve("server.crt"),
                    tls.resolve("server.key"),
                    dir.resolve("data"),
                    tls.resolve("ca.crt"),
                    domain,
                    org.issuingCaDir("node").resolve("ca.crt"),
                    sealed)
            + extra);
    return cfg;
  }

  /** The root CA certificate of organisation {@code domain} written under {@code dir}. */
  public static Path rootCa(Path dir, String domain) {
    return new OrgMaterial(dir.resolve("crypto").resolve(domain), domain).caCert();
  }

  /** The CA certificate of the node's HTTPS certificate written by {@link #write}. */
  public static Path tlsCa(Path dir) {
    return dir.resolve("crypto/test.regnet.test/tls-servers/node.test.regnet.test/ca.crt");
  }
}
