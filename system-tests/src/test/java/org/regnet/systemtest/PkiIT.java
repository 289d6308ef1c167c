package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.regnet.crypto.OrgMaterial;
import org.regnet.crypto.Pem;
import org.regnet.network.MspRevocation;
import org.regnet.network.NodesExtension;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * The PKI of a running network: key custody on disk, certificates that expire within minutes yet
 * are renewed by the nodes while they serve, and the revocation of a node's issuing CA through a
 * channel update signed by a majority. Its own network, with a 2-minute certificate lifetime.
 */
@TestMethodOrder(OrderAnnotation.class)
class PkiIT {
  private static final int A = 0, B = 1;
  private static final Duration LIFETIME = Duration.ofMinutes(2);
  private static TestNetwork net;
  private static Instant up;

  @BeforeAll
  static void start() {
    net = TestNetwork.start(25_000, "it-pki", List.of(new NodesExtension(LIFETIME)));
    // Every certificate the nodes issued so far (users, event readers) ends before up + LIFETIME.
    up = Instant.now();
  }

  private static OrganizationDefinition org(int i) {
    return net.network().definition().organizations().get(i);
  }

  private static String msp(int i) {
    return org(i).mspId();
  }

  @Test
  @Order(1)
  void every_key_and_secret_file_of_the_started_network_is_owner_only_in_an_owner_only_folder()
      throws IOException {
    Path state = net.network().layout().stateDir();
    List<String> open = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(state)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!secret(f)) {
          continue;
        }
        checked++;
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
        String dirMode =
            PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent()));
        if (!mode.endsWith("------") || !dirMode.equals("rwx------")) {
          open.add(state.relativize(f) + " " + mode + " in " + dirMode);
        }
      }
    }
    assertThat(checked).as("secret files found").isGreaterThan(30);
    assertThat(open).as("secret files others could read").isEmpty();
  }

  /** A private key, a sealed key, a secret, credentials, or a package holding a TLS key. */
  private static boolean secret(Path f) throws IOException {
    String name = f.getFileName().toString();
    if (name.matches(
        "priv_sk|.*\\.key|.*\\.sealed|secret|node\\.yaml|demo-users\\.json|network\\.json"
            + "|connection\\.json|.*\\.tar\\.gz")) {
      return true;
    }
    if (Files.size(f) > 64 * 1024) {
      return false;
    }
    return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)
        .contains("PRIVATE KEY");
  }

  @Test
  @Order(2)
  void nodes_hold_an_issuing_ca_sealed_and_never_the_root_key() throws IOException {
    for (int i = 0; i < 3; i++) {
      OrganizationDefinition o = org(i);
      Path home = net.network().layout().nodeHome(o);
      String yaml = Files.readString(home.resolve("node.yaml"));
      assertThat(yaml)
          .doesNotContain("ca/priv_sk")
          .doesNotContain("keystore")
          .contains("issuing-ca.sealed")
          .contains("org-admin.sealed");
      OrgMaterial m = new OrgMaterial(net.network().layout().orgCrypto(o.domain()), o.domain());
      assertThat(m.issuingCaDir(NodesExtension.ISSUING_CA).resolve("priv_sk"))
          .as("the plain issuing CA key is gone once sealed into the node")
          .doesNotExist();
      X509Certificate issuing = Pem.readCertificate(m.intermediateCert(NodesExtension.ISSUING_CA));
      assertThat(issuing.getBasicConstraints()).isZero();
      assertThat(Files.readString(home.resolve("issuing-ca.sealed"))).doesNotContain("PRIVATE");
    }
  }

  @Test
  @Order(3)
  void certificates_renewed_while_the_nodes_run_keep_writes_and_the_inbox_going() throws Exception {
    NodeClient nodeA = new NodeClient(net.organization(A));
    NodeClient nodeB = new NodeClient(net.organization(B));
    // Wait until every certificate issued before the network was up has expired: the peers end
    // an event stream whose reader has expired and refuse to open another for it.
    Instant expired = up.plus(LIFETIME).plusSeconds(15);
    while (Instant.now().isBefore(expired)) {
      TimeUnit.MILLISECONDS.sleep(Math.max(1, Duration.between(Instant.now(), expired).toMillis()));
    }

    String auditorB = NodeClient.login(nodeB, net.organization(B), "auditor");
    long start =
        nodeB
            .call("GET", "/v1/inbox?after=0&limit=500", null, auditorB)
            .body()
            .path("next")
            .asLong();
    String adminA = NodeClient.login(nodeA, net.organization(A), "treaty-admin");
    String treaty = "TRT-IT-PKI-" + System.nanoTime();
    Answer founded =
        nodeA.call(
            "POST",
            "/v1/treaties",
            Requests.foundTreaty(
                treaty, new String[] {msp(0), msp(1), msp(2)}, new String[] {"CH", "SG", "BR"}),
            adminA);
    assertThat(founded.status()).as(founded.body().toString()).isEqualTo(200);

    boolean arrived = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!arrived && System.nanoTime() < deadline) {
      for (JsonNode item :
          nodeB
              .call("GET", "/v1/inbox?after=" + start + "&limit=500", null, auditorB)
              .body()
              .path("items")) {
        arrived |= treaty.equals(item.path("objectId").asText());
      }
      if (!arrived) {
        TimeUnit.SECONDS.sleep(1);
      }
    }
    assertThat(arrived)
        .as("B's inbox follows the ledger under a renewed reader certificate")
        .isTrue();
    Path logB = net.network().supervisor().logFile(org(B).nodeHostName());
    assertThat(Files.readString(logB)).contains("renewed the event reader's certificate");
    assertThat(Files.readString(net.network().supervisor().logFile(org(A).nodeHostName())))
        .contains("renewed the certificates of");
  }

  @Test
  @Order(4)
  void a_revoked_issuing_ca_makes_the_peers_refuse_its_users_after_a_majority_update()
      throws Exception {
    NodeClient nodeA = new NodeClient(net.organization(A));
    NodeClient nodeB = new NodeClient(net.organization(B));
    String auditorA = NodeClient.login(nodeA, net.organization(A), "auditor");
    String auditorB = NodeClient.login(nodeB, net.organization(B), "auditor");
    String treaty = "TRT-IT-PKI-REV-" + System.nanoTime();
    String adminA = NodeClient.login(nodeA, net.organization(A), "treaty-admin");
    assertThat(
            nodeA
                .call(
                    "POST",
                    "/v1/treaties",
                    Requests.foundTreaty(
                        treaty,
                        new String[] {msp(0), msp(1), msp(2)},
                        new String[] {"CH", "SG", "BR"}),
                    adminA)
                .status())
        .isEqualTo(200);
    assertThat(nodeA.call("GET", "/v1/treaties/" + treaty, null, auditorA).status()).isEqualTo(200);

    OrganizationDefinition a = org(A);
    OrgMaterial m = new OrgMaterial(net.network().layout().orgCrypto(a.domain()), a.domain());
    X509Certificate issuing = Pem.readCertificate(m.intermediateCert(NodesExtension.ISSUING_CA));
    new MspRevocation(net.network()).revoke(a.mspId(), List.of(issuing));

    Answer refused = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Answer r = nodeA.call("GET", "/v1/treaties/" + treaty, null, auditorA);
      if (r.status() != 200) {
        refused = r;
        break;
      }
      TimeUnit.SECONDS.sleep(1);
    }
    assertThat(refused).as("A's peer refuses A's users once A's issuing CA is revoked").isNotNull();
    assertThat(refused.status()).isBetween(400, 599);
    // The channel itself is fine: B's users, certified by B's own issuing CA, still read.
    assertThat(nodeB.call("GET", "/v1/treaties/" + treaty, null, auditorB).status()).isEqualTo(200);
    assertThat(m.crlDir().resolve("root-crl.pem")).exists();
    assertThat(m.intermediateCert(NodesExtension.ISSUING_CA)).doesNotExist();
  }
}
