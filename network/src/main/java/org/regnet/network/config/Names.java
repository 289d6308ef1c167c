package org.regnet.network.config;

import java.util.regex.Pattern;

/** Precondition checks shared by the definition records. */
final class Names {
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?=.{1,200}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
  private static final Pattern MSP_ID = Pattern.compile("[A-Za-z][A-Za-z0-9.-]{0,63}");
  private static final Pattern NODE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]{1,253}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private Names() {}

  static String require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidDefinitionException(field + ": required");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidDefinitionException(field + ": control characters are not allowed");
    }
    return value;
  }

  static void requireDomain(String value, String field) {
    require(value, field);
    if (!DOMAIN.matcher(value).matches()) {
      throw new InvalidDefinitionException(field + ": not a lower-case DNS name: " + value);
    }
  }

  static void requireMspId(String value, String field) {
    require(value, field);
    if (!MSP_ID.matcher(value).matches()) {
      throw new InvalidDefinitionException(field + ": not a valid MSP id: " + value);
    }
  }

  static void requireNodeName(String value, String field) {
    require(value, field);
    if (!NODE_NAME.matcher(value).matches()) {
      throw new InvalidDefinitionException(field + ": not a valid node name: " + value);
    }
  }

  static void requireHost(String value, String field) {
    require(value, field);
    if (!HOST.matcher(value).matches()) {
      throw new InvalidDefinitionException(field + ": not a host name or address: " + value);
    }
  }

  static void requireCountry(String value, String field) {
    require(value, field);
    if (!COUNTRY.matcher(value).matches() || !Countries.isAssigned(value)) {
      throw new InvalidDefinitionException(
          field + ": not an ISO 3166-1 alpha-2 country code: " + value);
    }
  }
}
