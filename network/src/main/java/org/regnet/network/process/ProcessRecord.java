package org.regnet.network.process;

import java.time.Instant;
import java.util.Optional;

/**
 * A process this network started, as remembered in its pid file. The start instant guards against
 * acting on an unrelated process that reused the pid after ours ended.
 */
public record ProcessRecord(String name, long pid, Instant started, String command) {

  /** The live process, if it is still ours. */
  public Optional<ProcessHandle> handle() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            h ->
                h.info()
                    .startInstant()
                    .map(s -> Math.abs(s.toEpochMilli() - started.toEpochMilli()) < 2_000)
                    .orElse(false));
  }

  public boolean alive() {
    return handle().isPresent();
  }

  String serialize() {
    return pid + "\n" + started.toEpochMilli() + "\n" + command + "\n";
  }

  static ProcessRecord parse(String name, String text) {
    String[] lines = text.split("\n", 3);
    return new ProcessRecord(
        name,
        Long.parseLong(lines[0].trim()),
        Instant.ofEpochMilli(Long.parseLong(lines[1].trim())),
        lines.length > 2 ? lines[2].trim() : "");
  }
}
