package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathGuardTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/referrals/..;/admin",
        "/v1/../v1/audit",
        "/v1/./referrals",
        "/v1//referrals",
        "/v1/referrals%2fREF-1",
        "/v1/referrals%2FREF-1",
        "/v1/%2e%2e/audit",
        "/v1/referrals\\REF-1",
        "/v1/referrals;jsessionid=1",
        "/v1/referrals%00",
        "/v1/referrals%5cx",
        "/v1/referrals%252f",
        "v1/referrals",
        "/v1/referrals/",
        "/v1/ref errals"
      })
  void refuses_ambiguous_paths(String path) {
    assertThatThrownBy(() -> PathGuard.check(path))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo("AMBIGUOUS_PATH");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/v1/referrals/REF-0123456789abcdef", "/v1/audit/objects/TRT-X?pageSize=10", "/"})
  void accepts_plain_paths_and_strips_the_query(String path) {
    assertThat(PathGuard.check(path)).doesNotContain("?");
  }
}
