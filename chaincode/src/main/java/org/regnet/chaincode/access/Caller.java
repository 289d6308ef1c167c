package org.regnet.chaincode.access;

import org.hyperledger.fabric.contract.ClientIdentity;
import org.regnet.chaincode.ErrorCode;
import org.regnet.chaincode.model.Actor;
import org.regnet.rules.Role;

/**
 * The authenticated caller: the creator's MSP id and the role attribute of its certificate.
 *
 * <p>The role is trusted because the peer's MSP has already validated the creator certificate's
 * chain to a CA of the creator's MSP before the chaincode runs, so the attribute was certified by
 * that authority's own CA; we never take roles or attributes concerning one MSP from another.
 */
public record Caller(String msp, String subject, String certId, Role role) {

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
        id.getId(),
        role);
  }

  public Actor actor() {
    return new Actor(msp, subject, role.wire());
  }

  public boolean is(final Role r) {
    return role == r;
  }
}
