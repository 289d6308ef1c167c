package org.regnet.network.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.regnet.crypto.Pem;
import org.regnet.network.FabricNetwork;
import org.regnet.network.MspRevocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code revoke}: on the local network, where every member's root CA key lies, revoke a member's
 * issuing CA or admin certificate and push the CRL to the channel by majority.
 */
@Command(
    name = "revoke",
    description =
        "Revoke a member's compromised issuing CA or admin certificate: root-signed CRL in its"
            + " MSP, then a channel config update signed by a majority of member admins.")
final class Revoke extends NetworkCli.Common implements Callable<Integer> {
  @Option(names = "--msp-id", required = true)
  String mspId;

  @Option(names = "--cert", required = true, description = "PEM certificate to revoke")
  List<Path> certs = new ArrayList<>();

  @Override
  public Integer call() {
    FabricNetwork network = network();
    new MspRevocation(network).revoke(mspId, certs.stream().map(Pem::readCertificate).toList());
    System.out.println(mspId + ": revoked " + certs.size() + " certificate(s) on the channel");
    return 0;
  }
}
