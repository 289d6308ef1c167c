package org.regnet.network;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An application class-data-sharing archive (AppCDS) per jar build, so the network's server JVMs
 * start with their classes already parsed and verified: JVM start-up was most of `up`'s time.
 *
 * <p>The first JVM started from a jar build records the classes it loaded and writes the archive
 * when it exits (at `down`); every later start of that build maps it. The archive's name carries
 * the jar's modification time and size, so a rebuilt jar gets a new archive and a running JVM's
 * archive is never rewritten under it. A JVM that cannot use an archive simply runs without it.
 */
final class ClassDataArchive {
  /** A creator that died without writing its archive frees the claim after this long. */
  private static final Duration STALE_CLAIM = Duration.ofMinutes(30);

  private ClassDataArchive() {}

  /** The JVM options that use, or else create, the archive of {@code jar}. */
  static List<String> options(Path jar) {
    try {
      if (!Files.isRegularFile(jar)) {
        return List.of();
      }
      String base =
          jar.getFileName().toString().replaceFirst("\\.jar$", "")
              + "-"
              + Files.getLastModifiedTime(jar).toMillis()
              + "-"
              + Files.size(jar);
      Path archive = jar.resolveSibling(base + ".jsa");
      if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
        return List.of("-XX:SharedArchiveFile=" + archive);
      }
      return claim(jar.resolveSibling(base + ".jsa.creating"))
          ? List.of("-XX:ArchiveClassesAtExit=" + archive)
          : List.of();
    } catch (IOException e) {
      return List.of(); // no archive is only slower
    }
  }

  /** True for exactly one caller per archive (across processes), until the claim goes stale. */
  private static boolean claim(Path marker) throws IOException {
    try {
      Files.createFile(marker);
      return true;
    } catch (FileAlreadyExistsException e) {
      Instant since = Files.getLastModifiedTime(marker).toInstant();
      if (since.plus(STALE_CLAIM).isBefore(Instant.now())) {
        Files.setLastModifiedTime(marker, FileTime.from(Instant.now()));
        return true;
      }
      return false;
    }
  }
}
