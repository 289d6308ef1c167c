package org.regnet.chaincode.request;

import java.util.List;
import org.regnet.chaincode.validate.Check;

/** The requests of the {@code college} contract (decision 0035); all come in the transient map. */
public final class CollegeRequests {

  /** A college has more than two members (two are a pair: an agreement, a request). */
  public static final int MIN_MEMBERS = 3;

  /**
   * At most this many: a formation writes one pair collection per other member, and every member's
   * peer endorses each transaction.
   */
  public static final int MAX_MEMBERS = 8;

  /** Information text per item, within the transient request's 16 KiB. */
  public static final int MAX_INFORMATION = 8_000;

  private CollegeRequests() {}

  public static String checkId(final String f, final String v) {
    return Check.matches(f, v, Check.generatedId("COL"), "a college id");
  }

  /** {@code college:form}: the treaty, a title and the members, the forming authority included. */
  public record Form(String treatyId, String title, List<String> members) {

    public Form validated() {
      Check.matches("treatyId", treatyId, Check.TREATY_ID, "a treaty id");
      final List<String> set = Check.set("members", members, MIN_MEMBERS, MAX_MEMBERS);
      for (int i = 0; i < set.size(); i++) {
        Check.msp("members[" + i + "]", set.get(i));
      }
      return new Form(treatyId, Check.text("title", title, 200, false), set);
    }
  }

  /** {@code college:share}: information for every other member of the college. */
  public record Share(String collegeId, String title, String information) {

    public Share validated() {
      return new Share(
          checkId("collegeId", collegeId),
          Check.text("title", title, 200, false),
          Check.text("information", information, MAX_INFORMATION, true));
    }
  }

  /** {@code college:purge}: everything of the college in the caller's pair with one member. */
  public record Purge(String collegeId, String counterparty) {

    public Purge validated() {
      return new Purge(checkId("collegeId", collegeId), Check.msp("counterparty", counterparty));
    }
  }

  /** {@code college:get}, {@code college:close}. */
  public record Ref(String collegeId) {

    public Ref validated() {
      return new Ref(checkId("collegeId", collegeId));
    }
  }
}
