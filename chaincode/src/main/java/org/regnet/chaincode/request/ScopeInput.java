package org.regnet.chaincode.request;

import java.util.List;
import org.regnet.chaincode.model.AgreementScope;
import org.regnet.chaincode.model.DataClass;
import org.regnet.chaincode.model.InstrumentClass;
import org.regnet.chaincode.model.PermittedUse;
import org.regnet.chaincode.validate.Check;

/** Agreement scope as given by the client. */
public record ScopeInput(
    List<DataClass> dataClasses,
    List<InstrumentClass> instrumentClasses,
    List<PermittedUse> permittedUses) {

  public AgreementScope validated(final String f) {
    return new AgreementScope(
        Check.set(f + ".dataClasses", dataClasses, 1, 16),
        Check.set(f + ".instrumentClasses", instrumentClasses, 1, 16),
        Check.set(f + ".permittedUses", permittedUses, 1, 16));
  }
}
