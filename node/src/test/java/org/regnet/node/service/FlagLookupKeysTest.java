package org.regnet.node.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlagLookupKeysTest {
  private static final String KEY = "treaty-lookup-key-0123456789abcdef";

  @Test
  void equal_identifiers_written_differently_give_the_same_key() {
    assertThat(
            FlagLookupKeys.lookupKey(
                KEY, "CHAIN_ADDRESS", " 0xABCdef0000000000000000000000000000000001 ", "eip155:1"))
        .isEqualTo(
            FlagLookupKeys.lookupKey(
                KEY, "CHAIN_ADDRESS", "0xabcdef0000000000000000000000000000000001", "eip155:1"));
    assertThat(FlagLookupKeys.lookupKey(KEY, "ENTITY_NAME", "  Shady   Mixer  Ltd ", null))
        .isEqualTo(FlagLookupKeys.lookupKey(KEY, "ENTITY_NAME", "shady mixer ltd", null));
    assertThat(FlagLookupKeys.lookupKey(KEY, "LEI", "529900t8bm49aursdo55", null))
        .isEqualTo(FlagLookupKeys.lookupKey(KEY, "LEI", "529900T8BM49AURSDO55", null));
  }

  @Test
  void the_key_depends_on_the_treaty_key_the_chain_and_the_type() {
    String a = FlagLookupKeys.lookupKey(KEY, "CHAIN_ADDRESS", "0xabc00000001", "eip155:1");
    assertThat(a).matches("[0-9a-f]{64}");
    assertThat(FlagLookupKeys.lookupKey(KEY + "x", "CHAIN_ADDRESS", "0xabc00000001", "eip155:1"))
        .isNotEqualTo(a);
    assertThat(FlagLookupKeys.lookupKey(KEY, "CHAIN_ADDRESS", "0xabc00000001", "eip155:10"))
        .isNotEqualTo(a);
    assertThat(FlagLookupKeys.lookupKey(KEY, "ENTITY_NAME", "0xabc00000001", null)).isNotEqualTo(a);
  }

  @Test
  void a_chain_address_needs_its_chain() {
    assertThatThrownBy(() -> FlagLookupKeys.lookupKey(KEY, "CHAIN_ADDRESS", "0xabc", null))
        .hasMessageContaining("chainId");
  }
}
