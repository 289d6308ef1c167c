package org.regnet.node.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Network;
import org.regnet.node.service.InboxFilter;
import org.regnet.node.store.Checkpoint;
import org.regnet.node.store.Filing;
import org.regnet.node.store.InboxStore;
import org.regnet.node.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the chaincode's events from the stored checkpoint and files them in the inbox, a block's
 * events in the one local transaction that also advances the checkpoint (decision 0028). After a
 * crash it resumes from the checkpoint's block; events of that block already processed are
 * recognised by their key (transaction id and event name) and skipped: each event is processed
 * exactly once.
 *
 * <p>Two threads: the reader takes events off the stream and hands them over; the filer files
 * whatever has arrived, one transaction per block. The stream gives no sign that a block has ended
 * until the next one arrives, so the filer does not wait for that: a block whose events are still
 * arriving when the filer catches up is filed in two transactions, which the replay rule above
 * makes as safe as one.
 *
 * <p>A change to a bilateral exchange announces only {@code regnet.pair.updated} and the pair
 * (decision 0020): for its own pairs the follower reads the details from its own peer before filing
 * the event, in the same step, so a crash in between only repeats the read. It reads them once per
 * block and counterparty, not once per event: each read is a signed proposal the peer endorses,
 * which cost the nodes more CPU than filing (docs/benchmarks.md, "Issue 12, third pass").
 */
