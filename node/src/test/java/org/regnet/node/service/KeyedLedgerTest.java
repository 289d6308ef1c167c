package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyedLedgerTest {

  /**
   * A decorator that inherits a default method answers for the ledger it wraps: block numbers went
   * missing from audit exports that way once.
   */
  @Test
  void overrides_every_method_of_the_ledger_it_wraps() {
    List<String> missing =
        Arrays.stream(Ledger.class.getMethods())
            .filter(m -> !declares(m))
            .map(Method::getName)
            .toList();
    assertThat(missing).isEmpty();
  }

  private static boolean declares(Method m) {
    try {
      KeyedLedger.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
