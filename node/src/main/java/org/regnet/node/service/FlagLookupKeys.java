package org.regnet.node.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The privacy-preserving flag lookup key (docs/chaincode-design.md): the identifier is normalised
 * the same way by every member's node, then keyed-hashed with the treaty's lookup key, which the
 * members share off-chain. Only the hash leaves the node, in the transient map.
 */
public final class FlagLookupKeys {
  private FlagLookupKeys() {}

  public static String lookupKey(
      String treatyKey, String subjectType, String identifier, String chainId) {
    String normalised = normalise(subjectType, identifier, chainId);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(treatyKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(
              mac.doFinal((subjectType + "|" + normalised).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * CHAIN_ADDRESS: chainId:address, EVM hex lower-cased; LEI: upper case; ENTITY_NAME: NFKC,
   * folded, spaces collapsed.
   */
  static String normalise(String subjectType, String identifier, String chainId) {
    String id = identifier.strip();
    return switch (subjectType) {
      case "CHAIN_ADDRESS" -> {
        if (chainId == null || chainId.isBlank()) {
          throw new IllegalArgumentException("chainId: required for CHAIN_ADDRESS");
        }
        yield chainId
            + ":"
            + (id.startsWith("0x") || id.startsWith("0X")
                ? "0x" + id.substring(2).toLowerCase(Locale.ROOT)
                : id);
      }
      case "LEI" -> id.toUpperCase(Locale.ROOT);
      case "ENTITY_NAME" ->
          Normalizer.normalize(id, Normalizer.Form.NFKC)
              .toLowerCase(Locale.ROOT)
              .replaceAll("\\s+", " ");
      default ->
          throw new IllegalArgumentException("subjectType: one of CHAIN_ADDRESS, LEI, ENTITY_NAME");
    };
  }
}
