package org.regnet.chaincode.request;

import java.util.List;
import org.regnet.chaincode.model.DataClass;
import org.regnet.chaincode.model.PermittedUse;
import org.regnet.chaincode.model.RefusalGround;
import org.regnet.chaincode.model.TreatyTerms;
import org.regnet.chaincode.validate.Check;

/** Treaty terms as given to {@code treaty:found}; {@code membershipChangeDays} is optional. */
public record TermsInput(
    List<DataClass> dataClasses,
    List<PermittedUse> permittedUses,
    Integer responseDeadlineDays,
    Integer retentionDays,
    List<RefusalGround> refusalGrounds,
    Integer membershipChangeDays) {

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
            : Check.range(f + ".membershipChangeDays", membershipChangeDays, 1, 365));
  }
}
