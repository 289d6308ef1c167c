package org.regnet.chaincode.request;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.DataClass;
import org.regnet.chaincode.model.InstrumentClass;
import org.regnet.chaincode.model.ItemOutcome;
import org.regnet.chaincode.model.PermittedUse;
import org.regnet.chaincode.model.ReplyItem;
import org.regnet.chaincode.model.SubjectRequestKind;
import org.regnet.chaincode.model.Urgency;
import org.regnet.chaincode.validate.Check;

/**
 * The requests of the {@code assistance} contract (the private parts come in the transient map).
 */
public final class AssistanceRequests {

  private AssistanceRequests() {}

  public static String checkId(final String f, final String v) {
    return Check.matches(f, v, Check.generatedId("RFA"), "a request id");
  }

  /** {@code assistance:submit}: the record's facts; {@code dueDate} is optional. */
  public record Submit(
      String agreementId,
      InstrumentClass instrumentClass,
      List<DataClass> dataClasses,
      List<PermittedUse> purposes,
      Urgency urgency,
      String dueDate) {

    public Submit validated() {
      new IdRef.AgreementRef(agreementId).id();
      Check.required("instrumentClass", instrumentClass);
      Check.required("urgency", urgency);
      if (dueDate != null) {
        Check.instant("dueDate", dueDate);
      }
      return new Submit(
          agreementId,
          instrumentClass,
          Check.set("dataClasses", dataClasses, 1, 8),
          Check.set("purposes", purposes, 1, 8),
          urgency,
          dueDate);
    }
  }

  /**
   * {@code assistance:offer}: unsolicited information for the other party of an agreement (decision
   * 0031), checked against the agreement as a request is; the content is in the transient map.
   */
  public record Offer(
      String agreementId,
      String recipient,
      InstrumentClass instrumentClass,
      List<DataClass> dataClasses,
      List<PermittedUse> purposes) {

    public Offer validated() {
      Check.msp("recipient", recipient);
      final Submit s =
          new Submit(agreementId, instrumentClass, dataClasses, purposes, Urgency.ROUTINE, null)
              .validated();
      return new Offer(agreementId, recipient, instrumentClass, s.dataClasses(), s.purposes());
    }
  }

  /** Requests naming only the request. */
  public record Ref(String requestId) {
    public String id() {
      return checkId("requestId", requestId);
    }
  }

  /** {@code assistance:acknowledge}: an estimated reply date, or how often updates will come. */
  public record Acknowledge(
      String requestId, String estimatedReplyAt, Integer updateFrequencyDays) {
    public Acknowledge validated() {
      checkId("requestId", requestId);
      if ((estimatedReplyAt == null) == (updateFrequencyDays == null)) {
        throw ErrorCode.VALIDATION_FAILED.exception(
            "estimatedReplyAt", "give an estimated reply date or an update frequency, not both");
      }
      if (estimatedReplyAt != null) {
        Check.instant("estimatedReplyAt", estimatedReplyAt);
      } else {
        Check.range("updateFrequencyDays", updateFrequencyDays, 1, 90);
      }
      return this;
    }
  }

  /** {@code assistance:reestimate}: a new estimated reply date (reasons in the transient map). */
  public record Reestimate(String requestId, String estimatedReplyAt) {
    public Reestimate validated() {
      checkId("requestId", requestId);
      Check.instant("estimatedReplyAt", estimatedReplyAt);
      return this;
    }
  }

  /** {@code assistance:reply}: the outcome per item; the content is in the transient map. */
  public record Reply(String requestId, Boolean finalReply, List<ReplyItem> items) {
    public Reply validated() {
      checkId("requestId", requestId);
      Check.required("finalReply", finalReply);
      final List<ReplyItem> list = Check.list("items", items, 1, 50);
      final Set<Integer> seen = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        final ReplyItem it = list.get(i);
        final String f = "items[" + i + "]";
        Check.range(f + ".itemNo", it.itemNo(), 1, 50);
        if (!seen.add(it.itemNo())) {
          throw ErrorCode.VALIDATION_FAILED.exception(f + ".itemNo", "duplicate item");
        }
        Check.required(f + ".outcome", it.outcome());
        if ((it.outcome() == ItemOutcome.REFUSED) != (it.refusalGround() != null)) {
          throw ErrorCode.VALIDATION_FAILED.exception(
              f + ".refusalGround", "required for a refused item, and only for one");
        }
        if (finalReply && it.outcome() == ItemOutcome.DEFERRED) {
          throw ErrorCode.VALIDATION_FAILED.exception(
              f + ".outcome", "a final reply defers nothing");
        }
      }
      return new Reply(
          requestId,
          finalReply,
          list.stream().sorted(java.util.Comparator.comparingInt(ReplyItem::itemNo)).toList());
    }
  }

  /** {@code assistance:noticeDisclosure}: the outside body (details in the transient map). */
  public record Notice(String requestId, String body) {
    public Notice validated() {
      checkId("requestId", requestId);
      Check.text("body", body, Check.SHORT_TEXT, false);
      return this;
    }
  }

  /** {@code assistance:objectDisclosure} and {@code assistance:recordDisclosure}. */
  public record DisclosureRef(String requestId, Integer seq) {
    public DisclosureRef validated() {
      checkId("requestId", requestId);
      Check.range("seq", seq, 1, 100);
      return this;
    }
  }

  /** {@code assistance:recordSubjectRequest}: the kind; the details come in the transient map. */
  public record SubjectRequestInput(String requestId, SubjectRequestKind kind) {
    public SubjectRequestInput validated() {
      checkId("requestId", requestId);
      Check.required("kind", kind);
      return this;
    }
  }

  /** {@code assistance:statistics}: one counterparty, or all when absent. */
  public record Statistics(String counterparty) {
    public Statistics validated() {
      if (counterparty != null) {
        Check.msp("counterparty", counterparty);
      }
      return this;
    }
  }
}
