package org.regnet.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.regnet.crypto.SecureFiles;

/**
 * A node's configuration, validated once at start and then frozen. Loaded by {@link
 * NodeConfigLoader} from one YAML file with environment overrides.
 */
public record NodeConfig(
    String name,
    String mspId,
    String listenHost,
    int listenPort,
    Path tlsCert,
    Path tlsKey,
    Path dataDir,
    String peerAddress,
    Path peerTlsRootCert,
    String peerHostOverride,
    String channel,
    String chaincode,
    Path issuingCaCert,
    Path issuingCaSealedKey,
    Duration certificateLifetime,
    String secret,
    Duration tokenTtl,
    int maxBodyBytes,
    int maxLoginFailures,
    Duration lockout,
    java.util.Map<String, String> treatyKeys,
    Path orgAdminCert,
    Path orgAdminSealedKey,
    String ordererAddress,
    Path ordererTlsRootCert,
    String ordererHostOverride,
    LoginPolicy login,
    StreamPolicy stream,
    AdminEndpoint admin,
    EvidenceConfig evidence,
    Duration commitWait,
    Duration resendAfter,
    int apiThreads) {

  /** Users' and the event reader's certificates live at most a day (issue 10). */
  public static final Duration MAX_CERTIFICATE_LIFETIME = Duration.ofHours(24);

  static final Duration MIN_CERTIFICATE_LIFETIME = Duration.ofMinutes(2);

  /**
   * How long a write waits for its commit status before answering 202 with the transaction id
   * (never "try again": it may well commit later).
   */
  public static final Duration DEFAULT_COMMIT_WAIT = Duration.ofSeconds(60);

  static final Duration MAX_COMMIT_WAIT = Duration.ofMinutes(10);

  /**
   * How long a write waits without a commit status before the node sends the same signed
   * transaction again (decision 0027): a Raft follower may acknowledge a transaction the dying
   * leader never had. Well above a healthy commit (under a second), below a Raft election (5 to 10
   * s) plus the time to notice it.
   */
  public static final Duration DEFAULT_RESEND_AFTER = Duration.ofSeconds(3);

  /**
   * Threads of the node's {@code api} lane, each holding one request until its ledger call answers
   * (decision 0017). A submit holds its thread for the whole endorse-order-commit round trip (0.3
   * to 1 s), mostly waiting, so the lane, not the CPU, capped the node at 16 writes in flight while
   * the peers took twice that (docs/benchmarks.md, issue 12, fifth pass).
   */
  public static final int DEFAULT_API_THREADS = 64;

  static final int MAX_API_THREADS = 512;

  private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public NodeConfig {
    require(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException("name", "letters, digits, '.', '_' or '-', at most 64");
    }
    require(mspId, "mspId");
    if (!MSP_ID.matcher(mspId).matches()) {
      throw new ConfigException("mspId", "not a valid MSP id");
    }
    require(listenHost, "listen.host");
    if (listenPort < 0 || listenPort > 65535) {
      // 0 asks the system for a free port (tests)
      throw new ConfigException("listen.port", "must be 0..65535");
    }
    requireFile(tlsCert, "tls.cert");
    requireFile(tlsKey, "tls.key");
    Objects.requireNonNull(dataDir, "dataDir");
    require(peerAddress, "peer.address");
    requireFile(peerTlsRootCert, "peer.tlsRootCert");
    require(peerHostOverride, "peer.hostOverride");
    require(channel, "channel");
    require(chaincode, "chaincode");
    requireFile(issuingCaCert, "issuingCa.cert");
    requireFile(issuingCaSealedKey, "issuingCa.sealedKey");
    if (certificateLifetime == null
        || certificateLifetime.compareTo(MIN_CERTIFICATE_LIFETIME) < 0
        || certificateLifetime.compareTo(MAX_CERTIFICATE_LIFETIME) > 0) {
      throw new ConfigException("certificateLifetimeMinutes", "must be 2..1440");
    }
    if (secret == null || secret.length() < 32) {
      throw new ConfigException("secret", "at least 32 characters (set REGNET_NODE_SECRET)");
    }
    if (tokenTtl == null || tokenTtl.isNegative() || tokenTtl.isZero() || tokenTtl.toHours() > 24) {
      throw new ConfigException("tokenTtlMinutes", "must be 1..1440");
    }
    if (maxBodyBytes < 1024 || maxBodyBytes > 8 * 1024 * 1024) {
      throw new ConfigException("maxBodyBytes", "must be 1024..8388608");
    }
    if (maxLoginFailures < 1 || maxLoginFailures > 100) {
      throw new ConfigException("maxLoginFailures", "must be 1..100");
    }
    Objects.requireNonNull(lockout, "lockout");
    treatyKeys = java.util.Map.copyOf(treatyKeys == null ? java.util.Map.of() : treatyKeys);
    if ((orgAdminCert == null) != (orgAdminSealedKey == null)) {
      throw new ConfigException("orgAdmin", "cert and sealedKey go together");
    }
    if (orgAdminCert != null) {
      requireFile(orgAdminCert, "orgAdmin.cert");
      requireFile(orgAdminSealedKey, "orgAdmin.sealedKey");
    }
    // A secret others can read is no longer a secret: refuse to start on one.
    ownerOnly(tlsKey, "tls.key");
    ownerOnly(issuingCaSealedKey, "issuingCa.sealedKey");
    if (orgAdminSealedKey != null) {
      ownerOnly(orgAdminSealedKey, "orgAdmin.sealedKey");
    }
    if (ordererAddress != null) {
      requireFile(ordererTlsRootCert, "orderer.tlsRootCert");
    }
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(stream, "stream");
    // admin may be null: no admin listener
    if (commitWait == null
        || commitWait.isNegative()
        || commitWait.isZero()
        || commitWait.compareTo(MAX_COMMIT_WAIT) > 0) {
      throw new ConfigException("commitWaitMillis", "must be 1..600000");
    }
    if (resendAfter == null
        || resendAfter.isNegative()
        || resendAfter.compareTo(MAX_COMMIT_WAIT) > 0) {
      throw new ConfigException("resendAfterMillis", "must be 0..600000 (0: never resend)");
    }
    if (apiThreads < 1 || apiThreads > MAX_API_THREADS) {
      throw new ConfigException("apiThreads", "must be 1.." + MAX_API_THREADS);
    }
    treatyKeys.forEach(
        (treaty, key) -> {
          if (key.length() < 32) {
            throw new ConfigException(
                "treatyKeys." + treaty, "a lookup key needs at least 32 characters");
          }
        });
  }

  /**
   * Whether this node may sign and submit channel configuration updates as its organisation's
   * admin.
   */
  public boolean channelAdmin() {
    return orgAdminCert != null && ordererAddress != null;
  }

  /**
   * The flag-lookup key shared by the members of {@code treatyId} ("default" applies to any
   * treaty).
   */
  public java.util.Optional<String> treatyKey(String treatyId) {
    return java.util.Optional.ofNullable(
        treatyKeys.getOrDefault(treatyId, treatyKeys.get("default")));
  }

  private static void require(String v, String field) {
    if (v == null || v.isBlank()) {
      throw new ConfigException(field, "required");
    }
  }

  private static void ownerOnly(Path file, String field) {
    try {
      SecureFiles.requireOwnerOnly(file, field);
    } catch (IllegalStateException e) {
      throw new ConfigException(field, e.getMessage());
    }
  }

  private static void requireFile(Path p, String field) {
    if (p == null) {
      throw new ConfigException(field, "required");
    }
    if (!p.toFile().isFile()) {
      throw new ConfigException(field, "no such file: " + p);
    }
  }

  /** Everything but the secret, for the start-up log line. */
  @Override
  public String toString() {
    return "NodeConfig[name="
        + name
        + ", mspId="
        + mspId
        + ", listen="
        + listenHost
        + ":"
        + listenPort
        + ", peer="
        + peerAddress
        + ", channel="
        + channel
        + ", chaincode="
        + chaincode
        + ", dataDir="
        + dataDir
        + ", certificateLifetime="
        + certificateLifetime
        + ", commitWait="
        + commitWait
        + ", resendAfter="
        + resendAfter
        + ", treatyKeys="
        + treatyKeys.keySet()
        + "]";
  }
}
