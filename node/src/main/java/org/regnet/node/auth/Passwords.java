package org.regnet.node.auth;

import org.apache.shiro.authc.credential.DefaultPasswordService;

/**
 * Password hashing with Shiro's default password service (argon2id, Shiro2 crypt format). A dummy
 * hash is checked for unknown users so that an unknown name and a wrong password take the same time
 * and give the same answer.
 */
public final class Passwords {
  private static final int MIN_LENGTH = 12;
  private static final int MAX_LENGTH = 256;
  private final DefaultPasswordService service = new DefaultPasswordService();
  private final String dummy = service.encryptPassword("regnet-dummy-password-for-timing");

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
