package org.regnet.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleTableTest {

  @Test
  void investigation_steps_follow_decision_0010() {
    assertThat(RuleTable.rolesFor("referral:startInvestigation"))
        .containsExactly(Role.INVESTIGATOR);
    assertThat(RuleTable.rolesFor("referral:requestInformation"))
        .containsExactly(Role.INVESTIGATOR);
    assertThat(RuleTable.rolesFor("referral:provideInformation"))
        .containsExactlyInAnyOrder(Role.CASE_OFFICER, Role.INVESTIGATOR);
  }

  @Test
  void an_unknown_transaction_is_allowed_to_nobody() {
    assertThat(RuleTable.rolesFor("referral:deleteEverything")).isEmpty();
    assertThat(RuleTable.ruled("referral:deleteEverything")).isFalse();
  }

  @Test
  void a_roles_permissions_are_its_transactions_and_the_node_only_ones() {
    assertThat(RuleTable.permissionsOf(Role.AUDITOR))
        .contains("inbox:read", "referral:get", "audit:byActor")
        .doesNotContain(
            "referral:submit", "referral:readPayload", "treaty:found", "channel:submitUpdate");
    assertThat(RuleTable.permissionsOf(Role.TREATY_ADMIN)).contains("channel:submitUpdate");
    for (Role r : Role.values()) {
      for (String p : RuleTable.permissionsOf(r)) {
        assertThat(
                RuleTable.NODE_ONLY.getOrDefault(p, java.util.Set.of()).contains(r)
                    || RuleTable.rolesFor(p).contains(r))
            .as("%s %s", r, p)
            .isTrue();
      }
    }
  }

  @Test
  void the_table_is_frozen() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RuleTable.rolesFor("referral:get").add(Role.AUDITOR))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void roles_read_their_wire_names() {
    assertThat(Role.fromWire("case-officer")).contains(Role.CASE_OFFICER);
    assertThat(Role.fromWire("superuser")).isEmpty();
  }
}
