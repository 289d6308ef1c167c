package org.regnet.chaincode.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A multilateral framework (e.g. an MMoU): terms and members, members sorted by MSP id. */
public record Treaty(
    String treatyId,
    String name,
    TreatyTerms terms,
    List<Member> members,
    String foundedBy,
    String createdAt,
    String updatedAt) {

  public Treaty {
    final List<Member> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(Member::msp));
    members = List.copyOf(sorted);
  }

  public Optional<Member> member(final String msp) {
    return members.stream().filter(m -> m.msp().equals(msp)).findFirst();
  }

  public boolean activeMember(final String msp) {
    return member(msp).map(m -> m.status() == MemberStatus.ACTIVE).orElse(false);
  }

  public List<String> activeMsps() {
    return members.stream()
        .filter(m -> m.status() == MemberStatus.ACTIVE)
        .map(Member::msp)
        .toList();
  }

  public List<String> allMsps() {
    return members.stream().map(Member::msp).toList();
  }

  /** Returns a copy with {@code member} replacing (or added as) the entry for its MSP id. */
  public Treaty withMember(final Member member, final String at) {
    final List<Member> list =
        new ArrayList<>(members.stream().filter(m -> !m.msp().equals(member.msp())).toList());
    list.add(member);
    return new Treaty(treatyId, name, terms, list, foundedBy, createdAt, at);
  }
}
