package org.regnet.node.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Cooperation statistics as CSV: one row per counterparty and direction, the refusals as one {@code
 * GROUND=n;...} cell so every row has the same columns whatever grounds occur. {@code unsolicited}
 * counts the information provided or received without a request (decision 0031), apart from the
 * requests and their times.
 */
public final class StatisticsCsv {
  public static final List<String> COLUMNS =
      List.of(
          "authority",
          "counterparty",
          "direction",
          "requests",
          "unsolicited",
          "acknowledged",
          "answered",
          "overdue",
          "acknowledgeMedianSeconds",
          "acknowledgeP90Seconds",
          "finalReplyMedianSeconds",
          "finalReplyP90Seconds",
          "refusalsByGround");

  private StatisticsCsv() {}

  public static String render(JsonNode report) {
    StringBuilder s = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (JsonNode c : report.path("counterparties")) {
      for (String dir : List.of("sent", "received")) {
        JsonNode d = c.path(dir);
        List<String> refusals = new ArrayList<>();
        d.path("refusalsByGround")
            .fields()
            .forEachRemaining(e -> refusals.add(e.getKey() + "=" + e.getValue().asInt()));
        List<String> row =
            List.of(
                report.path("authority").asText(),
                c.path("counterparty").asText(),
                dir,
                d.path("requests").asText(),
                c.path(dir.equals("sent") ? "unsolicitedSent" : "unsolicitedReceived").asText("0"),
                d.path("acknowledged").asText(),
                d.path("answered").asText(),
                d.path("overdue").asText(),
                number(d.path("acknowledgeMedianSeconds")),
                number(d.path("acknowledgeP90Seconds")),
                number(d.path("finalReplyMedianSeconds")),
                number(d.path("finalReplyP90Seconds")),
                String.join(";", refusals));
        s.append(String.join(",", row)).append("\r\n");
      }
    }
    return s.toString();
  }

  private static String number(JsonNode n) {
    return n.isNumber() ? n.asText() : "";
  }
}
