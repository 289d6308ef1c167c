package org.regnet.chaincode.validate;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.regnet.chaincode.ErrorCode;

/** Input checks; every failure is VALIDATION_FAILED naming the field. */
public final class Check {

  public static final Pattern MSP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");
  public static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}");
  public static final Pattern LEI = Pattern.compile("[A-Z0-9]{18}[0-9]{2}");
  public static final Pattern TREATY_ID = Pattern.compile("TRT-[A-Z0-9][A-Z0-9-]{0,39}");
  public static final Pattern CFI = Pattern.compile("[A-Z]{6}");
  public static final Pattern DTI = Pattern.compile("[1-9B-DF-HJ-NP-TV-Z][0-9B-DF-HJ-NP-TV-Z]{8}");
  public static final Pattern MIC = Pattern.compile("[A-Z0-9]{4}");
  public static final Pattern CHAIN_ID = Pattern.compile("[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}");
  public static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9]{8,128}");
  public static final Pattern SYMBOL = Pattern.compile("[A-Z0-9.-]{1,20}");
  public static final Pattern HEX = Pattern.compile("[0-9a-f]+");
  public static final int SHORT_TEXT = 200;

  private Check() {}

  /** Generated id pattern for a prefix such as "REF". */
  public static Pattern generatedId(final String prefix) {
    return Pattern.compile(prefix + "-[0-9a-f]{16}");
  }

  public static <T> T required(final String field, final T value) {
    if (value == null) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "required");
    }
    return value;
  }

  /** A value used in keys or ids: no control characters, must match the pattern. */
  public static String matches(
      final String field, final String value, final Pattern pattern, final String what) {
    required(field, value);
    noControl(field, value, false);
    if (!pattern.matcher(value).matches()) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "must be " + what);
    }
    return value;
  }

  public static String msp(final String field, final String value) {
    return matches(field, value, MSP, "an MSP id matching " + MSP.pattern());
  }

  public static String optionalLei(final String field, final String value) {
    if (value == null) {
      return null;
    }
    matches(field, value, LEI, "an ISO 17442 LEI");
    if (!leiChecksumOk(value)) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          field, "has a wrong ISO 7064 mod 97-10 check digit");
    }
    return value;
  }

  /** Text of 1..max characters without control characters (free text may allow \n \r \t). */
  public static String text(
      final String field, final String value, final int max, final boolean freeText) {
    required(field, value);
    if (value.isEmpty()) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "must not be empty");
    }
    if (value.length() > max) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "longer than " + max + " characters");
    }
    noControl(field, value, freeText);
    return value;
  }

  public static String optionalText(
      final String field, final String value, final int max, final boolean freeText) {
    return value == null ? null : text(field, value, max, freeText);
  }

  public static int range(final String field, final Integer value, final int min, final int max) {
    required(field, value);
    if (value < min || value > max) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "must be between " + min + " and " + max);
    }
    return value;
  }

  /** Copies a list of min..max entries, refusing null entries. */
  public static <T> List<T> list(
      final String field, final List<T> value, final int min, final int max) {
    final List<T> list = value == null ? List.of() : value;
    if (list.size() < min) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          field, min == 1 ? "must not be empty" : "needs at least " + min + " entries");
    }
    if (list.size() > max) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "more than " + max + " entries");
    }
    for (int i = 0; i < list.size(); i++) {
      required(field + "[" + i + "]", list.get(i));
    }
    return List.copyOf(list);
  }

  /** Like {@link #list} and refuses duplicates; returns the entries sorted. */
  public static <T extends Comparable<? super T>> List<T> set(
      final String field, final List<T> value, final int min, final int max) {
    final List<T> list = list(field, value, min, max);
    final Set<T> seen = new HashSet<>();
    for (T t : list) {
      if (!seen.add(t)) {
        throw ErrorCode.VALIDATION_FAILED.exception(field, "duplicate entry " + t);
      }
    }
    final List<T> sorted = new ArrayList<>(list);
    sorted.sort(null);
    return List.copyOf(sorted);
  }

  public static Instant instant(final String field, final String value) {
    matches(field, value, Pattern.compile("[0-9T:.Z+-]{20,40}"), "an ISO-8601 UTC instant");
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "must be an ISO-8601 UTC instant");
    }
  }

  public static String hex(final String field, final String value, final int length) {
    matches(field, value, HEX, "lower-case hex");
    if (value.length() != length) {
      throw ErrorCode.VALIDATION_FAILED.exception(field, "must be " + length + " hex characters");
    }
    return value;
  }

  /**
   * Refuses C0/C1 control characters (U+0000 included), unpaired surrogates and non-characters;
   * free text may contain newline, carriage return and tab.
   */
  public static void noControl(final String field, final String value, final boolean freeText) {
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      if (Character.isISOControl(c) && !(freeText && (c == '\n' || c == '\r' || c == '\t'))) {
        throw ErrorCode.VALIDATION_FAILED.exception(field, "contains a control character");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          throw ErrorCode.VALIDATION_FAILED.exception(field, "contains an unpaired surrogate");
        }
        final int cp = Character.toCodePoint(c, value.charAt(i + 1));
        if ((cp & 0xFFFE) == 0xFFFE) {
          throw ErrorCode.VALIDATION_FAILED.exception(field, "contains a non-character");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw ErrorCode.VALIDATION_FAILED.exception(field, "contains an unpaired surrogate");
      } else if (c == '\uFFFE' || c == '\uFFFF') {
        throw ErrorCode.VALIDATION_FAILED.exception(field, "contains a non-character");
      }
    }
  }

  /** ISO 7064 mod 97-10 over the LEI with letters mapped to 10..35. */
  static boolean leiChecksumOk(final String lei) {
    int mod = 0;
    for (int i = 0; i < lei.length(); i++) {
      final int v = Character.digit(lei.charAt(i), 36);
      if (v < 0) {
        return false;
      }
      mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
    }
    return mod == 1;
  }
}
