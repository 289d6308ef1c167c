package org.regnet.node.config;

/**
 * What a login may cost the node: the Argon2id parameters of new password hashes, the memory budget
 * that bounds how many verifications run at once, and how many failures an address may make (across
 * all names) before it is slowed down. Validated once at load.
 *
 * @param argon2MemoryKiB memory of one Argon2id computation for new hashes
 * @param argon2Iterations Argon2id passes for new hashes
 * @param argon2Parallelism Argon2id lanes for new hashes
 * @param memoryBudgetMiB memory all concurrent verifications together may use; a login that would
 *     exceed it is answered 503 with Retry-After instead of waiting or failing with
 *     OutOfMemoryError
 * @param addressFailures failures one client address may make across all names before backoff
 */
public record LoginPolicy(
    int argon2MemoryKiB,
    int argon2Iterations,
    int argon2Parallelism,
    int memoryBudgetMiB,
    int addressFailures) {

  /** OWASP's second Argon2id setting (19 MiB, 2 passes, 1 lane), three at a time. */
  public static final LoginPolicy DEFAULT = new LoginPolicy(19456, 2, 1, 64, 20);

  public LoginPolicy {
    if (argon2MemoryKiB < 8 * 1024 || argon2MemoryKiB > 1024 * 1024) {
      throw new ConfigException("login.argon2.memoryKiB", "must be 8192..1048576");
    }
    if (argon2Iterations < 1 || argon2Iterations > 20) {
      throw new ConfigException("login.argon2.iterations", "must be 1..20");
    }
    if (argon2Parallelism < 1 || argon2Parallelism > 16) {
      throw new ConfigException("login.argon2.parallelism", "must be 1..16");
    }
    if (memoryBudgetMiB * 1024L < argon2MemoryKiB || memoryBudgetMiB > 4096) {
      throw new ConfigException(
          "login.memoryBudgetMiB", "must hold at least one verification, at most 4096");
    }
    if (addressFailures < 1 || addressFailures > 10_000) {
      throw new ConfigException("login.addressFailures", "must be 1..10000");
    }
  }
}
