package org.regnet.chaincode.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.regnet.chaincode.RegnetContext;
import org.regnet.chaincode.model.AssistanceReply;
import org.regnet.chaincode.model.AssistanceRequest;
import org.regnet.chaincode.model.ItemOutcome;
import org.regnet.chaincode.model.ReplyItem;
import org.regnet.chaincode.request.AssistanceRequests;

/**
 * Cooperation statistics per counterparty (IOSCO MMoU monitoring), computed from the request
 * records both parties share, so neither side can report figures the other's ledger contradicts.
 * Times are whole seconds; percentiles are nearest-rank (p50 of 4 values is the 2nd smallest).
 */
public final class CooperationStatistics {

  private CooperationStatistics() {}

  /** One direction with one counterparty. */
  public record Direction(
      int requests,
      int acknowledged,
      int answered,
      int overdue,
      Long acknowledgeMedianSeconds,
      Long acknowledgeP90Seconds,
      Long finalReplyMedianSeconds,
      Long finalReplyP90Seconds,
      Map<String, Integer> refusalsByGround) {}

  /**
   * Requests sent to and received from one counterparty, and the unsolicited information provided
   * to and received from it (decision 0031): counted apart, never as a request or a response time.
   */
  public record Counterparty(
      String counterparty,
      Direction sent,
      Direction received,
      int unsolicitedSent,
      int unsolicitedReceived) {}

  /** The caller's figures. */
  public record Report(String authority, String asOf, List<Counterparty> counterparties) {}

  public static Report compute(final RegnetContext ctx, final AssistanceRequests.Statistics raw) {
    final AssistanceRequests.Statistics req = raw.validated();
    final String me = ctx.caller().msp();
    final Map<String, List<AssistanceRequest>> sent = new TreeMap<>();
    final Map<String, List<AssistanceRequest>> received = new TreeMap<>();
    final Map<String, Integer> offeredTo = new TreeMap<>();
    final Map<String, Integer> offeredBy = new TreeMap<>();
    // the outbox holds what the authority sent, the inbox what it received (AssistanceStore)
    for (AssistanceRequest r : AssistanceStore.all(ctx, me, false)) {
      if (r.offered()) {
        offeredTo.merge(r.receiver(), 1, Integer::sum);
      } else {
        sent.computeIfAbsent(r.receiver(), k -> new ArrayList<>()).add(r);
      }
    }
    for (AssistanceRequest r : AssistanceStore.all(ctx, me, true)) {
      if (r.offered()) {
        offeredBy.merge(r.sender(), 1, Integer::sum);
      } else {
        received.computeIfAbsent(r.sender(), k -> new ArrayList<>()).add(r);
      }
    }
    final TreeMap<String, Boolean> names = new TreeMap<>();
    sent.keySet().forEach(k -> names.put(k, true));
    received.keySet().forEach(k -> names.put(k, true));
    offeredTo.keySet().forEach(k -> names.put(k, true));
    offeredBy.keySet().forEach(k -> names.put(k, true));
    final List<Counterparty> out = new ArrayList<>();
    for (String cp : names.keySet()) {
      if (req.counterparty() != null && !req.counterparty().equals(cp)) {
        continue;
      }
      out.add(
          new Counterparty(
              cp,
              direction(sent.getOrDefault(cp, List.of())),
              direction(received.getOrDefault(cp, List.of())),
              offeredTo.getOrDefault(cp, 0),
              offeredBy.getOrDefault(cp, 0)));
    }
    return new Report(me, ctx.nowString(), out);
  }

  static Direction direction(final List<AssistanceRequest> rs) {
    final List<Long> ack = new ArrayList<>();
    final List<Long> fin = new ArrayList<>();
    final Map<String, Integer> refusals = new TreeMap<>();
    int overdue = 0;
    for (AssistanceRequest r : rs) {
      final Instant created = Instant.parse(r.createdAt());
      if (r.progress().acknowledgedAt() != null) {
        ack.add(seconds(created, r.progress().acknowledgedAt()));
      }
      if (r.progress().finalReplyAt() != null) {
        fin.add(seconds(created, r.progress().finalReplyAt()));
      }
      if (!r.progress().overdue().isEmpty()) {
        overdue++;
      }
      for (AssistanceReply reply : r.progress().replies()) {
        for (ReplyItem it : reply.items()) {
          if (it.outcome() == ItemOutcome.REFUSED) {
            refusals.merge(it.refusalGround().name(), 1, Integer::sum);
          }
        }
      }
    }
    return new Direction(
        rs.size(),
        ack.size(),
        fin.size(),
        overdue,
        percentile(ack, 50),
        percentile(ack, 90),
        percentile(fin, 50),
        percentile(fin, 90),
        refusals);
  }

  /** Nearest-rank percentile, or null without values. */
  static Long percentile(final List<Long> values, final int p) {
    if (values.isEmpty()) {
      return null;
    }
    final List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    final int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  private static long seconds(final Instant from, final String to) {
    return Duration.between(from, Instant.parse(to)).getSeconds();
  }
}
