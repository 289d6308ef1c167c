package org.regnet.network.cli;

import java.util.concurrent.Callable;
import org.regnet.network.FabricNetwork;
import org.regnet.network.MspRevocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code update-msp}: push a member's MSP folder (intermediates, CRLs), as its authority changed it
 * offline with {@code regnet-crypto revoke} or {@code issuing-ca}, to the channel by majority.
 */
@Command(
    name = "update-msp",
    description =
        "Carry a member's MSP intermediates and CRLs to the channel: config update signed by a"
            + " majority of member admins.")
final class UpdateMsp extends NetworkCli.Common implements Callable<Integer> {
  @Option(names = "--msp-id", required = true)
  String mspId;

  @Override
  public Integer call() {
    FabricNetwork network = network();
    new MspRevocation(network).updateMsp(mspId);
    System.out.println(mspId + ": MSP updated on the channel");
    return 0;
  }
}
