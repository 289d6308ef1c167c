package org.regnet.node;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.regnet.crypto.FabricAttributes;
import org.regnet.crypto.Pem;
import org.regnet.node.config.ConfigException;
import org.regnet.node.config.NodeConfig;
import org.regnet.node.config.NodeConfigLoader;
import org.regnet.node.service.DemoUsers;
import org.regnet.node.service.KeySealer;
import org.regnet.node.service.SealedKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regnet-node --config node.yaml} runs the node; {@code regnet-node admin --config node.yaml
 * <command>} administers it (create and disable users, rotate a password, show a user's identity,
 * check health). The admin commands open the node's database file directly; it is a file, not a
 * server, locked by the process that has it open, so they run while the node is stopped (a running
 * node makes them fail with a clear message, and nothing is written).
 */
@Command(
    name = "regnet-node",
    mixinStandardHelpOptions = true,
    subcommands = {NodeMain.Admin.class, NodeMain.SealKeys.class})
public final class NodeMain implements Callable<Integer> {
  @Option(names = "--config", description = "the node's YAML configuration")
  Path config;

  @Option(
      names = "--seed-demo-users",
      description =
          "on first start, create one demo user per role and write their credentials to this"
              + " file (local test networks only)")
  Path seedDemoUsers;

  @Option(
      names = "--seal-issuing-ca",
      description =
          "on first start, seal this PEM key of the node's issuing CA (and --seal-org-admin) with"
              + " the node secret beside the configuration, as seal-keys does; the caller then"
              + " removes the plain key file")
  Path sealIssuingCa;

  @Option(names = "--seal-org-admin", description = "PEM key of the organisation admin to seal")
  Path sealOrgAdmin;

