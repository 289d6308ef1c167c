package org.regnet.node.evidence;

import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.regnet.crypto.CertificateAuthority;
import org.regnet.crypto.KeyPairs;

/**
 * The node's own identity between nodes: a fresh key and a certificate from the node's issuing CA
 * (which can name no real host, so peers authenticate the chain, not a host name), sent with the
 * issuing CA's certificate so the other side can chain it to this authority's root.
 */
public record NodeTlsIdentity(PrivateKey key, X509Certificate[] chain) {
  public NodeTlsIdentity {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(chain, "chain");
    chain = chain.clone();
  }

  @Override
  public X509Certificate[] chain() {
    return chain.clone();
  }

  /** Issues a transport identity for {@code nodeName} from the node's issuing CA. */
  public static NodeTlsIdentity issue(
      CertificateAuthority issuingCa, String nodeName, Duration lifetime) {
    KeyPair pair = KeyPairs.p256();
    X509Certificate leaf =
        issuingCa.issueClient(
            "node-evidence." + nodeName, "client", pair.getPublic(), Map.of(), lifetime);
    return new NodeTlsIdentity(
        pair.getPrivate(), new X509Certificate[] {leaf, issuingCa.certificate()});
  }

  /** A TLS 1.3 context presenting this identity and trusting only what {@code trust} accepts. */
  public SSLContext context(X509TrustManager trust) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] none = new char[0];
      ks.setKeyEntry("node", key, none, chain);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
      kmf.init(ks, none);
      SSLContext ctx = SSLContext.getInstance("TLSv1.3");
      ctx.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {trust}, null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the node's TLS context", e);
    }
  }
}
