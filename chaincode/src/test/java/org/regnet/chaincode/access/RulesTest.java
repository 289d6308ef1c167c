package org.regnet.chaincode.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;
import org.regnet.chaincode.contract.AgreementContract;
import org.regnet.chaincode.contract.AssistanceContract;
import org.regnet.chaincode.contract.AuditContract;
import org.regnet.chaincode.contract.CollegeContract;
import org.regnet.chaincode.contract.EvidenceContract;
import org.regnet.chaincode.contract.FlagContract;
import org.regnet.chaincode.contract.MetaContract;
import org.regnet.chaincode.contract.ReferralContract;
import org.regnet.chaincode.contract.TreatyContract;
import org.regnet.rules.Role;
import org.regnet.rules.RuleTable;

/** The chaincode's transactions and the one rule table name the same set, both ways. */
class RulesTest {

  private static List<String> transactions() {
    final List<String> out = new ArrayList<>();
    for (Class<?> c :
        List.of(
            MetaContract.class,
            TreatyContract.class,
            AgreementContract.class,
            ReferralContract.class,
            FlagContract.class,
            AuditContract.class,
            EvidenceContract.class,
            AssistanceContract.class,
            CollegeContract.class)) {
      final String area = c.getAnnotation(Contract.class).name();
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Transaction.class)) {
          out.add(area + ":" + m.getName());
        }
      }
    }
    return out;
  }

  @Test
  void every_transaction_has_exactly_one_rule_and_every_rule_a_transaction() {
    final List<String> txs = transactions();
    final List<String> ruled = new ArrayList<>(RuleTable.transactions());
    ruled.addAll(RuleTable.OPEN);

    assertThat(txs).containsExactlyInAnyOrderElementsOf(ruled);
  }

  @Test
  void life_cycle_steps_are_ruled_for_the_roles_that_take_them() {
    for (String tx : Turns.STEPS.keySet()) {
      assertThat(RuleTable.rolesFor(tx))
          .as(tx)
          .isNotEmpty()
          .doesNotContain(Role.AUDITOR, Role.TREATY_ADMIN);
    }
  }
}
