package org.regnet.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Writes secret files (private keys, secrets, credentials) so that no other user can read them at
 * any moment: the bytes go into a temporary file created 0600 in the target's directory, which is
 * then moved over the target atomically; missing directories are created 0700. Checking a file
 * ({@link #requireOwnerOnly}) is how a process refuses to use a secret others could have read.
 */
public final class SecureFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private SecureFiles() {}

  /** Writes {@code text} to {@code file}, readable and writable by its owner only. */
  public static void writeSecret(Path file, String text) {
    writeSecret(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code file}, readable and writable by its owner only. */
  public static void writeSecret(Path file, byte[] bytes) {
    Path target = file.toAbsolutePath();
    Path dir = createPrivateDirectories(target.getParent());
    Path tmp =
        dir.resolve(
            "."
                + target.getFileName()
                + "."
                + HexFormat.of().toHexDigits(RANDOM.nextLong())
                + ".tmp");
    try {
      try (SeekableByteChannel ch =
          Files.newByteChannel(
              tmp,
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              ownerOnly("rw-------"))) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the original failure is the one to report
      }
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * Creates {@code dir} and its missing parents as 0700; an existing directory keeps its mode.
   * Returns the absolute directory.
   */
  public static Path createPrivateDirectories(Path dir) {
    Path abs = dir.toAbsolutePath();
    List<Path> missing = new ArrayList<>();
    for (Path p = abs; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.add(0, p);
    }
    try {
      for (Path p : missing) {
        try {
          Files.createDirectory(p, ownerOnly("rwx------"));
        } catch (FileAlreadyExistsException raced) {
          // created meanwhile by another writer: fine if it is a directory
          if (!Files.isDirectory(p)) {
            throw raced;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + abs, e);
    }
    return abs;
  }

  /**
   * Throws {@link IllegalStateException} naming {@code what} when {@code file} may be read or
   * written by its group or others (on a POSIX file system).
   */
  public static void requireOwnerOnly(Path file, String what) {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return; // not POSIX: no mode to check
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the permissions of " + file, e);
    }
    if (!java.util.Collections.disjoint(perms, GROUP_OR_OTHERS)) {
      throw new IllegalStateException(
          what
              + " "
              + file
              + " is accessible to group or others ("
              + PosixFilePermissions.toString(perms)
              + "); run chmod 600 on it");
    }
  }

  /** Whether {@code file}'s mode grants anything to group or others. */
  public static boolean openToOthers(Path file) throws IOException {
    return !java.util.Collections.disjoint(Files.getPosixFilePermissions(file), GROUP_OR_OTHERS);
  }

  private static FileAttribute<?>[] ownerOnly(String mode) {
    if (!java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode))
    };
  }
}
