package org.regnet.node.auth;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.shiro.authc.credential.DefaultPasswordService;
import org.apache.shiro.crypto.hash.DefaultHashService;
import org.apache.shiro.crypto.hash.HashRequest;
import org.apache.shiro.lang.util.ByteSource;
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
  private final DefaultPasswordService service;
  private final LoginPolicy policy;
  private final String dummy;

  public Passwords() {
    this(LoginPolicy.DEFAULT);
  }

  public Passwords(LoginPolicy policy) {
    this.policy = policy;
    Map<String, Object> argon2 =
        Map.of(
            // Shiro reads them as strings.
            "Argon2.memoryKib", String.valueOf(policy.argon2MemoryKiB()),
            "Argon2.iterations", String.valueOf(policy.argon2Iterations()),
            "Argon2.parallelism", String.valueOf(policy.argon2Parallelism()));
    DefaultHashService hashes = new DefaultHashService();
    hashes.setDefaultAlgorithmName("argon2id");
    hashes.setParameters(argon2);
    // Shiro 3.0.0 keeps a hash service's parameters but never passes them on: the hash request
    // must carry them, or every hash gets Shiro's defaults (64 MiB, 1 pass, 4 lanes), more than
    // three times the memory the login budget counts on.
    this.service =
        new DefaultPasswordService() {
          @Override
          protected HashRequest createHashRequest(ByteSource plaintext) {
            return new HashRequest.Builder()
                .setSource(plaintext)
                .setAlgorithmName("argon2id")
                .withParameters(argon2)
                .build();
          }
        };
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
   * A fresh hash of {@code password} under this policy when {@code storedHash} (which it matched)
   * was made with other Argon2 parameters; empty when it is current, or when the password no longer
   * meets the policy (it is then left as it is, not refused: the user just logged in with it).
   */
  public java.util.Optional<String> rehash(String password, String storedHash) {
    String current =
        "$t="
            + policy.argon2Iterations()
            + ",m="
            + policy.argon2MemoryKiB()
            + ",p="
            + policy.argon2Parallelism()
            + "$";
    if (storedHash == null || storedHash.contains(current)) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(hash(password));
    } catch (IllegalArgumentException tooWeak) {
      return java.util.Optional.empty();
    }
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
