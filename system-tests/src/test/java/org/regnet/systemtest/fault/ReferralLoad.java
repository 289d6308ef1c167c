package org.regnet.systemtest.fault;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;

/**
 * A steady closed-loop load of referrals through one node: each worker submits one referral at a
 * time and retries it with the same Idempotency-Key until the node acknowledges it (200), as a
 * careful client would. Every acknowledgement is recorded with its time, so a test can say what was
 * acknowledged, what the ledger holds, and how long writes stalled.
 */
final class ReferralLoad implements AutoCloseable {
  /**
   * One acknowledged referral: when its request (first attempt) started and when it was known
   * committed. {@code referralId} is null when the node answered 202 PENDING and the transaction
   * was then seen COMMITTED (the 202 names the transaction, not the referral).
   */
  record Ack(
      String key, String referralId, String transactionId, long startedNanos, long ackedNanos) {}

  private final NodeClient node;
  private final String token;
  private final String agreementId;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ExecutorService workers;
  private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
  private final Map<String, Integer> unavailable = new ConcurrentHashMap<>();
  private final AtomicInteger retries = new AtomicInteger();
  private final AtomicInteger abandoned = new AtomicInteger();
  private final AtomicInteger invalid = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
      new java.util.concurrent.atomic.AtomicReference<>();

  ReferralLoad(NodeClient node, String token, String agreementId, int workers) {
    this.node = node;
    this.token = token;
    this.agreementId = agreementId;
    this.workers = Executors.newFixedThreadPool(workers);
    for (int i = 0; i < workers; i++) {
      this.workers.submit(this::work);
    }
  }

  private void work() {
    try {
      loop();
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }

  private void loop() {
    while (running.get()) {
      String key = "fault-" + UUID.randomUUID();
      long started = System.nanoTime();
      String body =
          "{\"agreementId\":\""
              + agreementId
              + "\",\"typology\":\"SPOOFING\",\"instrumentClass\":\"PERPETUAL_FUTURE\","
              + "\"dataClasses\":[\"TRADE_DATA\"],\"purposes\":[\"INVESTIGATION\"],\"payload\":"
              + Requests.payload(Requests.marker())
              + "}";
      // A request once sent is retried until acknowledged, even after stop(): the test then
      // knows the fate of every request it made. Bounded, so a dead network cannot hang the test.
      long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (true) {
        Answer a;
        try {
          a = node.call("POST", "/v1/referrals", body, token, Map.of("Idempotency-Key", key));
        } catch (UncheckedIOException | IllegalStateException e) {
          a = null;
        }
        if (a != null && a.status() == 200) {
          acks.add(
              new Ack(key, a.body().get("referralId").asText(), null, started, System.nanoTime()));
          break;
        }
        if (a != null && a.status() == 202) {
          // Submitted, commit not yet known: ask the node until it knows. An INVALID
          // transaction wrote nothing; its request is made again under a new key.
          // Still PENDING after a while: the transaction may be lost with an orderer; the same
          // request goes again under the same key (the chaincode finds it if it did commit).
          String tx = a.body().get("transactionId").asText();
          String outcome = awaitOutcome(node, token, tx, TimeUnit.SECONDS.toNanos(20));
          if (outcome.equals("COMMITTED")) {
            acks.add(new Ack(key, null, tx, started, System.nanoTime()));
            break;
          }
          if (outcome.equals("INVALID")) {
            invalid.incrementAndGet();
            key = "fault-" + UUID.randomUUID();
          }
          retries.incrementAndGet();
          continue;
        }
        if (a != null && a.status() < 500 && a.status() != 409 && a.status() != 429) {
          throw new AssertionError("referral refused: " + a.status() + " " + a.body());
        }
        if (a != null) {
          unavailable.merge(a.status() + " " + a.code(), 1, Integer::sum);
        }
        retries.incrementAndGet();
        if (System.nanoTime() > giveUp) {
          abandoned.incrementAndGet();
          break;
        }
        sleep(250);
      }
    }
  }

  /**
   * COMMITTED, INVALID, or PENDING when the node still does not know after {@code waitNanos}: where
   * a write answered 202 stands.
   */
  static String awaitOutcome(NodeClient node, String token, String transactionId, long waitNanos) {
    long deadline = System.nanoTime() + waitNanos;
    while (System.nanoTime() < deadline) {
      try {
        Answer s = node.call("GET", "/v1/transactions/" + transactionId, null, token);
        if (s.status() == 200 && !s.body().path("status").asText().equals("PENDING")) {
          return s.body().path("status").asText();
        }
      } catch (UncheckedIOException | IllegalStateException e) {
        // the node or the ledger is down: ask again
      }
      sleep(250);
    }
    return "PENDING";
  }

  /** Requests whose transaction came back INVALID (nothing written) and were made again. */
  int invalid() {
    return invalid.get();
  }

  List<Ack> acks() {
    return List.copyOf(acks);
  }

  int ackCount() {
    return acks.size();
  }

  /** Answers other than 200 seen on the way, by status and code (e.g. "503 UNAVAILABLE"). */
  Map<String, Integer> unavailable() {
    return Map.copyOf(unavailable);
  }

  int retries() {
    return retries.get();
  }

  int abandoned() {
    return abandoned.get();
  }

  /** Waits until {@code n} more acknowledgements than now have arrived (at most 5 minutes). */
  void awaitMoreAcks(int n) {
    int target = acks.size() + n;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (acks.size() < target) {
      if (failure.get() != null) {
        throw new AssertionError("a load worker failed", failure.get());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("writes did not resume: " + acks.size() + " of " + target);
      }
      sleep(50);
    }
  }

  /** Stops starting new referrals and waits until every started one is acknowledged. */
  void stop() {
    running.set(false);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(6, TimeUnit.MINUTES)) {
        throw new AssertionError("the load did not finish");
      }
      if (failure.get() != null) {
        throw new AssertionError("a load worker failed", failure.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    running.set(false);
    workers.shutdownNow();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
