package org.regnet.chaincode.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Set;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Evaluates a key-level policy (a {@code SignaturePolicyEnvelope}) against the organisations whose
 * peers endorsed, as Fabric's validator does for role principals: {@code signedBy(i)} holds when
 * identity {@code i} is the PEER or MEMBER role of an endorsing organisation.
 */
public final class KeyPolicy {

  private KeyPolicy() {}

  public static boolean satisfied(final byte[] policy, final Set<String> endorsingOrgs) {
    try {
      final SignaturePolicyEnvelope env = SignaturePolicyEnvelope.parseFrom(policy);
      return eval(env, env.getRule(), endorsingOrgs);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("not a SignaturePolicyEnvelope", e);
    }
  }

  /** The MSP ids the policy names, with how many must endorse: e.g. "2 of [A, B]". */
  public static String describe(final byte[] policy) {
    try {
      final SignaturePolicyEnvelope env = SignaturePolicyEnvelope.parseFrom(policy);
      final StringBuilder sb = new StringBuilder();
      sb.append(env.getRule().getNOutOf().getN()).append(" of [");
      for (int i = 0; i < env.getIdentitiesCount(); i++) {
        final MSPRole role = MSPRole.parseFrom(env.getIdentities(i).getPrincipal());
        sb.append(i == 0 ? "" : ", ")
            .append(role.getMspIdentifier())
            .append('.')
            .append(role.getRole());
      }
      return sb.append(']').toString();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("not a SignaturePolicyEnvelope", e);
    }
  }

  private static boolean eval(
      final SignaturePolicyEnvelope env, final SignaturePolicy rule, final Set<String> orgs)
      throws InvalidProtocolBufferException {
    if (rule.hasSignedBy()) {
      final MSPPrincipal p = env.getIdentities(rule.getSignedBy());
      if (p.getPrincipalClassification() != MSPPrincipal.Classification.ROLE) {
        return false;
      }
      final MSPRole role = MSPRole.parseFrom(p.getPrincipal());
      return orgs.contains(role.getMspIdentifier())
          && (role.getRole() == MSPRole.MSPRoleType.PEER
              || role.getRole() == MSPRole.MSPRoleType.MEMBER);
    }
    int ok = 0;
    for (SignaturePolicy sub : rule.getNOutOf().getRulesList()) {
      if (eval(env, sub, orgs)) {
        ok++;
      }
    }
    return ok >= rule.getNOutOf().getN();
  }
}