public final class EventFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventFollower.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<Network> network;
  private final String chaincode;
  private final InboxStore inbox;
  private final InboxFilter filter;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private final Thread filer;

  /** At most this many events wait between the reader and the filer (the stream waits then). */
  private static final int QUEUE = 4096;

  private static final int MAX_DRAIN = 1024;
  private final BlockingQueue<Arrival> arrivals = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong generations = new AtomicLong();
  private volatile CloseableIterator<ChaincodeEvent> current;
  private volatile long lastBlock = -1;
  private volatile boolean reconnecting;

  /**
   * {@code network} is asked again on every (re)connection, so a renewed reader identity is used
   * from the next one on.
   */
  public EventFollower(
      Supplier<Network> network, String chaincode, InboxStore inbox, InboxFilter filter) {
    this(network, chaincode, inbox, filter, null, e -> {});
  }

  /**
   * With {@code filed}, told of each event once its block is filed (a crash between filing and
   * telling loses the telling, never the event: whoever listens catches up from the inbox).
   */
  public EventFollower(
      Supplier<Network> network,
      String chaincode,
      InboxStore inbox,
      InboxFilter filter,
      Consumer<Filing.Event> filed) {
    this(network, chaincode, inbox, filter, null, filed);
  }

  /**
   * {@code pairDetails} answers pair events' details; null asks this authority's own peer ({@code
   * referral:pairEvent}) as the reader identity.
   */
  EventFollower(
      Supplier<Network> network,
      String chaincode,
      InboxStore inbox,
      InboxFilter filter,
      PairDetails pairDetails) {
    this(network, chaincode, inbox, filter, pairDetails, e -> {});
  }

  private EventFollower(
      Supplier<Network> network,
      String chaincode,
      InboxStore inbox,
      InboxFilter filter,
      PairDetails pairDetails,
      Consumer<Filing.Event> filed) {
    this.filed = filed;
    this.network = network;
    this.chaincode = chaincode;
    this.inbox = inbox;
    this.filter = filter;
    this.pairDetails = pairDetails != null ? pairDetails : this::askPeer;
    this.thread = new Thread(this::run, "event-follower");
    this.thread.setDaemon(true);
    this.filer = new Thread(this::file, "event-filer");
    this.filer.setDaemon(true);
  }

  /** The public event of a change to a bilateral exchange; it names only the pair. */
  static final String PAIR_EVENT = "regnet.pair.updated";

  private final PairDetails pairDetails;
  private final Consumer<Filing.Event> filed;

  /** The details of several pair events of one pair, asked at once. */
  @FunctionalInterface
  interface PairDetails {
    /**
     * tx id -> the event's details (JSON) for each of {@code txIds} the pair (this authority,
     * {@code counterparty}) has; an id missing from the answer has no such event. Throws {@link
     * Unresolvable} when the peer will refuse every one of them, any other exception when it cannot
     * answer now.
     */
    Map<String, String> ask(String counterparty, List<String> txIds);
  }

  /** At most this many ids in one ask (the chaincode's limit; a block holds at most 200). */
  static final int MAX_ASK = 200;

  /** What the follower learnt of one pair event: its details, or why it has none. */
  private record Resolution(String details, String refusal) {}

  /** A failure the peer will answer the same way every time: the event cannot be resolved. */
  static final class Unresolvable extends RuntimeException {
    Unresolvable(String message) {
      super(message);
    }
  }

  /**
   * Reads pair events' details from this authority's own peer: the pair's collection, which only
   * the two members' peers hold (decision 0020).
   */
  private Map<String, String> askPeer(String counterparty, List<String> txIds) {
    var request = JSON.createObjectNode().put("counterparty", counterparty);
    txIds.forEach(request.putArray("txIds")::add);
    byte[] answer;
    try {
      answer =
          network
              .get()
              .getContract(chaincode)
              .newProposal("referral:pairEvent")
              .addArguments("{}")
              .putTransient("request", request.toString().getBytes(StandardCharsets.UTF_8))
              .build()
              .evaluate();
    } catch (org.hyperledger.fabric.client.GatewayException e) {
      String all = e.getMessage() + " " + e.getDetails();
      if (all.contains("NOT_FOUND") || all.contains("ACCESS_DENIED")) {
        throw new Unresolvable(all.contains("NOT_FOUND") ? "NOT_FOUND" : "ACCESS_DENIED");
      }
      throw new IllegalStateException("pair event details unavailable: " + e.getStatus());
    }
    JsonNode events = parse(new String(answer, StandardCharsets.UTF_8)).path("events");
    Map<String, String> found = new HashMap<>();
    for (String tx : txIds) {
      JsonNode details = events.get(tx);
      if (details != null && details.isObject()) {
        found.put(tx, details.toString());
      }
    }
    return found;
  }

  /**
   * The counterparty of a pair event of this authority's own pair; null for any other event
   * (another pair's is filed as not relevant, never read).
   */
  private String ownCounterparty(ChaincodeEvent e, JsonNode envelope) {
    if (!e.getEventName().equals(PAIR_EVENT)) {
      return null;
    }
    String own = filter.mspId();
    String counterparty = null;
    boolean member = false;
    for (JsonNode p : envelope.path("parties")) {
      if (p.asText().equals(own)) {
        member = true;
      } else {
        counterparty = p.asText();
      }
    }
    return member ? counterparty : null;
  }

  /**
   * The details of the block's pair events of this authority's own pairs, asked once per
   * counterparty (in parts of at most {@link #MAX_ASK}). Throws when the peer cannot answer now
   * (the follower resumes from its checkpoint and asks again).
   */
  private Map<String, Resolution> resolveAll(List<ChaincodeEvent> events, List<JsonNode> parsed) {
    Map<String, List<String>> byCounterparty = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      String counterparty = ownCounterparty(events.get(i), parsed.get(i));
      if (counterparty != null) {
        byCounterparty
            .computeIfAbsent(counterparty, c -> new ArrayList<>())
            .add(events.get(i).getTransactionId());
      }
    }
    Map<String, Resolution> out = new HashMap<>();
    byCounterparty.forEach(
        (counterparty, txIds) -> {
          for (int from = 0; from < txIds.size(); from += MAX_ASK) {
            List<String> part = txIds.subList(from, Math.min(txIds.size(), from + MAX_ASK));
            try {
              Map<String, String> found = pairDetails.ask(counterparty, List.copyOf(part));
              for (String tx : part) {
                String details = found.get(tx);
                out.put(
                    tx,
                    details != null
                        ? new Resolution(details, null)
                        : new Resolution(null, "NOT_FOUND"));
              }
            } catch (Unresolvable ex) {
              // the peer answers the same every time: none of them can be resolved
              part.forEach(tx -> out.put(tx, new Resolution(null, ex.getMessage())));
            }
          }
        });
    return out;
  }

  public void start() {
    filer.start();
    thread.start();
  }

  /** An event as the reader handed it over, with the stream (generation) it came on. */
  record Arrival(long generation, ChaincodeEvent event) {}

  /** The arrivals cut where the block or the stream changes: each part is one block of a stream. */
  static List<List<Arrival>> blocks(List<Arrival> arrived) {
    List<List<Arrival>> out = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= arrived.size(); i++) {
      if (i == arrived.size()
          || arrived.get(i).generation() != arrived.get(from).generation()
          || arrived.get(i).event().getBlockNumber()
              != arrived.get(from).event().getBlockNumber()) {
        out.add(List.copyOf(arrived.subList(from, i)));
        from = i;
      }
    }
    return out;
  }

  /** The reader: one stream after another, each from the checkpoint, handing events over. */
  private void run() {
    while (running.get()) {
      long generation = generations.incrementAndGet();
      Checkpoint cp = inbox.checkpoint();
      try (CloseableIterator<ChaincodeEvent> events =
          network
              .get()
              .newChaincodeEventsRequest(chaincode)
              .startBlock(cp.blockNumber())
              .build()
              .getEvents()) {
        current = events;
        while (running.get() && events.hasNext()) {
          arrivals.put(new Arrival(generation, events.next()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (reconnecting) {
          reconnecting = false;
        } else if (running.get()) {
          LOG.warn(
              "event stream interrupted ({}); resuming from the checkpoint",
              e.getClass().getSimpleName());
          sleep(1000);
        }
      }
    }
  }

  /**
   * The filer: takes what has arrived, a block at a time. When a block cannot be filed now (the
   * database or the peer failed), nothing of it is committed: the events after it from the same
   * stream are dropped and the stream is ended, so the reader resumes from the checkpoint, which is
   * still before that block.
   */
  private void file() {
    List<Arrival> arrived = new ArrayList<>();
    long dropUpTo = 0;
    while (running.get()) {
      try {
        arrived.add(arrivals.take());
      } catch (InterruptedException e) {
        return;
      }
      arrivals.drainTo(arrived, MAX_DRAIN);
      for (List<Arrival> run : blocks(arrived)) {
        Arrival first = run.get(0);
        if (first.generation() <= dropUpTo || !running.get()) {
          continue; // after a failure on this stream: the next stream brings these again
        }
        try {
          fileBlock(run.stream().map(Arrival::event).toList());
        } catch (RuntimeException e) {
          LOG.warn(
              "block {} not filed ({}); resuming from the checkpoint",
              first.event().getBlockNumber(),
              e.getClass().getSimpleName());
          dropUpTo = first.generation();
          CloseableIterator<ChaincodeEvent> c = current;
          if (c != null) {
            c.close();
          }
        }
      }
      arrived.clear();
    }
  }

  /** Files one event on its own (a block of one). */
  void handle(ChaincodeEvent e) {
    fileBlock(List.of(e));
  }

  /**
   * Files the events of one block (in the stream's order) and advances the checkpoint, in one local
   * transaction. Throws, having committed nothing, when the database fails or a pair event's
   * details cannot be read now.
   */
  void fileBlock(List<ChaincodeEvent> events) {
    List<JsonNode> parsed = new ArrayList<>(events.size());
    for (ChaincodeEvent e : events) {
      parsed.add(parse(new String(e.getPayload(), StandardCharsets.UTF_8)));
    }
    Map<String, Resolution> resolved = resolveAll(events, parsed);
    List<Filing> filings = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      ChaincodeEvent e = events.get(i);
      filings.add(filing(e, parsed.get(i), resolved.get(e.getTransactionId())));
    }
    try {
      inbox.file(filings);
    } catch (StoreException ex) {
      if (!unstorable(ex)) {
        throw ex; // the database itself failed: resume from the checkpoint later
      }
      // One of them can never be stored as it is: file them one by one to find it.
      for (int i = 0; i < filings.size(); i++) {
        fileAlone(filings.get(i), events.get(i).getPayload());
      }
    }
    lastBlock = events.get(events.size() - 1).getBlockNumber();
    for (Filing f : filings) {
      if (f instanceof Filing.Event e) {
        try {
          filed.accept(e);
        } catch (RuntimeException ex) {
          // the event is filed; the listener catches up from the inbox at its next start
          LOG.warn("after filing {}: {}", e.key(), ex.toString());
        }
      }
    }
  }

  /**
   * What the inbox files for the event: a pair event of this authority's pair replaced by its
   * details ({@code resolution}, the event it was before decision 0020); any other event as it
   * came; an unresolvable pair event in quarantine.
   */
  private Filing filing(ChaincodeEvent e, JsonNode json, Resolution resolution) {
    String payload = new String(e.getPayload(), StandardCharsets.UTF_8);
    String key = e.getTransactionId() + "/" + e.getEventName();
    if (resolution != null && resolution.refusal() != null) {
      // the peer answers the same every time: keep the envelope for an operator, move on
      LOG.warn(
          "pair event {} in block {} unresolvable: {}",
          key,
          e.getBlockNumber(),
          resolution.refusal());
      return new Filing.Quarantine(
          key, e.getTransactionId(), e.getBlockNumber(), "unresolvable pair event", e.getPayload());
    }
    if (resolution != null && !resolution.details().equals(payload)) {
      payload = resolution.details();
      json = parse(payload);
    }
    return new Filing.Event(
        key,
        json.path("event").asText(e.getEventName()),
        json.path("objectId").asText(null),
        json.path("treatyId").asText(null),
        e.getTransactionId(),
        e.getBlockNumber(),
        payload,
        filter.relevant(json));
  }

  private static JsonNode parse(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (java.io.IOException ex) {
      return JSON.createObjectNode();
    }
  }

  /** Files one event in its own transaction; one that can never be stored goes to quarantine. */
  private void fileAlone(Filing f, byte[] raw) {
    try {
      inbox.file(List.of(f));
    } catch (StoreException ex) {
      if (!unstorable(ex)) {
        throw ex;
      }
      // This event can never be stored as it is: quarantine it and move on, never stall.
      LOG.warn(
          "event {} in block {} quarantined: {}",
          f.key(),
          f.block(),
          ex.getCause() == null ? ex.getMessage() : ex.getCause().getClass().getSimpleName());
      inbox.quarantine(f.key(), f.txId(), f.block(), "unstorable event: " + sqlState(ex), raw);
    }
  }

  /** The block of the last event processed (or -1 before the first): for the follower's lag. */
  public long lastBlock() {
    return lastBlock;
  }

  /** A data or constraint error (SQL state class 22 or 23): the event, not the database, is bad. */
  static boolean unstorable(StoreException ex) {
    String state = sqlState(ex);
    return state.startsWith("22") || state.startsWith("23");
  }

  private static String sqlState(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return "";
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Ends the current event stream so the follower resumes from its checkpoint on a new one (under a
   * renewed identity); nothing is lost or processed twice (see the class comment).
   */
  public void reconnect() {
    reconnecting = true;
    CloseableIterator<ChaincodeEvent> c = current;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public void close() {
    running.set(false);
    CloseableIterator<ChaincodeEvent> c = current;
    if (c != null) {
      c.close();
    }
    thread.interrupt();
    filer.interrupt();
  }
}
