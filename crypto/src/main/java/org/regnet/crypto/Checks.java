package org.regnet.crypto;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Preconditions on names that end up in certificate subjects, SANs and file names. */
final class Checks {
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?=.{1,200}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
  private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");
  private static final Set<String> COUNTRIES =
      Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

  private Checks() {}

  static String noControl(String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " == null");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(field + ": control characters are not allowed");
    }
    return value;
  }

  static String domain(String value) {
    if (!DOMAIN.matcher(noControl(value, "domain")).matches()) {
      throw new IllegalArgumentException("not a lower-case DNS name: " + value);
    }
    return value;
  }

  static String mspId(String value) {
    if (!MSP_ID.matcher(noControl(value, "mspId")).matches()) {
      throw new IllegalArgumentException("not a valid MSP id: " + value);
    }
    return value;
  }

  static String country(String value) {
    if (!COUNTRIES.contains(noControl(value, "country"))) {
      throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 country code: " + value);
    }
    return value;
  }

  static String name(String value, String field) {
    if (!NAME.matcher(noControl(value, field)).matches()) {
      throw new IllegalArgumentException("not a valid " + field + ": " + value);
    }
    return value;
  }

  static String host(String value) {
    if (!HOST.matcher(noControl(value, "host")).matches()) {
      throw new IllegalArgumentException("not a host name or address: " + value);
    }
    return value;
  }
}
