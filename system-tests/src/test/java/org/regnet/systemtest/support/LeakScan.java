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

  /**
   * Whether {@code file} holds {@code needle}, read in 1 MiB pieces that overlap by the needle's
   * length, so a 100 MB document store is scanned without being held in the heap.
   */
  private static boolean contains(Path file, String needle) {
    int keep = needle.length() - 1;
    byte[] buf = new byte[(1 << 20) + keep];
    try (var in = Files.newInputStream(file)) {
      int carried = 0;
      while (true) {
        int n = in.readNBytes(buf, carried, buf.length - carried);
        int len = carried + n;
        // ISO-8859-1 maps every byte to one char, so a byte search becomes a string search.
        if (new String(buf, 0, len, StandardCharsets.ISO_8859_1).contains(needle)) {
          return true;
        }
        if (n == 0 || len < buf.length) {
          return false;
        }
        carried = Math.min(keep, len);
        System.arraycopy(buf, len - carried, buf, 0, carried);
      }
    } catch (IOException e) {
      // a LevelDB lock or a file that went away between listing and reading
      return false;
    }
  }
}
