package org.regnet.node.auth;

import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The memory budget of password verification: each verification holds as many KiB of the budget as
 * its Argon2 memory parameter while it runs. A login that does not fit is refused at once (the
 * caller answers 503 with Retry-After), so a flood of logins can neither exhaust the heap nor
 * occupy every worker thread while other routes wait.
 */
public final class LoginGate {
  private final Semaphore kib;
  private final int budgetKiB;

  public LoginGate(int budgetMiB) {
    this.budgetKiB = budgetMiB * 1024;
    this.kib = new Semaphore(budgetKiB);
  }

  /** A held share of the budget; close it when the verification is done. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** A permit for a verification of {@code memoryKiB}, or empty when the budget is spent. */
  public Optional<Permit> tryEnter(int memoryKiB) {
    int need = Math.max(1, Math.min(memoryKiB, budgetKiB));
    if (!kib.tryAcquire(need)) {
      return Optional.empty();
    }
    return Optional.of(() -> kib.release(need));
  }

  /** KiB of the budget in use now (a metric). */
  public int inUseKiB() {
    return budgetKiB - kib.availablePermits();
  }
}
