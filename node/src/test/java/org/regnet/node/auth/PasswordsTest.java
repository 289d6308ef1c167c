package org.regnet.node.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordsTest {
  private final Passwords passwords = new Passwords();

  @Test
  void stores_an_argon2id_hash_never_the_password() {
    String hash = passwords.hash("correct horse battery");
    assertThat(hash).contains("argon2id").doesNotContain("correct horse battery");
    assertThat(passwords.matches("correct horse battery", hash)).isTrue();
    assertThat(passwords.matches("wrong horse battery", hash)).isFalse();
  }

  @Test
  void an_unknown_user_never_matches_even_with_the_dummy_password() {
    assertThat(passwords.matches("regnet-dummy-password-for-timing", null)).isFalse();
  }

  @Test
  void refuses_short_passwords_and_control_characters() {
    assertThatThrownBy(() -> passwords.hash("short")).hasMessageContaining("password");
    assertThatThrownBy(() -> passwords.hash("twelve chars\u0000!")).hasMessageContaining("control");
  }
}
