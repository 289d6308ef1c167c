package org.regnet.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.client.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.crypto.Pem;
import org.regnet.node.Node;
import org.regnet.node.TestConfigs;
import org.regnet.node.config.NodeConfig;
import org.regnet.node.config.NodeConfigLoader;
import org.regnet.node.service.LedgerException;

/**
 * The Gateways the node signs with, per user: real certificates and keys, no peer needed (a Gateway
 * connects lazily).
 */
class FabricLedgerIdentityTest {

  @Test
  void disabling_a_user_stops_signing_with_its_certificate_at_once(@TempDir Path dir)
      throws Exception {
    NodeConfig cfg =
        NodeConfigLoader.load(
            TestConfigs.write(dir, ""), Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET));
    Node node = new Node(cfg);
    node.userAdmin().create("carol", "case-officer", "carol-password-123");
    try (FabricLedger ledger = new FabricLedger(cfg, node.identities())) {
      Gateway first = ledger.gateway("carol");
      assertThat(ledger.gateway("carol")).isSameAs(first);
      assertThat(first.getIdentity().getCredentials())
          .isEqualTo(
              Pem.encode(node.identities().certificate("carol"))
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

      node.userAdmin().disable("carol");

      assertThatThrownBy(() -> ledger.gateway("carol"))
          .isInstanceOfSatisfying(
              LedgerException.class, e -> assertThat(e.code()).isEqualTo("ACCESS_DENIED"));
      assertThatThrownBy(() -> ledger.submit("carol", "treaty:found", "{}", Map.of(), List.of()))
          .isInstanceOfSatisfying(
              LedgerException.class, e -> assertThat(e.code()).isEqualTo("ACCESS_DENIED"));
    }
  }

  @Test
  void a_renewed_certificate_gets_a_new_gateway(@TempDir Path dir) throws Exception {
    NodeConfig cfg =
        NodeConfigLoader.load(
            TestConfigs.write(dir, ""), Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET));
    Node node = new Node(cfg);
    node.userAdmin().create("carol", "case-officer", "carol-password-123");
    try (FabricLedger ledger = new FabricLedger(cfg, node.identities())) {
      Gateway first = ledger.gateway("carol");
      // A renewal elsewhere (another thread, or the renewer) stores a new certificate.
      var old = node.identities().certificate("carol");
      var issuer =
          new org.regnet.node.service.CertificateIssuer(
              org.regnet.crypto.CertificateAuthority.load(
                  dir.resolve("crypto/test.regnet.test/issuing/node.test.regnet.test/ca.crt"),
                  dir.resolve("crypto/test.regnet.test/issuing/node.test.regnet.test/priv_sk")),
              java.time.Duration.ofHours(24),
              java.time.Clock.systemUTC());
      var renewed = issuer.issueUser("carol", "case-officer", old.getPublicKey());
      node.users().setCertificate("carol", Pem.encode(renewed));

      Gateway second = ledger.gateway("carol");

      assertThat(second).isNotSameAs(first);
      assertThat(second.getIdentity().getCredentials())
          .isEqualTo(Pem.encode(renewed).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
  }
}
