package org.regnet.chaincode.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The public record of a market-abuse referral; the confidential payload is only in private data.
 */
public record Referral(
    String referralId,
    String treatyId,
    String agreementId,
    String originator,
    String recipient,
    Typology typology,
    InstrumentClass instrumentClass,
    List<DataClass> dataClasses,
    List<PermittedUse> purposes,
    ReferralStatus status,
    Outcome outcome,
    RefusalGround refusalGround,
    String payloadHash,
    String responseDueAt,
    String createdAt,
    String updatedAt,
    List<Exchange> exchanges,
    List<Consent> consents,
    List<OnwardShare> onwardShares) {

  public Referral {
    dataClasses = List.copyOf(dataClasses);
    purposes = List.copyOf(purposes);
    exchanges = List.copyOf(exchanges);
    consents = List.copyOf(consents);
    onwardShares = List.copyOf(onwardShares);
  }

  /** Originator, recipient and onward recipients, sorted. */
  public List<String> parties() {
    final java.util.TreeSet<String> set = new java.util.TreeSet<>(List.of(originator, recipient));
    onwardShares.forEach(s -> set.add(s.recipient()));
    return List.copyOf(set);
  }

  public Optional<OnwardShare> onwardShareFor(final String msp) {
    return onwardShares.stream().filter(s -> s.recipient().equals(msp)).findFirst();
  }

  public Optional<Consent> consent(final String consentId) {
    return consents.stream().filter(c -> c.consentId().equals(consentId)).findFirst();
  }

  public boolean consentGranted(final String msp, final PermittedUse use) {
    return consents.stream()
        .anyMatch(
            c ->
                c.recipient().equals(msp) && c.use() == use && c.status() == ConsentStatus.GRANTED);
  }

  public Referral withStatus(final ReferralStatus s, final String at) {
    return next(s, outcome, refusalGround, at, exchanges, consents, onwardShares);
  }

  public Referral closed(final Outcome o, final String at) {
    return next(ReferralStatus.CLOSED, o, refusalGround, at, exchanges, consents, onwardShares);
  }

  public Referral declined(final RefusalGround g, final String at) {
    return next(ReferralStatus.DECLINED, outcome, g, at, exchanges, consents, onwardShares);
  }

  public Referral withExchange(final Exchange e, final ReferralStatus s, final String at) {
    final List<Exchange> list = new ArrayList<>(exchanges);
    list.add(e);
    return next(s, outcome, refusalGround, at, list, consents, onwardShares);
  }

  /** Adds or replaces (by id) a consent. */
  public Referral withConsent(final Consent c, final String at) {
    final List<Consent> list =
        new ArrayList<>(
            consents.stream().filter(x -> !x.consentId().equals(c.consentId())).toList());
    list.add(c);
    list.sort(java.util.Comparator.comparing(Consent::consentId));
    return next(status, outcome, refusalGround, at, exchanges, list, onwardShares);
  }

  public Referral withOnwardShare(final OnwardShare s, final String at) {
    final List<OnwardShare> list = new ArrayList<>(onwardShares);
    list.add(s);
    list.sort(java.util.Comparator.comparing(OnwardShare::recipient));
    return next(status, outcome, refusalGround, at, exchanges, consents, list);
  }

  /**
   * The same referral with its mutable parts replaced: the identity and case facts never change.
   */
  private Referral next(
      final ReferralStatus s,
      final Outcome o,
      final RefusalGround g,
      final String at,
      final List<Exchange> ex,
      final List<Consent> cs,
      final List<OnwardShare> os) {
    return new Referral(
        referralId,
        treatyId,
        agreementId,
        originator,
        recipient,
        typology,
        instrumentClass,
        dataClasses,
        purposes,
        s,
        o,
        g,
        payloadHash,
        responseDueAt,
        createdAt,
        at,
        ex,
        cs,
        os);
  }
}
