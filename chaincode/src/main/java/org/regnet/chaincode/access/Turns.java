package org.regnet.chaincode.access;

import static org.regnet.chaincode.model.ReferralStatus.ACKNOWLEDGED;
import static org.regnet.chaincode.model.ReferralStatus.CLOSED;
import static org.regnet.chaincode.model.ReferralStatus.DECLINED;
import static org.regnet.chaincode.model.ReferralStatus.INFORMATION_REQUESTED;
import static org.regnet.chaincode.model.ReferralStatus.SUBMITTED;
import static org.regnet.chaincode.model.ReferralStatus.UNDER_INVESTIGATION;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.regnet.chaincode.model.ReferralStatus;

/**
 * The referral life cycle as data: for each step, whose turn it is, from which states, to which.
 */
public final class Turns {

  /** Which party of a referral acts. */
  public enum Party {
    ORIGINATOR,
    RECIPIENT
  }

  /** One step of the life cycle. */
  public record Step(Party party, Set<ReferralStatus> from, ReferralStatus to) {}

  static final Map<String, Step> STEPS =
      Map.of(
          "referral:acknowledge", new Step(Party.RECIPIENT, EnumSet.of(SUBMITTED), ACKNOWLEDGED),
          "referral:startInvestigation",
              new Step(Party.RECIPIENT, EnumSet.of(ACKNOWLEDGED), UNDER_INVESTIGATION),
          "referral:requestInformation",
              new Step(Party.RECIPIENT, EnumSet.of(UNDER_INVESTIGATION), INFORMATION_REQUESTED),
          "referral:provideInformation",
              new Step(Party.ORIGINATOR, EnumSet.of(INFORMATION_REQUESTED), UNDER_INVESTIGATION),
          "referral:close", new Step(Party.RECIPIENT, EnumSet.of(UNDER_INVESTIGATION), CLOSED),
          "referral:decline",
              new Step(
                  Party.RECIPIENT,
                  EnumSet.of(SUBMITTED, ACKNOWLEDGED, UNDER_INVESTIGATION),
                  DECLINED));

  private Turns() {}

  public static Step step(final String tx) {
    final Step s = STEPS.get(tx);
    if (s == null) {
      throw new IllegalArgumentException("no life-cycle step for " + tx);
    }
    return s;
  }
}
