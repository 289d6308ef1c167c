package org.regnet.chaincode.state;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.regnet.chaincode.ErrorCode;

/**
 * A key-level (state-based) endorsement policy: {@code required} of the peers of {@code members}.
 * The chaincode attaches one to every key that belongs to particular members, so that a write to
 * that key commits only when those members' own peers endorsed it, whatever the chaincode-level
 * policy says (docs/chaincode-design.md, "Trust model").
 *
 * <p>Members are sorted, so every endorsing peer computes the same policy bytes.
 *
 * @param members MSP ids, sorted, without duplicates
 * @param required how many of their peers must endorse
 */
public record Endorsement(List<String> members, int required) {

  public Endorsement {
    members = List.copyOf(new TreeSet<>(members));
    if (members.isEmpty() || required < 1 || required > members.size()) {
      throw ErrorCode.INTERNAL.exception("endorsement", "not a satisfiable policy");
    }
  }

  /** Every member's peer: bilateral objects (both parties) and a member's own records. */
  public static Endorsement allOf(final Collection<String> members) {
    final TreeSet<String> set = new TreeSet<>(members);
    return new Endorsement(List.copyOf(set), set.size());
  }

  /** More than half of the members' peers: treaty-wide records (the quorum rule of the treaty). */
  public static Endorsement majorityOf(final Collection<String> members) {
    final TreeSet<String> set = new TreeSet<>(members);
    return new Endorsement(List.copyOf(set), set.size() / 2 + 1);
  }

  /**
   * Who owns a record seen by {@code members}: one or two members must all endorse; three or more
   * (treaty-wide records) by majority.
   */
  public static Endorsement ownedBy(final Collection<String> members) {
    return new TreeSet<>(members).size() <= 2 ? allOf(members) : majorityOf(members);
  }

  /** Fabric's {@code SignaturePolicyEnvelope}: NOutOf(required, member.peer...). */
  public byte[] policy() {
    final SignaturePolicyEnvelope.Builder env = SignaturePolicyEnvelope.newBuilder().setVersion(0);
    final SignaturePolicy.NOutOf.Builder rule = SignaturePolicy.NOutOf.newBuilder().setN(required);
    for (int i = 0; i < members.size(); i++) {
      env.addIdentities(
          MSPPrincipal.newBuilder()
              .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
              .setPrincipal(
                  MSPRole.newBuilder()
                      .setMspIdentifier(members.get(i))
                      .setRole(MSPRole.MSPRoleType.PEER)
                      .build()
                      .toByteString()));
      rule.addRules(SignaturePolicy.newBuilder().setSignedBy(i));
    }
    return env.setRule(SignaturePolicy.newBuilder().setNOutOf(rule)).build().toByteArray();
  }

  /** Readable form, e.g. {@code OutOf(2, 'A.peer', 'B.peer')}. */
  @Override
  public String toString() {
    final StringBuilder sb = new StringBuilder("OutOf(").append(required);
    members.forEach(m -> sb.append(", '").append(m).append(".peer'"));
    return sb.append(')').toString();
  }
}
