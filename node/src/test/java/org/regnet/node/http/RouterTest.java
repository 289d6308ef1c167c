package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static Route route(HttpMethod m, String path, String permission) {
    RouteSpec spec = new RouteSpec(m, path, permission, "test", List.of(), "Health", List.of(200));
    return new Route() {
      @Override
      public RouteSpec spec() {
        return spec;
      }

      @Override
      public Reply handle(RouteRequest request) {
        return Reply.ok(Json.object());
      }
    };
  }

  private final Router router =
      new Router(
          List.of(
              route(HttpMethod.GET, "/v1/referrals/{referralId}", "referral:read"),
              route(HttpMethod.POST, "/v1/referrals/{referralId}/acknowledge", "referral:write")));

  @Test
  void matches_a_template_and_extracts_its_parameters() {
    var m = router.match(HttpMethod.GET, "/v1/referrals/REF-1").orElseThrow();
    assertThat(m.params()).containsEntry("referralId", "REF-1");
  }

  @Test
  void answers_method_not_allowed_for_a_known_path_with_another_method() {
    assertThatThrownBy(() -> router.match(HttpMethod.DELETE, "/v1/referrals/REF-1"))
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  void finds_nothing_for_an_unknown_path() {
    assertThat(router.match(HttpMethod.GET, "/v1/nothing")).isEmpty();
  }

  @Test
  void refuses_a_route_with_a_blank_permission() {
    assertThatThrownBy(() -> new Router(List.of(route(HttpMethod.GET, "/v1/x", " "))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
