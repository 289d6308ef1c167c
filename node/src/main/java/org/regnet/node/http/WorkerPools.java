package org.regnet.node.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pools routes run on, off the event loop. Two lanes, so one kind of work cannot starve
 * the other:
 *
 * <ul>
 *   <li>{@code api}: every route but the costly ones (ledger calls, database reads). Its threads
 *       mostly wait on the peer, so it has more of them than there are cores.
 *   <li>{@code costly}: routes that burn CPU and memory themselves ({@link CostlyRoute}: logins,
 *       whose Argon2 verification takes a core for tens of milliseconds). Few threads, so a login
 *       flood takes at most that many cores and never an {@code api} thread.
 * </ul>
 *
 * <p>The {@code costly} lane shares its cores with the TLS handshakes of new connections ({@link
 * TlsHandshakes}): each of their tasks holds one of {@link #costlyCpu()}'s permits, as many as the
 * lane has threads, so a login flood, which is first a flood of handshakes, takes at most that many
 * cores in all (decision 0025).
 *
 * <p>Each lane has a bounded queue. Work that finds it full is refused at once ({@link
 * RejectedExecutionException}; the handler answers 503 {@code BUSY} with {@code Retry-After}):
 * under overload the node sheds load instead of queueing without bound and timing out late.
 */
public final class WorkerPools {
  private final ThreadPoolExecutor api;
  private final ThreadPoolExecutor costly;
  private final Semaphore costlyCpu;

  /** Pools of the given sizes (threads, then queue capacity) for each lane. */
  public WorkerPools(int apiThreads, int apiQueue, int costlyThreads, int costlyQueue) {
    this.costlyCpu = new Semaphore(costlyThreads, true);
    this.api = bounded("api-worker", apiThreads, apiQueue, null);
    this.costly = bounded("costly-worker", costlyThreads, costlyQueue, costlyCpu);
  }

  /**
   * {@code apiThreads} api threads (each mostly waits for endorsement and commit) with room for 64
   * waiting requests; one costly thread per two cores with room for 8.
   */
  public static WorkerPools withApiThreads(int apiThreads) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new WorkerPools(apiThreads, 64, Math.max(1, cores / 2), 8);
  }

  private static ThreadPoolExecutor bounded(String name, int threads, int queue, Semaphore cpu) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queue),
        factory,
        new ThreadPoolExecutor.AbortPolicy()) {
      @Override
      protected void beforeExecute(Thread t, Runnable r) {
        if (cpu != null) {
          cpu.acquireUninterruptibly();
        }
      }

      @Override
      protected void afterExecute(Runnable r, Throwable t) {
        if (cpu != null) {
          cpu.release();
        }
      }
    };
  }

  /**
   * The cores the {@code costly} lane and the TLS handshakes share: a task of either holds a permit
   * while it runs.
   */
  Semaphore costlyCpu() {
    return costlyCpu;
  }

  /** The lane for ordinary routes (also lent to routes that run work of their own). */
  public ExecutorService api() {
    return api;
  }

  /** The lane for {@code route}. */
  ExecutorService laneOf(Route route) {
    return route instanceof CostlyRoute ? costly : api;
  }

  /** True once {@link #shutdownNow} ran: a refusal then means "shutting down", not "busy". */
  boolean isShutdown() {
    return api.isShutdown();
  }

  /** Requests waiting for a thread now, per lane (metrics). */
  public int queuedApi() {
    return api.getQueue().size();
  }

  public int queuedCostly() {
    return costly.getQueue().size();
  }

  public void shutdownNow() {
    api.shutdownNow();
    costly.shutdownNow();
  }
}
