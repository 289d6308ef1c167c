package org.regnet.network.cli;

import java.util.concurrent.Callable;
import org.regnet.network.AuthorityAdmission;
import org.regnet.network.FabricNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code add-authority}: the whole onboarding journey on the local network. */
@Command(
    name = "add-authority",
    description = "Admit a new member authority to the running network.")
final class AddAuthority extends NetworkCli.Common implements Callable<Integer> {
  @Option(names = "--name", required = true, description = "the authority's name")
  String name;

  @Option(names = "--jurisdiction", required = true, description = "ISO 3166-1 alpha-2")
  String jurisdiction;

  @Option(
      names = "--treaty",
      description = "also admit it to this treaty, by quorum of the treaty's admins")
  String treaty;

  @Override
  public Integer call() {
    FabricNetwork network = network();
    String msp = new AuthorityAdmission(network).admit(name, jurisdiction, treaty);
    // Read back: the running network's definition now includes the new member.
    NetworkCli.Status.print(network());
    System.out.println(
        msp + " admitted; network description updated: " + network.layout().descriptor());
    return 0;
  }
}
