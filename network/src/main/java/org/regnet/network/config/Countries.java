package org.regnet.network.config;

import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 codes, as the JDK knows them. */
final class Countries {
  private static final Set<String> ASSIGNED =
      Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

  private Countries() {}

  static boolean isAssigned(String code) {
    return ASSIGNED.contains(code);
  }
}
