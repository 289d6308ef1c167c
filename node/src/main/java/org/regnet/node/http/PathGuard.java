package org.regnet.node.http;

import java.util.Locale;

/**
 * Refuses request paths that different components could read differently, before authentication and
 * routing: dot segments, path parameters ({@code ;}), encoded slashes, dots, backslashes or percent
 * signs, empty segments, backslashes, control characters.
 */
public final class PathGuard {
  private PathGuard() {}

  /** The path if unambiguous, else throws {@link ApiException} AMBIGUOUS_PATH. */
  public static String check(String uri) {
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    String lower = path.toLowerCase(Locale.ROOT);
    if (path.isEmpty()
        || path.charAt(0) != '/'
        || path.contains("//")
        || path.contains("\\")
        || path.contains(";")
        || lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%2e")
        || lower.contains("%25")
        || lower.contains("%00")
        || lower.contains("%3b")
        || path.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
      throw new ApiException("AMBIGUOUS_PATH", "ambiguous or malformed path");
    }
    for (String segment : path.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new ApiException("AMBIGUOUS_PATH", "ambiguous or malformed path");
      }
    }
    if (path.length() > 1 && path.endsWith("/")) {
      throw new ApiException("AMBIGUOUS_PATH", "ambiguous or malformed path");
    }
    return path;
  }
}
