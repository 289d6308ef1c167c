package org.regnet.chaincode.access;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.Hashes;
import org.regnet.chaincode.model.Actor;
import org.regnet.rules.Role;

/**
 * The authenticated caller: the creator's MSP id and the role attribute of its certificate.
 *
 * <p>The role is trusted because the peer's MSP has already validated the creator certificate's
 * chain to a CA of the creator's MSP before the chaincode runs, so the attribute was certified by
 * that authority's own CA; we never take roles or attributes concerning one MSP from another.
 *
 * <p>{@code certFingerprint} is the SHA-256 of the certificate's DER encoding: it names this one
 * certificate, where the subject DN is shared by every certificate reissued to the same person.
 */
public record Caller(String msp, String subject, String certFingerprint, Role role) {

  /** Reads the caller from the shim's client identity; no known role means ACCESS_DENIED. */
  public static Caller of(final ClientIdentity id) {
    if (id == null) {
      throw ErrorCode.ACCESS_DENIED.exception("creator", "no client identity");
    }
    final String roleValue = id.getAttributeValue("role");
    final Role role =
        Role.fromWire(roleValue)
            .orElseThrow(
                () ->
                    ErrorCode.ACCESS_DENIED.exception(
                        "role", "certificate carries no known role attribute"));
    return new Caller(
        id.getMSPID(),
        id.getX509Certificate().getSubjectX500Principal().getName(),
        fingerprint(id.getX509Certificate()),
        role);
  }

  static String fingerprint(final X509Certificate cert) {
    try {
      return Hashes.sha256Hex(cert.getEncoded());
    } catch (CertificateEncodingException e) {
      throw ErrorCode.ACCESS_DENIED.exception("creator", "certificate cannot be encoded");
    }
  }

  public Actor actor() {
    return new Actor(msp, subject, role.wire());
  }

  public boolean is(final Role r) {
    return role == r;
  }
}
