package org.regnet.chaincode.model.payload;

import java.util.List;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.Urgency;
import org.regnet.chaincode.validate.Check;

/** The confidential part of a referral: the content an MMoU request must have, and more. */
public record ReferralPayload(
    String facts,
    String assistanceSought,
    List<String> provisionsBreached,
    Urgency urgency,
    List<Subject> subjects,
    List<Account> accounts,
    List<Wallet> wallets,
    String narrative,
    List<EvidenceDigest> evidenceDigests,
    List<Instrument> instruments) {

  /** Validates every field and returns a copy with empty lists for absent ones. */
  public ReferralPayload validated() {
    Check.text("payload.facts", facts, 20000, true);
    Check.text("payload.assistanceSought", assistanceSought, 5000, true);
    final List<String> provisions =
        Check.list("payload.provisionsBreached", provisionsBreached, 1, 20);
    for (int i = 0; i < provisions.size(); i++) {
      Check.text("payload.provisionsBreached[" + i + "]", provisions.get(i), 500, false);
    }
    Check.required("payload.urgency", urgency);
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
    return new ReferralPayload(
        facts, assistanceSought, provisions, urgency, s, a, w, narrative, e, in);
  }
}
