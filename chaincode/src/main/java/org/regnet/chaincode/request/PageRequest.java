package org.regnet.chaincode.request;

import org.regnet.chaincode.validate.Check;

/** {@code {"pageSize","bookmark"}} for list queries. */
public record PageRequest(Integer pageSize, String bookmark) {

  public static int size(final Integer pageSize) {
    return pageSize == null ? 20 : Check.range("pageSize", pageSize, 1, 100);
  }

  public static String mark(final String bookmark) {
    if (bookmark == null || bookmark.isEmpty()) {
      return "";
    }
    return Check.matches(
        "bookmark",
        bookmark,
        java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,1400}"),
        "an opaque bookmark returned by a previous page");
  }
}
