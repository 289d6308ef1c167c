package org.regnet.chaincode.model.payload;

import java.util.List;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.Urgency;
import org.regnet.chaincode.validate.Check;

/**
 * The private part of a request for assistance: what is asked (items), the MMoU para 8 content a
 * referral already carries (facts, purpose, provisions, persons and accounts, evidence), and the
 * ISO 20022 auth.001 fields (legal mandate basis, confidentiality status, investigation period),
 * with the reasons for an urgent or priority request (2024/2545 Art. 7).
 */
public record AssistanceRequestPayload(
    List<AssistanceItem> items,
    String facts,
    String purpose,
    List<String> provisionsBreached,
    List<Subject> subjects,
    List<Account> accounts,
    List<Wallet> wallets,
    String narrative,
    List<EvidenceDigest> evidenceDigests,
    List<Instrument> instruments,
    LegalMandate legalMandate,
    Boolean confidential,
    Period investigationPeriod,
    String urgencyReasons) {

  /** Validates every field; urgency reasons are required unless the request is routine. */
  public AssistanceRequestPayload validated(final Urgency urgency) {
    final List<AssistanceItem> it = Check.list("payload.items", items, 1, 50);
    for (int i = 0; i < it.size(); i++) {
      it.get(i).validated("payload.items[" + i + "]");
    }
    Check.text("payload.facts", facts, 20000, true);
    Check.text("payload.purpose", purpose, 5000, true);
    final List<String> provisions =
        Check.list("payload.provisionsBreached", provisionsBreached, 1, 20);
    for (int i = 0; i < provisions.size(); i++) {
      Check.text("payload.provisionsBreached[" + i + "]", provisions.get(i), 500, false);
    }
    final List<Subject> s = Check.list("payload.subjects", subjects, 0, 100);
    final List<Account> a = Check.list("payload.accounts", accounts, 0, 100);
    final List<Wallet> w = Check.list("payload.wallets", wallets, 0, 100);
    if (s.isEmpty() && a.isEmpty() && w.isEmpty()) {
      throw ErrorCode.VALIDATION_FAILED.exception(
          "payload.subjects",
          "persons or accounts concerned are required (subjects, accounts or wallets)");
    }
    for (int i = 0; i < s.size(); i++) {
      s.get(i).validated("payload.subjects[" + i + "]");
    }
    for (int i = 0; i < a.size(); i++) {
      a.get(i).validated("payload.accounts[" + i + "]");
    }
    for (int i = 0; i < w.size(); i++) {
      w.get(i).validated("payload.wallets[" + i + "]");
    }
    Check.optionalText("payload.narrative", narrative, 50000, true);
    final List<EvidenceDigest> e = Check.list("payload.evidenceDigests", evidenceDigests, 0, 100);
    for (int i = 0; i < e.size(); i++) {
      e.get(i).validated("payload.evidenceDigests[" + i + "]");
    }
    final List<Instrument> in = Check.list("payload.instruments", instruments, 0, 20);
    for (int i = 0; i < in.size(); i++) {
      in.get(i).validated("payload.instruments[" + i + "]");
    }
    Check.required("payload.legalMandate", legalMandate).validated("payload.legalMandate");
    Check.required("payload.confidential", confidential);
    Check.required("payload.investigationPeriod", investigationPeriod)
        .validated("payload.investigationPeriod");
    if (urgency == Urgency.ROUTINE) {
      Check.optionalText("payload.urgencyReasons", urgencyReasons, 5000, true);
    } else {
      Check.text("payload.urgencyReasons", urgencyReasons, 5000, true);
    }
    return new AssistanceRequestPayload(
        it,
        facts,
        purpose,
        provisions,
        s,
        a,
        w,
        narrative,
        e,
        in,
        legalMandate,
        confidential,
        investigationPeriod,
        urgencyReasons);
  }
}
