package org.regnet.node.auth;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.shiro.authc.credential.DefaultPasswordService;
import org.apache.shiro.crypto.hash.DefaultHashService;
import org.regnet.node.config.LoginPolicy;

/**
 * Password hashing with Shiro's password service: Argon2id with the parameters of the {@link
 * LoginPolicy} (explicit, not Shiro's defaults), in the Shiro2 crypt format, which records the
 * parameters in each hash so older hashes still verify. A dummy hash is checked for unknown users
 * so that an unknown name and a wrong password take the same time and give the same answer.
 */
public final class Passwords {
  private static final int MIN_LENGTH = 12;
  private static final int MAX_LENGTH = 256;
  private static final Pattern MEMORY = Pattern.compile("[$,]m=(\\d{1,9})[,$]");
  private final DefaultPasswordService service = new DefaultPasswordService();
  private final LoginPolicy policy;
  private final String dummy;

  public Passwords() {
    this(LoginPolicy.DEFAULT);
  }

  public Passwords(LoginPolicy policy) {
    this.policy = policy;
    DefaultHashService hashes = new DefaultHashService();
    hashes.setDefaultAlgorithmName("argon2id");
    hashes.setParameters(
        Map.of(
            "Argon2.memoryKib", policy.argon2MemoryKiB(),
            "Argon2.iterations", policy.argon2Iterations(),
            "Argon2.parallelism", policy.argon2Parallelism()));
    service.setHashService(hashes);
    this.dummy = service.encryptPassword("regnet-dummy-password-for-timing");
  }

  public String hash(String password) {
    check(password);
    return service.encryptPassword(password);
  }

  public boolean matches(String password, String storedHash) {
    if (password == null || password.length() > MAX_LENGTH) {
      service.passwordsMatch("x", dummy);
      return false;
    }
    return service.passwordsMatch(password, storedHash == null ? dummy : storedHash)
        && storedHash != null;
  }

  /**
   * The memory (KiB) checking against {@code storedHash} takes: the hash's own Argon2 memory
   * parameter, or the policy's for the dummy hash of an unknown user.
   */
  public int memoryKiB(String storedHash) {
    if (storedHash != null) {
      Matcher m = MEMORY.matcher(storedHash);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    return policy.argon2MemoryKiB();
  }

  /** Policy: 12..256 characters, no control characters. */
  public static void check(String password) {
    if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "password: must be " + MIN_LENGTH + ".." + MAX_LENGTH + " characters");
    }
    if (password.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("password: control characters are not allowed");
    }
  }
}
