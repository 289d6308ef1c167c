package org.regnet.node.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.regnet.node.http.Json;
import org.regnet.rules.Role;

/**
 * One demo user per role with a random password, for local test networks only. The node creates
 * them itself on its first start (no second JVM per authority, which made `up` slow) and writes the
 * credentials, owner-only, where the network tooling reads them into network.json.
 */
public final class DemoUsers {
  private final UserAdmin admin;
  private final SecureRandom random = new SecureRandom();

  public DemoUsers(UserAdmin admin) {
    this.admin = admin;
  }

  /**
   * Creates the users and writes {@code out}, unless {@code out} exists already (a restart keeps
   * the users of the first start).
   *
   * @return how many users were created
   */
  public int seedOnce(String prefix, Path out) {
    if (Files.exists(out)) {
      return 0;
    }
    ArrayNode users = Json.MAPPER.createArrayNode();
    for (Role role : Role.values()) {
      byte[] b = new byte[18];
      random.nextBytes(b);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      String username = prefix + role.wire();
      admin.create(username, role.wire(), password);
      users
          .addObject()
          .put("username", username)
          .put("password", password)
          .put("role", role.wire());
    }
    writeOwnerOnly(out, users.toPrettyString());
    return users.size();
  }

  /**
   * Creates the file with owner-only permissions before any byte is written, then moves it into
   * place atomically, so a reader never sees a partial file or a moment of wider permissions.
   */
  private static void writeOwnerOnly(Path out, String content) {
    try {
      Path dir = out.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp =
          Files.createTempFile(
              dir,
              ".demo-users",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }
}
