package org.regnet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.node.auth.Passwords;
import org.regnet.node.config.NodeConfigLoader;

/** The admin CLI against a node database: create, show, rotate, disable. */
class AdminCliTest {

  private static Path config(Path dir) throws Exception {
    Path cfg = TestConfigs.write(dir, "secret: " + TestConfigs.SECRET + "\n");
    java.nio.file.Files.setPosixFilePermissions(
        cfg, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return cfg;
  }

  private static String run(String stdin, String... args) {
    InputStream in = System.in;
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int code = NodeMain.commandLine().execute(args);
      return code + " " + ownLines(captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(in);
      System.setOut(out);
    }
  }

  /**
   * What this thread wrote: standard output is the whole JVM's, and a node that a class running
   * concurrently with this one started ({@code LongHeldStreamTest}) logs to it meanwhile. Its
   * records are JSON lines naming their own threads; the CLI's output and its own records stay.
   */
  private static String ownLines(String captured) {
    String mine = "\"thread\":\"" + Thread.currentThread().getName() + "\"";
    StringBuilder kept = new StringBuilder();
    captured
        .lines()
        .filter(l -> !l.startsWith("{\"ts\":") || l.contains(mine))
        .forEach(l -> kept.append(l).append('\n'));
    return kept.toString();
  }

  @Test
  void creates_a_user_with_a_role_certificate_then_rotates_and_disables(@TempDir Path dir)
      throws Exception {
    String cfg = config(dir).toString();

    assertThat(
            run(
                "carol-password-123\n",
                "admin",
                "--config",
                cfg,
                "create-user",
                "--username",
                "carol",
                "--role",
                "investigator",
                "--password-stdin"))
        .startsWith("0 created carol (investigator)");
    assertThat(run("", "admin", "--config", cfg, "show-identity", "--username", "carol"))
        .startsWith("0 ")
        .contains("CN=carol")
        .contains("role=investigator")
        .doesNotContain("password");

    assertThat(
            run(
                "carol-new-password-456\n",
                "admin",
                "--config",
                cfg,
                "rotate-password",
                "--username",
                "carol"))
        .startsWith("0 password rotated");
    Node node = new Node(NodeConfigLoader.load(Path.of(cfg), java.util.Map.of()));
    String hash = node.users().passwordHash("carol").orElseThrow();
    assertThat(new Passwords().matches("carol-new-password-456", hash)).isTrue();
    assertThat(new Passwords().matches("carol-password-123", hash)).isFalse();

    assertThat(run("", "admin", "--config", cfg, "disable-user", "--username", "carol"))
        .startsWith("0 disabled carol");
    assertThat(node.users().find("carol").orElseThrow().disabled()).isTrue();
    assertThat(run("", "admin", "--config", cfg, "disable-user", "--username", "nobody"))
        .startsWith("1 ");
  }

  @Test
  void refuses_a_weak_password_and_an_unknown_role_without_creating_anything(@TempDir Path dir)
      throws Exception {
    String cfg = config(dir).toString();
    assertThat(
            run(
                "short\n",
                "admin",
                "--config",
                cfg,
                "create-user",
                "--username",
                "dave",
                "--role",
                "auditor",
                "--password-stdin"))
        .startsWith("2 ");
    assertThat(
            run(
                "a-long-enough-password\n",
                "admin",
                "--config",
                cfg,
                "create-user",
                "--username",
                "dave",
                "--role",
                "superuser",
                "--password-stdin"))
        .startsWith("2 ");
    assertThat(run("", "admin", "--config", cfg, "show-identity", "--username", "dave"))
        .startsWith("1 no such user");
  }
}
