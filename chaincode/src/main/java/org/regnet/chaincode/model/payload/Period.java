package org.regnet.chaincode.model.payload;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.validate.Check;

/** A period under investigation: ISO dates, {@code from} not after {@code to}. */
public record Period(String from, String to) {

  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  public Period validated(final String f) {
    final LocalDate a = date(f + ".from", from);
    final LocalDate b = date(f + ".to", to);
    if (a.isAfter(b)) {
      throw ErrorCode.VALIDATION_FAILED.exception(f + ".to", "must not be before from");
    }
    return this;
  }

  private static LocalDate date(final String f, final String v) {
    Check.matches(f, v, DATE, "an ISO date (yyyy-mm-dd)");
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ErrorCode.VALIDATION_FAILED.exception(f, "must be an ISO date (yyyy-mm-dd)");
    }
  }
}
