package org.regnet.chaincode.model;

/**
 * The GDPR basis on which an agreement transfers personal data to a third country: an adequacy
 * decision (Art. 45), an appropriate safeguard (Art. 46: a legally binding instrument between
 * public authorities, 46(2)(a); standard data protection clauses, 46(2)(c); an administrative
 * arrangement such as the ESMA-IOSCO one, 46(3)(b)), or the derogation for important reasons of
 * public interest (Art. 49(1)(d)).
 */
public enum TransferBasis {
  ADEQUACY_DECISION,
  LEGALLY_BINDING_INSTRUMENT,
  STANDARD_DATA_PROTECTION_CLAUSES,
  ADMINISTRATIVE_ARRANGEMENT,
  DEROGATION_IMPORTANT_PUBLIC_INTEREST;
}
