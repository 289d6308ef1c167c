package org.regnet.chaincode.model;

import java.util.List;

/** What an agreement covers: data classes x instrument classes x permitted uses. */
public record AgreementScope(
    List<DataClass> dataClasses,
    List<InstrumentClass> instrumentClasses,
    List<PermittedUse> permittedUses) {

  public AgreementScope {
    dataClasses = List.copyOf(dataClasses);
    instrumentClasses = List.copyOf(instrumentClasses);
    permittedUses = List.copyOf(permittedUses);
  }

  public boolean coversInstrument(final InstrumentClass c) {
    return instrumentClasses.stream().anyMatch(s -> s.covers(c));
  }
}
