package org.regnet.node.http;

import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where TLS handshakes run, and how many the node takes on at once (decision 0025).
 *
 * <p>A handshake's key work (key agreement, signing the transcript) is the SSL engine's delegated
 * tasks. Netty runs them on the event loop unless told otherwise, so a burst of new connections (a
 * login flood) would hold up the requests of every connection already open on that loop: a
 * logged-in user's reads waited behind a hundred handshakes. Here they run on a lane of their own,
 * one thread per two cores, whose tasks share their cores with the costly (login) lane: handshakes
 * and password checks together take at most one core per two.
 *
 * <p>The lane's queue is the backlog of handshake work. When it holds more than {@code maxQueued}
 * tasks the server stops accepting connections; new ones wait in the kernel's accept queue, where
 * no handshake timer runs and nothing is dropped, and accepting resumes once the lane has caught
 * up. So every connection the node accepts gets its handshake well within the handshake timeout,
 * and its request an answer: a flood is answered late, never by a silent close. Idle connections
 * that never send a ClientHello queue no work, so they cannot stop the node from accepting; the
 * handshake timeout closes them.
 *
 * <p>The handshake timeout counts only the time the node waits for the client, never the time a
 * connection's work waits in this lane ({@link HandshakeClock}). Netty's own timer counts both: in
 * a CI run, connections accepted in the first burst of a flood waited over a minute for the lane
 * (each task alternating with a password check on the shared cores) and were closed after the
 * client had sent its request, without an answer.
 */
public final class TlsHandshakes implements AutoCloseable {
  /**
   * How long the node waits for a client's next handshake message (time spent in this lane not
   * counted): long enough for a client starved of CPU, short enough to close idle connections.
   */
  static final long HANDSHAKE_TIMEOUT_MILLIS = 60_000;

  private final ThreadPoolExecutor lane;
  private final int maxQueued;
  private final AtomicReference<Channel> server = new AtomicReference<>();
  private final Semaphore cpu;

  /**
   * One handshake thread per two cores; accepting pauses above 64 queued tasks; each task holds a
   * permit of {@code cpu}, shared with the costly lane.
   */
  public static TlsHandshakes defaults(Semaphore cpu) {
    return new TlsHandshakes(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 64, cpu);
  }

  public TlsHandshakes(int threads, int maxQueued) {
    this(threads, maxQueued, null);
  }

  public TlsHandshakes(int threads, int maxQueued, Semaphore cpu) {
    if (threads < 1 || maxQueued < 1) {
      throw new IllegalArgumentException("threads and maxQueued must be positive");
    }
    this.maxQueued = maxQueued;
    this.cpu = cpu;
    AtomicInteger n = new AtomicInteger();
    this.lane =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "tls-handshake-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** The TLS handler of a new connection: its handshake tasks go to this lane. */
  SslHandler handler(SslContext ssl, SocketChannel ch) {
    if (ch.parent() != null) {
      watch(ch.parent());
    }
    HandshakeClock clock = new HandshakeClock(HANDSHAKE_TIMEOUT_MILLIS);
    SslHandler tls = ssl.newHandler(ch.alloc(), clock.tasksOn(this::execute));
    tls.setHandshakeTimeoutMillis(0); // the clock below times the client alone
    clock.watch(ch, tls.handshakeFuture());
    return tls;
  }

  /** The server channel whose accepting this gate pauses (the first connection's parent). */
  void watch(Channel serverChannel) {
    server.compareAndSet(null, serverChannel);
  }

  /** Runs a handshake task on the lane. */
  void execute(Runnable task) {
    lane.execute(
        () -> {
          if (cpu != null) {
            cpu.acquireUninterruptibly();
          }
          try {
            task.run();
          } finally {
            if (cpu != null) {
              cpu.release();
            }
            adjust();
          }
        });
    adjust();
  }

  /**
   * Pauses accepting above {@code maxQueued} waiting tasks, resumes at half of it. Every task ends
   * with a call, so the last one always resumes.
   */
  private synchronized void adjust() {
    Channel s = server.get();
    if (s == null) {
      return;
    }
    int queued = lane.getQueue().size();
    if (queued > maxQueued && s.config().isAutoRead()) {
      s.config().setAutoRead(false);
    } else if (queued <= maxQueued / 2 && !s.config().isAutoRead()) {
      s.config().setAutoRead(true);
    }
  }

  /** Handshake tasks waiting for the lane now. */
  int queued() {
    return lane.getQueue().size();
  }

  @Override
  public void close() {
    lane.shutdownNow();
  }
}
