package org.regnet.network;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.regnet.crypto.OrganizationCrypto;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.OrganizationDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revokes a compromised issuing CA or admin certificate of a member: its root CA (held offline with
 * the crypto CLI) signs a CRL into the organisation's MSP folder, and a channel config update that
 * carries the folder's intermediates and CRLs to the channel is signed by a majority of the member
 * admins (the member's own among them, as Fabric's policy for its MSP requires) and submitted. From
 * the block of that update on, every peer and orderer refuses the revoked certificates and every
 * certificate they issued.
 */
public final class MspRevocation {
  private static final Logger LOG = LoggerFactory.getLogger(MspRevocation.class);

  private final FabricNetwork network;

  public MspRevocation(FabricNetwork network) {
    this.network = network;
  }

  /** Both steps on this machine, where the member's root CA key lies: revoke, then update. */
  public void revoke(String mspId, List<X509Certificate> certificates) {
    OrganizationDefinition member = network.definition().organization(mspId);
    Path crl =
        OrganizationCrypto.revoke(
            network.layout().orgCrypto(member.domain()), member.domain(), certificates);
    LOG.info("{} CRL written to {}", mspId, crl);
    updateMsp(mspId);
  }

  /**
   * Pushes the member's MSP folder (intermediates, CRLs) to the channel, signed by a majority of
   * the member admins.
   */
  public void updateMsp(String mspId) {
    if (!network.isRunning()) {
      throw new NetworkException(
          "no running network in " + network.layout().stateDir() + ": run `up` first");
    }
    NetworkDefinition def = network.definition();
    OrganizationDefinition member = def.organization(mspId);
    List<OrganizationDefinition> signers = new ArrayList<>();
    signers.add(member);
    def.organizations().stream().filter(o -> !o.mspId().equals(mspId)).forEach(signers::add);
    int majority = def.organizations().size() / 2 + 1;
    AuthorityOnboarding onboarding = new AuthorityOnboarding(network);
    Path envelope = onboarding.prepareMspUpdate(member, member);
    for (int i = 0; i < majority - 1; i++) {
      onboarding.sign(envelope, signers.get(i));
    }
    onboarding.submit(envelope, signers.get(majority - 1));
    LOG.info(
        "channel updated: {}'s MSP (intermediates, CRLs) with the signatures of {} of {} member"
            + " admins",
        mspId,
        majority,
        def.organizations().size());
  }
}
