package org.regnet.node.http.route;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;
import org.regnet.node.http.ApiException;

/** Query parameters checked where they enter: each bad one refused naming it. */
final class Queries {
  static final Pattern ENUM = Pattern.compile("[A-Z][A-Z_]{1,63}");
  static final Pattern MSP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");
  static final Pattern USER = Pattern.compile("[a-z][a-z0-9._-]{2,63}");

  private Queries() {}

  static String matching(String value, String name, Pattern p) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!p.matcher(value).matches()) {
      throw new ApiException("VALIDATION_FAILED", name, "malformed");
    }
    return value;
  }

  static Instant instant(String value, String name) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ApiException("VALIDATION_FAILED", name, "must be an ISO-8601 UTC instant");
    }
  }

  static boolean flag(String value, String name) {
    if (value == null || value.isEmpty() || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw new ApiException("VALIDATION_FAILED", name, "must be true or false");
  }

  static String oneOf(String value, String name, Set<String> allowed, String fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    if (!allowed.contains(value)) {
      throw new ApiException("VALIDATION_FAILED", name, "must be one of " + allowed);
    }
    return value;
  }

  static int size(String value, String name, int max, int fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(value);
      if (v < 1 || v > max) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ApiException("VALIDATION_FAILED", name, "must be an integer 1.." + max);
    }
  }
}
