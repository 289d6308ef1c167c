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
  void new_hashes_carry_the_policys_argon2_parameters_not_shiros_defaults() {
    String hash = passwords.hash("correct horse battery");
    assertThat(hash).contains("$argon2id$").contains("t=2,m=19456,p=1");
    assertThat(passwords.memoryKiB(hash)).isEqualTo(19456);
    Passwords cheap = new Passwords(new org.regnet.node.config.LoginPolicy(8192, 1, 2, 64, 20));
    String other = cheap.hash("correct horse battery");
    assertThat(other).contains("t=1,m=8192,p=2");
    assertThat(cheap.matches("correct horse battery", other)).isTrue();
    // A hash records its own parameters: one made under another policy still verifies.
    assertThat(passwords.matches("correct horse battery", other)).isTrue();
  }

  @Test
  void a_hash_under_other_parameters_is_rehashed_under_the_policy_and_a_current_one_is_not() {
    Passwords old = new Passwords(new org.regnet.node.config.LoginPolicy(8192, 1, 2, 64, 20));
    String stale = old.hash("correct horse battery");
    String fresh = passwords.rehash("correct horse battery", stale).orElseThrow();
    assertThat(fresh).contains("t=2,m=19456,p=1");
    assertThat(passwords.matches("correct horse battery", fresh)).isTrue();
    assertThat(passwords.rehash("correct horse battery", fresh)).isEmpty();
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
