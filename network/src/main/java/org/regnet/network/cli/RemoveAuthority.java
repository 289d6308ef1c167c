package org.regnet.network.cli;

import java.util.concurrent.Callable;
import org.regnet.network.AuthorityAdmission;
import org.regnet.network.FabricNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code remove-authority}: a member leaves the channel (and a treaty), by majority. */
@Command(
    name = "remove-authority",
    description = "Remove a member authority from the running network.")
final class RemoveAuthority extends NetworkCli.Common implements Callable<Integer> {
  @Option(names = "--msp-id", required = true, description = "the leaving authority's MSP id")
  String mspId;

  @Option(names = "--treaty", description = "also withdraw it from this treaty, by quorum")
  String treaty;

  @Override
  public Integer call() {
    FabricNetwork network = network();
    new AuthorityAdmission(network).remove(mspId, treaty);
    System.out.println(
        mspId + " removed; network description updated: " + network.layout().descriptor());
    return 0;
  }
}
