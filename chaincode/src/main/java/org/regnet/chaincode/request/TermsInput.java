package org.regnet.chaincode.request;

import java.util.List;
import org.regnet.chaincode.model.DataClass;
import org.regnet.chaincode.model.PermittedUse;
import org.regnet.chaincode.model.RefusalGround;
import org.regnet.chaincode.model.TreatyTerms;
import org.regnet.chaincode.validate.Check;

/**
 * Treaty terms as given to {@code treaty:found}; {@code membershipChangeDays} and the assistance
 * deadlines are optional.
 */
public record TermsInput(
    List<DataClass> dataClasses,
    List<PermittedUse> permittedUses,
    Integer responseDeadlineDays,
    Integer retentionDays,
    List<RefusalGround> refusalGrounds,
    Integer membershipChangeDays,
    Integer acknowledgementWorkingDays,
    Integer urgentReplyDays,
    Integer objectionWindowDays) {

  public TreatyTerms validated(final String f) {
    return new TreatyTerms(
        Check.set(f + ".dataClasses", dataClasses, 1, 16),
        Check.set(f + ".permittedUses", permittedUses, 1, 16),
        Check.range(f + ".responseDeadlineDays", responseDeadlineDays, 1, 365),
        Check.range(f + ".retentionDays", retentionDays, 1, 36500),
        Check.set(f + ".refusalGrounds", refusalGrounds, 1, 16),
        true,
        membershipChangeDays == null
            ? TreatyTerms.DEFAULT_MEMBERSHIP_CHANGE_DAYS
            : Check.range(f + ".membershipChangeDays", membershipChangeDays, 1, 365),
        optional(f + ".acknowledgementWorkingDays", acknowledgementWorkingDays, 30),
        optional(f + ".urgentReplyDays", urgentReplyDays, 30),
        optional(f + ".objectionWindowDays", objectionWindowDays, 90));
  }

  /** An optional term: absent is 0, which the terms read as the treaty default. */
  private static int optional(final String field, final Integer value, final int max) {
    return value == null ? 0 : Check.range(field, value, 1, max);
  }
}
