package org.regnet.chaincode.service;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.regnet.chaincode.model.TreatyTerms;
import org.regnet.chaincode.model.Urgency;

/**
 * The deadlines of a request for assistance, from the transaction time and the treaty's terms
 * (2024/2545 Art. 4 and 7(2)): acknowledgement within N working days (Saturday and Sunday do not
 * count; public holidays differ per authority and are not modelled); the reply by the requester's
 * due date when given, else within the urgent days for an urgent request, else the treaty's
 * response deadline.
 */
final class Deadlines {

  private Deadlines() {}

  static Instant acknowledgement(final Instant from, final TreatyTerms terms) {
    return plusWorkingDays(from, terms.ackWorkingDays());
  }

  static Instant reply(
      final Instant from, final TreatyTerms terms, final Urgency urgency, final Instant dueDate) {
    if (dueDate != null) {
      return dueDate;
    }
    final int days = urgency == Urgency.URGENT ? terms.urgentDays() : terms.responseDeadlineDays();
    return from.plus(Duration.ofDays(days));
  }

  static Instant plusWorkingDays(final Instant from, final int days) {
    ZonedDateTime t = from.atZone(ZoneOffset.UTC);
    int left = days;
    while (left > 0) {
      t = t.plusDays(1);
      if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
        left--;
      }
    }
    return t.toInstant();
  }
}
