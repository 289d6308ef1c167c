package org.regnet.crypto.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.regnet.crypto.FabricAttributes;
import org.regnet.crypto.NodeSpec;
import org.regnet.crypto.NodeType;
import org.regnet.crypto.OrgMaterial;
import org.regnet.crypto.OrgSpec;
import org.regnet.crypto.OrganizationCrypto;
import org.regnet.crypto.Pem;
import org.regnet.crypto.TlsServerSpec;
import org.regnet.crypto.UserSpec;
import org.regnet.crypto.UserType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regnet-crypto org|user|issuing-ca|revoke|show}: generate an organisation, add a user,
 * issue a node's issuing CA, revoke a certificate, inspect a cert. This CLI is where the
 * organisation's root CA key is used, offline; nodes only ever hold an issuing CA.
 */
@Command(
    name = "regnet-crypto",
    mixinStandardHelpOptions = true,
    subcommands = {
      CryptoCli.Org.class,
      CryptoCli.User.class,
      CryptoCli.IssuingCa.class,
      CryptoCli.Revoke.class,
      CryptoCli.Show.class
    })
public final class CryptoCli {

  @Command(name = "org", description = "Generate (or complete) an organisation's MSP material.")
  static final class Org implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true)
    Path out;

    @Option(names = "--domain", required = true)
    String domain;

    @Option(names = "--msp-id", required = true)
    String mspId;

    @Option(names = "--country", required = true, description = "ISO 3166-1 alpha-2")
    String country;

    @Option(names = "--peer")
    List<String> peers = new ArrayList<>();

    @Option(names = "--orderer")
    List<String> orderers = new ArrayList<>();

    @Option(names = "--admin")
    List<String> admins = new ArrayList<>();

    @Option(names = "--client", description = "name:role")
    List<String> clients = new ArrayList<>();

    @Option(names = "--tls-server")
    List<String> tlsServers = new ArrayList<>();

    @Option(names = "--host", description = "extra host name or address for every TLS certificate")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--issuing-ca", description = "name of an issuing CA for a node, e.g. node")
    List<String> issuingCas = new ArrayList<>();

    @Override
    public Integer call() {
      List<NodeSpec> nodes = new ArrayList<>();
      peers.forEach(p -> nodes.add(new NodeSpec(p, NodeType.PEER, hosts)));
      orderers.forEach(o -> nodes.add(new NodeSpec(o, NodeType.ORDERER, hosts)));
      List<UserSpec> users = new ArrayList<>();
      admins.forEach(a -> users.add(new UserSpec(a, UserType.ADMIN, Map.of())));
      for (String c : clients) {
        String[] parts = c.split(":", 2);
        users.add(
            new UserSpec(
                parts[0],
                UserType.CLIENT,
                parts.length == 2 ? Map.of("role", parts[1]) : Map.of()));
      }
      List<TlsServerSpec> servers =
          tlsServers.stream().map(s -> new TlsServerSpec(s, hosts)).toList();
      OrgMaterial m =
          OrganizationCrypto.generate(
              out, new OrgSpec(domain, mspId, country, nodes, users, servers, issuingCas));
      spec.commandLine().getOut().println(m.orgDir());
      return 0;
    }
  }

  @Command(
      name = "user",
      description = "Add a client user with a role attribute to an organisation.")
  static final class User implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, description = "the base folder given to `org`")
    Path out;

    @Option(names = "--domain", required = true)
    String domain;

    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--role", required = true)
    String role;

    @Option(names = "--admin", description = "an admin (OU admin) rather than a client")
    boolean admin;

    @Override
    public Integer call() {
      Path dir =
          OrganizationCrypto.issueUser(
              out.resolve(domain),
              domain,
              new UserSpec(name, admin ? UserType.ADMIN : UserType.CLIENT, Map.of("role", role)));
      spec.commandLine().getOut().println(dir);
      return 0;
    }
  }

  @Command(
      name = "issuing-ca",
      description =
          "Issue (once) an issuing CA for a node under the organisation's root: pathLen 0, no"
              + " host names; listed in the MSP's intermediatecerts.")
  static final class IssuingCa implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, description = "the base folder given to `org`")
    Path out;

    @Option(names = "--domain", required = true)
    String domain;

    @Option(names = "--name", required = true, description = "e.g. node")
    String name;

    @Override
    public Integer call() {
      Path dir = OrganizationCrypto.issueIssuingCa(out.resolve(domain), domain, name);
      spec.commandLine().getOut().println(dir);
      return 0;
    }
  }

  @Command(
      name = "revoke",
      description =
          "Revoke certificates issued by the root (an issuing CA, an admin): writes the"
              + " root-signed CRL into msp/crls and drops a revoked issuing CA from"
              + " msp/intermediatecerts. Then push the MSP to the channel"
              + " (regnet-network update-msp).")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, description = "the base folder given to `org`")
    Path out;

    @Option(names = "--domain", required = true)
    String domain;

    @Option(names = "--cert", required = true, description = "PEM certificate to revoke")
    List<Path> certs = new ArrayList<>();

    @Override
    public Integer call() {
      Path crl =
          OrganizationCrypto.revoke(
              out.resolve(domain), domain, certs.stream().map(Pem::readCertificate).toList());
      spec.commandLine().getOut().println(crl);
      return 0;
    }
  }

  @Command(
      name = "show",
      description = "Print a certificate's subject, issuer, validity and Fabric attributes.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--cert", required = true)
    Path cert;

    @Override
    public Integer call() {
      X509Certificate c = Pem.readCertificate(cert);
      PrintWriter out = spec.commandLine().getOut();
      out.println("subject:    " + c.getSubjectX500Principal().getName());
      out.println("issuer:     " + c.getIssuerX500Principal().getName());
      out.println(
          "valid:      " + c.getNotBefore().toInstant() + " .. " + c.getNotAfter().toInstant());
      out.println("attributes: " + FabricAttributes.parse(c));
      return 0;
    }
  }

  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new CryptoCli());
    cmd.setExecutionExceptionHandler(
        (ex, line, parse) -> {
          if (ex instanceof IllegalArgumentException) {
            line.getErr().println("error: " + ex.getMessage());
            return 2;
          }
          throw ex;
        });
    System.exit(cmd.execute(args));
  }
}
