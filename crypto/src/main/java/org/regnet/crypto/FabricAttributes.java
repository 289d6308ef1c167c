package org.regnet.crypto;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * The attribute extension Fabric CA writes into certificates (OID 1.2.3.4.5.6.7.8.1), which
 * chaincode reads through {@code ClientIdentity.getAttributeValue}. Its extension value is the raw
 * UTF-8 JSON {@code {"attrs":{"name":"value",...}}}.
 */
public final class FabricAttributes {
  public static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.2.3.4.5.6.7.8.1");
  private static final Pattern PAIR =
      Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private FabricAttributes() {}

  /** The extension value: JSON with keys sorted, so equal attributes give equal bytes. */
  public static byte[] encode(Map<String, String> attributes) {
    StringBuilder json = new StringBuilder("{\"attrs\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(attributes).entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      json.append(quote(e.getKey())).append(':').append(quote(e.getValue()));
    }
    return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The attributes of a certificate, empty when it has none. */
  public static Map<String, String> parse(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue(OID.getId());
    Map<String, String> out = new TreeMap<>();
    if (ext == null) {
      return out;
    }
    String json = new String(ASN1OctetString.getInstance(ext).getOctets(), StandardCharsets.UTF_8);
    int start = json.indexOf("\"attrs\"");
    if (start < 0) {
      return out;
    }
    Matcher m = PAIR.matcher(json.substring(start + 7));
    while (m.find()) {
      out.put(unquote(m.group(1)), unquote(m.group(2)));
    }
    return out;
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static String unquote(String s) {
    return s.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
