package org.regnet.node.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.regnet.crypto.SecureFiles;

/**
 * Reads the node's YAML configuration. Unknown keys are refused; a few values may be overridden
 * from the environment so secrets need not live in the file:
 *
 * <ul>
 *   <li>{@code REGNET_NODE_SECRET}: the key-encryption secret ({@code secret})
 *   <li>{@code REGNET_NODE_PORT}: {@code listen.port}
 *   <li>{@code REGNET_NODE_DATA_DIR}: {@code dataDir}
 *   <li>{@code REGNET_NODE_ADMIN_PORT}: {@code admin.port} (with host 127.0.0.1 if not configured)
 * </ul>
 */
public final class NodeConfigLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> TOP =
      Set.of(
          "name",
          "mspId",
          "listen",
          "tls",
          "dataDir",
          "peer",
          "channel",
          "chaincode",
          "issuingCa",
          "certificateLifetimeMinutes",
          "secret",
          "tokenTtlMinutes",
          "maxBodyBytes",
          "maxLoginFailures",
          "lockoutSeconds",
          "treatyKeys",
          "orgAdmin",
          "orderer",
          "login",
          "stream",
          "admin",
          "evidence",
          "commitWaitMillis",
          "resendAfterMillis",
          "apiThreads");

  private NodeConfigLoader() {}

  public static NodeConfig load(Path file, Map<String, String> env) {
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(file.toString(), "not a YAML mapping");
    }
    if (root.has("secret") || root.has("treatyKeys")) {
      // the file itself holds secrets then
      try {
        SecureFiles.requireOwnerOnly(file, "the configuration file");
      } catch (IllegalStateException e) {
        throw new ConfigException(file.toString(), e.getMessage());
      }
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP.contains(f)) {
        throw new ConfigException(f, "unknown key");
      }
    }
    Path base = file.toAbsolutePath().getParent();
    String port = env.getOrDefault("REGNET_NODE_PORT", text(root, "listen", "port"));
    String dataDir = env.getOrDefault("REGNET_NODE_DATA_DIR", text(root, "dataDir"));
    return new NodeConfig(
        text(root, "name"),
        text(root, "mspId"),
        text(root, "listen", "host"),
        integer(port, "listen.port", 0),
        path(base, text(root, "tls", "cert")),
        path(base, text(root, "tls", "key")),
        dataDir == null ? null : path(base, dataDir),
        text(root, "peer", "address"),
        path(base, text(root, "peer", "tlsRootCert")),
        text(root, "peer", "hostOverride"),
        text(root, "channel"),
        text(root, "chaincode"),
        path(base, text(root, "issuingCa", "cert")),
        path(base, text(root, "issuingCa", "sealedKey")),
        Duration.ofMinutes(
            integer(text(root, "certificateLifetimeMinutes"), "certificateLifetimeMinutes", 1440)),
        env.getOrDefault("REGNET_NODE_SECRET", text(root, "secret")),
        Duration.ofMinutes(integer(text(root, "tokenTtlMinutes"), "tokenTtlMinutes", 30)),
        integer(text(root, "maxBodyBytes"), "maxBodyBytes", 512 * 1024),
        integer(text(root, "maxLoginFailures"), "maxLoginFailures", 5),
        Duration.ofSeconds(integer(text(root, "lockoutSeconds"), "lockoutSeconds", 300)),
        treatyKeys(root.get("treatyKeys")),
        path(base, text(root, "orgAdmin", "cert")),
        path(base, text(root, "orgAdmin", "sealedKey")),
        text(root, "orderer", "address"),
        path(base, text(root, "orderer", "tlsRootCert")),
        text(root, "orderer", "hostOverride"),
        login(root),
        stream(root),
        admin(root, env),
        evidence(root, base, dataDir == null ? null : path(base, dataDir)),
        Duration.ofMillis(
            integer(
                text(root, "commitWaitMillis"),
                "commitWaitMillis",
                (int) NodeConfig.DEFAULT_COMMIT_WAIT.toMillis())),
        Duration.ofMillis(
            integer(
                text(root, "resendAfterMillis"),
                "resendAfterMillis",
                (int) NodeConfig.DEFAULT_RESEND_AFTER.toMillis())),
        integer(text(root, "apiThreads"), "apiThreads", NodeConfig.DEFAULT_API_THREADS));
  }

  /** The optional evidence section; null when absent (no evidence port). */
  private static EvidenceConfig evidence(JsonNode root, Path base, Path dataDir) {
    JsonNode e = root.get("evidence");
    if (e == null || e.isNull()) {
      return null;
    }
    for (String f : (Iterable<String>) e::fieldNames) {
      if (!Set.of("listen", "storeDir", "receiptUser", "authorities").contains(f)) {
        throw new ConfigException("evidence." + f, "unknown key");
      }
    }
    Map<String, EvidenceConfig.Counterparty> authorities = new java.util.TreeMap<>();
    JsonNode a = e.get("authorities");
    if (a != null) {
      for (String msp : (Iterable<String>) a::fieldNames) {
        String url = text(a, msp, "endpoint");
        try {
          authorities.put(
              msp,
              new EvidenceConfig.Counterparty(
                  path(base, text(a, msp, "rootCert")),
                  url == null ? null : java.net.URI.create(url)));
        } catch (IllegalArgumentException bad) {
          throw new ConfigException("evidence.authorities." + msp + ".endpoint", "not a URL");
        }
      }
    }
    String store = text(root, "evidence", "storeDir");
    return new EvidenceConfig(
        text(root, "evidence", "listen", "host"),
        integer(text(root, "evidence", "listen", "port"), "evidence.listen.port", 0),
        store != null ? path(base, store) : dataDir == null ? null : dataDir.resolve("evidence"),
        text(root, "evidence", "receiptUser"),
        authorities);
  }

  private static LoginPolicy login(JsonNode root) {
    LoginPolicy d = LoginPolicy.DEFAULT;
    return new LoginPolicy(
        integer(
            text(root, "login", "argon2", "memoryKiB"),
            "login.argon2.memoryKiB",
            d.argon2MemoryKiB()),
        integer(
            text(root, "login", "argon2", "iterations"),
            "login.argon2.iterations",
            d.argon2Iterations()),
        integer(
            text(root, "login", "argon2", "parallelism"),
            "login.argon2.parallelism",
            d.argon2Parallelism()),
        integer(
            text(root, "login", "memoryBudgetMiB"), "login.memoryBudgetMiB", d.memoryBudgetMiB()),
        integer(
            text(root, "login", "addressFailures"), "login.addressFailures", d.addressFailures()));
  }

  private static StreamPolicy stream(JsonNode root) {
    StreamPolicy d = StreamPolicy.DEFAULT;
    return new StreamPolicy(
        Duration.ofMillis(
            integer(
                text(root, "stream", "heartbeatMillis"),
                "stream.heartbeatMillis",
                (int) d.heartbeat().toMillis())),
        Duration.ofSeconds(
            integer(
                text(root, "stream", "ticketSeconds"),
                "stream.ticketSeconds",
                (int) d.ticketTtl().toSeconds())));
  }

  /** The admin listener, when configured (else none). */
  private static AdminEndpoint admin(JsonNode root, Map<String, String> env) {
    String port = env.getOrDefault("REGNET_NODE_ADMIN_PORT", text(root, "admin", "port"));
    if (port == null && (root.get("admin") == null || root.get("admin").isNull())) {
      return null;
    }
    String host = text(root, "admin", "host");
    return new AdminEndpoint(host == null ? "127.0.0.1" : host, integer(port, "admin.port", 0));
  }

  private static Map<String, String> treatyKeys(JsonNode node) {
    Map<String, String> keys = new java.util.TreeMap<>();
    if (node == null || node.isNull()) {
      return keys;
    }
    if (!node.isObject()) {
      throw new ConfigException("treatyKeys", "a mapping of treaty id to lookup key");
    }
    node.fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asText()));
    return keys;
  }

  private static String text(JsonNode root, String... path) {
    JsonNode n = root;
    for (String p : path) {
      n = n == null ? null : n.get(p);
    }
    return n == null || n.isNull() ? null : n.asText();
  }

  private static int integer(String v, String field, int dflt) {
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(field, "not a number: " + v);
    }
  }

  private static Path path(Path base, String v) {
    return v == null ? null : base.resolve(v).normalize();
  }
}
