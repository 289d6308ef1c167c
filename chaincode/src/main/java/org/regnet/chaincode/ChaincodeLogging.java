package org.regnet.chaincode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Logging of the chaincode server: WARNING by default, and never a transaction's argument values at
 * any level.
 *
 * <p>The shim logs every invocation's function and arguments at INFO ({@code ContractRouter}), more
 * at FINE, and every error response's full text at SEVERE ({@code ResponseUtils}); our error texts
 * name objects and may quote input. So one filter on the root handlers (the only place every record
 * passes) applies two rules:
 *
 * <ul>
 *   <li>Only our own loggers ({@code org.regnet}) follow the configured level; every other logger
 *       (shim, gRPC, Netty) is held at WARNING or above, whatever the level asked for, because
 *       below WARNING they log request contents.
 *   <li>An error response's record keeps its exception class names and stack frames, and loses its
 *       text: the text goes to the client and the peer, not to this log.
 * </ul>
 *
 * The level comes from {@value #ENV_LEVEL} ({@code ERROR}, {@code WARNING}, {@code INFO}, {@code
 * DEBUG}); the shim's {@code CORE_CHAINCODE_LOGGING_*} variables are overridden.
 */
public final class ChaincodeLogging {

  static final String ENV_LEVEL = "CHAINCODE_LOG_LEVEL";
  static final String OWN = "org.regnet";
  static final String ERROR_RESPONSES = "org.hyperledger.fabric.shim.ResponseUtils";

  private static final Map<String, Level> LEVELS =
      Map.of(
          "ERROR", Level.SEVERE,
          "WARNING", Level.WARNING,
          "INFO", Level.INFO,
          "DEBUG", Level.FINE);

  /** A fully qualified class name at the start of a line, optionally after "Caused by: ". */
  private static final Pattern CLASS_NAME =
      Pattern.compile("^(Caused by: |Suppressed: )?([a-z_][\\w]*\\.)+[A-Z][\\w$]*");

  /** A stack frame line: a method and its source position, no values. */
  private static final Pattern FRAME =
      Pattern.compile("^(at [\\w.$/<>]+\\([\\w.$ :]*\\)|\\.\\.\\. \\d+ more)$");

  // strong references: LogManager holds loggers weakly, and a collected logger loses its level
  private static final List<Logger> CONFIGURED = new ArrayList<>();

  private ChaincodeLogging() {}

  /** The level asked for in the environment; WARNING when unset. */
  static Level level(final Map<String, String> env) {
    final String v = env.get(ENV_LEVEL);
    if (v == null || v.isBlank()) {
      return Level.WARNING;
    }
    final Level l = LEVELS.get(v.trim().toUpperCase(Locale.ROOT));
    if (l == null) {
      throw new IllegalArgumentException(ENV_LEVEL + " must be one of " + LEVELS.keySet());
    }
    return l;
  }

  /**
   * Applies {@code level} to our own loggers and WARNING to all others, and installs the filter on
   * every handler of the root logger. Idempotent; call it again after the shim's own set-up, which
   * resets the levels of its packages.
   */
  public static synchronized void configure(final Level level) {
    final Level others = level.intValue() > Level.WARNING.intValue() ? level : Level.WARNING;
    final Logger root = Logger.getLogger("");
    root.setLevel(others);
    set(OWN, level);
    for (String name :
        List.of(
            "org.hyperledger", "org.hyperledger.fabric.shim", "org.hyperledger.fabric.contract")) {
      set(name, others);
    }
    for (Handler h : root.getHandlers()) {
      h.setLevel(level.intValue() < others.intValue() ? level : others);
      h.setFilter(r -> permitted(r, level));
    }
  }

  private static void set(final String name, final Level level) {
    final Logger l = Logger.getLogger(name);
    l.setLevel(level);
    CONFIGURED.add(l);
  }

  /** Whether a record may be written; scrubs the text of error-response records it lets pass. */
  static boolean permitted(final LogRecord r, final Level level) {
    final String name = r.getLoggerName() == null ? "" : r.getLoggerName();
    final boolean own = name.equals(OWN) || name.startsWith(OWN + ".");
    final int min = own ? level.intValue() : Math.max(level.intValue(), Level.WARNING.intValue());
    if (r.getLevel().intValue() < min) {
      return false;
    }
    if (name.equals(ERROR_RESPONSES)) {
      r.setMessage(scrub(r.getMessage()));
      r.setParameters(null);
      r.setThrown(null);
    }
    return true;
  }

  /** Keeps only stack frames and the class names of exceptions; drops every message text. */
  static String scrub(final String text) {
    final StringBuilder out = new StringBuilder("error response (its text went to the client)");
    if (text == null) {
      return out.toString();
    }
    for (String line : text.split("\\R")) {
      final String t = line.strip();
      if (FRAME.matcher(t).matches()) {
        out.append(System.lineSeparator()).append('\t').append(t);
      } else {
        final var m = CLASS_NAME.matcher(t);
        if (m.find()) {
          out.append(System.lineSeparator()).append(m.group());
        }
      }
    }
    return out.toString();
  }
}