  @Override
  public Integer call() throws Exception {
    if (config == null) {
      throw new IllegalArgumentException("--config: required to run the node");
    }
    if (sealIssuingCa != null) {
      // In this JVM rather than a seal-keys JVM of its own: a JVM start is most of `up`'s time.
      SealKeys.seal(
          System.getenv("REGNET_NODE_SECRET"),
          config.toAbsolutePath().getParent(),
          sealIssuingCa,
          sealOrgAdmin);
    }
    NodeConfig cfg = NodeConfigLoader.load(config, System.getenv());
    Node node = new Node(cfg);
    if (seedDemoUsers != null) {
      new DemoUsers(node.userAdmin()).seedOnce("", seedDemoUsers);
    }
    node.start();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stop.countDown();
                },
                "shutdown"));
    stop.await();
    return 0;
  }

  @Command(
      name = "seal-keys",
      description =
          "Seal the node's issuing CA key and its organisation admin's key with the node secret"
              + " (REGNET_NODE_SECRET) into <out-dir>/issuing-ca.sealed and org-admin.sealed, 0600;"
              + " then remove the plain key files from the node's host.")
  static final class SealKeys implements Callable<Integer> {
    @Option(names = "--out-dir", required = true)
    Path outDir;

    @Option(names = "--issuing-ca", required = true, description = "PEM key of the issuing CA")
    Path issuingCa;

    @Option(names = "--org-admin", description = "PEM key of the organisation admin")
    Path orgAdmin;

    @Override
    public Integer call() {
      seal(System.getenv("REGNET_NODE_SECRET"), outDir, issuingCa, orgAdmin);
      System.out.println("sealed into " + outDir);
      return 0;
    }

    static void seal(String secret, Path outDir, Path issuingCa, Path orgAdmin) {
      if (secret == null || secret.length() < 32) {
        throw new IllegalArgumentException("REGNET_NODE_SECRET: at least 32 characters");
      }
      KeySealer sealer = new KeySealer(secret);
      SealedKeys.seal(
          sealer, SealedKeys.ISSUING_CA, issuingCa, outDir.resolve("issuing-ca.sealed"));
      if (orgAdmin != null) {
        SealedKeys.seal(sealer, SealedKeys.ORG_ADMIN, orgAdmin, outDir.resolve("org-admin.sealed"));
      }
    }
  }

  @Command(
      name = "admin",
      description = "Administer users and check health.",
      subcommands = {
        Admin.CreateUser.class,
        Admin.DisableUser.class,
        Admin.RotatePassword.class,
        Admin.ShowIdentity.class,
        Admin.CheckHealth.class,
        Admin.SeedUsers.class
      })
  static final class Admin {
    @Option(names = "--config", required = true, description = "the node's YAML configuration")
    Path config;

    Node node() {
      return new Node(NodeConfigLoader.load(config, System.getenv()));
    }

    /**
     * A running node holds its database file: ask it, on its loopback admin listener with the key
     * derived from the node secret, to disable the user (when it has an admin listener).
     */
    boolean disableThroughRunningNode(String username, RuntimeException inUse) throws Exception {
      NodeConfig cfg = NodeConfigLoader.load(config, System.getenv());
      if (cfg.admin() == null) {
        throw inUse;
      }
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://"
                                  + cfg.admin().host()
                                  + ":"
                                  + cfg.admin().port()
                                  + "/users/"
                                  + username
                                  + "/disable"))
                      .header(
                          org.regnet.node.auth.AdminKey.HEADER,
                          org.regnet.node.auth.AdminKey.derive(cfg.secret()))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200 || r.statusCode() == 404) {
        return r.statusCode() == 200;
      }
      throw new IllegalArgumentException("the running node refused: " + r.statusCode());
    }

    static String passwordFromStdin() throws java.io.IOException {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null) {
        throw new IllegalArgumentException("password: expected on standard input");
      }
      return line;
    }

    @Command(
        name = "create-user",
        description = "Create a user with a Fabric identity for their role.")
    static final class CreateUser implements Callable<Integer> {
      @CommandLine.ParentCommand Admin admin;

      @Option(names = "--username", required = true)
      String username;

      @Option(names = "--role", required = true)
      String role;

      @Option(names = "--password-stdin", required = true)
      boolean stdin;

      @Override
      public Integer call() throws Exception {
        X509Certificate cert = admin.node().userAdmin().create(username, role, passwordFromStdin());
        System.out.println(
            "created "
                + username
                + " ("
                + role
                + "), certificate "
                + cert.getSubjectX500Principal());
        return 0;
      }
    }

    @Command(name = "disable-user", description = "Disable a user and revoke their tokens.")
    static final class DisableUser implements Callable<Integer> {
      @CommandLine.ParentCommand Admin admin;

      @Option(names = "--username", required = true)
      String username;

      @Override
      public Integer call() throws Exception {
        boolean done;
        try {
          done = admin.node().userAdmin().disable(username);
        } catch (org.regnet.node.store.StoreException inUse) {
          done = admin.disableThroughRunningNode(username, inUse);
        }
        System.out.println(done ? "disabled " + username : "no such user: " + username);
        return done ? 0 : 1;
      }
    }

    @Command(
        name = "rotate-password",
        description = "Set a new password (from standard input), revoking tokens.")
    static final class RotatePassword implements Callable<Integer> {
      @CommandLine.ParentCommand Admin admin;

      @Option(names = "--username", required = true)
      String username;

      @Override
      public Integer call() throws Exception {
        boolean done = admin.node().userAdmin().rotatePassword(username, passwordFromStdin());
        System.out.println(done ? "password rotated for " + username : "no such user: " + username);
        return done ? 0 : 1;
      }
    }

    @Command(
        name = "show-identity",
        description = "Show a user's Fabric certificate: subject, issuer, role.")
    static final class ShowIdentity implements Callable<Integer> {
      @CommandLine.ParentCommand Admin admin;

      @Option(names = "--username", required = true)
      String username;

      @Override
      public Integer call() {
        var user = admin.node().users().find(username);
        if (user.isEmpty()) {
          System.out.println("no such user: " + username);
          return 1;
        }
        X509Certificate c = Pem.certificate(user.get().certificatePem());
        System.out.println(
            "user:       " + username + (user.get().disabled() ? " (disabled)" : ""));
        System.out.println("subject:    " + c.getSubjectX500Principal().getName());
        System.out.println("issuer:     " + c.getIssuerX500Principal().getName());
        System.out.println("valid to:   " + c.getNotAfter().toInstant());
        System.out.println("attributes: " + FabricAttributes.parse(c));
        return 0;
      }
    }

    @Command(
        name = "seed-users",
        description =
            "Create one demo user per role with a random password;"
                + " writes them as JSON (local test networks only).")
    static final class SeedUsers implements Callable<Integer> {
      @CommandLine.ParentCommand Admin admin;

      @Option(names = "--prefix", defaultValue = "")
      String prefix;

      @Option(names = "--out", required = true)
      Path out;

      @Override
      public Integer call() throws Exception {
        java.nio.file.Files.deleteIfExists(out);
        int n = new DemoUsers(admin.node().userAdmin()).seedOnce(prefix, out);
        System.out.println("created " + n + " users; credentials in " + out);
        return 0;
      }
    }

    @Command(name = "health", description = "Ask the running node whether it is live and ready.")
    static final class CheckHealth implements Callable<Integer> {
      @CommandLine.ParentCommand Admin admin;

      @Override
      public Integer call() throws Exception {
        NodeConfig cfg = NodeConfigLoader.load(admin.config, System.getenv());
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", Pem.readCertificate(tlsCa(cfg)));
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
        int code = 0;
        for (String path : new String[] {"/v1/health", "/v1/ready"}) {
          HttpResponse<String> r =
              client.send(
                  HttpRequest.newBuilder(URI.create("https://localhost:" + cfg.listenPort() + path))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          System.out.println(path + ": " + r.statusCode() + " " + r.body());
          code |= r.statusCode() == 200 ? 0 : 1;
        }
        return code;
      }

      private static Path tlsCa(NodeConfig cfg) {
        return cfg.tlsCert().resolveSibling("ca.crt");
      }
    }
  }

  /**
   * The command line with its error handling: configuration and input errors exit 2, no stack
   * trace.
   */
  static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new NodeMain());
    cmd.setExecutionExceptionHandler(
        (ex, line, parse) -> {
          if (ex instanceof ConfigException
              || ex instanceof IllegalArgumentException
              || ex instanceof org.regnet.node.store.StoreException) {
            line.getErr().println("error: " + ex.getMessage());
            return 2;
          }
          throw ex;
        });
    return cmd;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
