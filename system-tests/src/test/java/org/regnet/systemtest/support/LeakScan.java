package org.regnet.systemtest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the files under a folder that hold a marker verbatim. Peer state and private-data stores
 * are LevelDB with Snappy-compressed blocks, so markers are random and long: a first occurrence
 * stays literal (only repeats become back-references).
 */
public final class LeakScan {
  private LeakScan() {}

  public static List<Path> filesContaining(Path root, String marker) {
    if (!Files.exists(root)) {
      return List.of();
    }
    String needle = marker;
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(f -> contains(f, needle)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static long countFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(Path file, String needle) {
    try {
      // ISO-8859-1 maps every byte to one char, so a byte search becomes a string search.
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle);
    } catch (IOException e) {
      // a LevelDB lock or a file that went away between listing and reading
      return false;
    }
  }
}
