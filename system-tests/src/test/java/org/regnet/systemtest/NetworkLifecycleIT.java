package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.network.FabricNetwork;
import org.regnet.network.NetworkException;
import org.regnet.network.NetworkLayout;
import org.regnet.network.config.NetworkDefinition;
import org.regnet.network.config.NetworkDefinitions;
import org.regnet.network.process.ProcessRecord;
import org.regnet.systemtest.support.TestNetwork;

/** `up` refuses to start over a busy port or a half-started network, and leaves nothing running. */
class NetworkLifecycleIT {
  private static final int OFFSET = 20_000;

  private static FabricNetwork network(Path stateDir) {
    Path root = TestNetwork.projectRoot();
    NetworkDefinition def =
        NetworkDefinitions.load(root.resolve("network-config/network.yaml")).withPortOffset(OFFSET);
    return new FabricNetwork(def, new NetworkLayout(root, stateDir));
  }

  @Test
  void up_with_a_port_in_use_fails_naming_the_port_and_starts_nothing(@TempDir Path tmp)
      throws Exception {
    Path state = tmp.resolve("state");
    FabricNetwork network = network(state);
    var peer = network.definition().organizations().get(1).peer().endpoint();
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(peer.host(), peer.port()));
      assertThatThrownBy(network::up)
          .isInstanceOf(NetworkException.class)
          .hasMessageContaining("ports in use")
          .hasMessageContaining(String.valueOf(peer.port()));
    }
    assertThat(network.processes()).isEmpty();
    assertThat(state).doesNotExist();
  }

  @Test
  void up_on_a_half_started_network_fails_and_stops_what_was_left_running(@TempDir Path tmp)
      throws Exception {
    Path state = tmp.resolve("state");
    FabricNetwork network = network(state);
    // What a crashed `up` leaves: its state marker, one process recorded, no network.json.
    Files.createDirectories(state);
    Files.writeString(state.resolve(".regnet-network"), "test\n");
    ProcessRecord leftover =
        network.supervisor().start("orderer0.leftover", List.of("sleep", "300"), Map.of(), state);
    assertThat(leftover.alive()).isTrue();

    assertThatThrownBy(network::up)
        .isInstanceOf(NetworkException.class)
        .hasMessageContaining("half-started");

    assertThat(leftover.alive()).isFalse();
    assertThat(state).doesNotExist();
  }

  @Test
  void down_stops_every_recorded_process_and_removes_the_state(@TempDir Path tmp) throws Exception {
    Path state = tmp.resolve("state");
    FabricNetwork network = network(state);
    Files.createDirectories(state);
    Files.writeString(state.resolve(".regnet-network"), "test\n");
    ProcessRecord a = network.supervisor().start("a", List.of("sleep", "300"), Map.of(), state);
    // A process that ignores SIGTERM must still be gone after down.
    ProcessRecord b =
        network
            .supervisor()
            .start("b", List.of("sh", "-c", "trap '' TERM; sleep 300 & wait"), Map.of(), state);

    network.down();

    assertThat(a.alive()).isFalse();
    assertThat(b.alive()).isFalse();
    assertThat(state).doesNotExist();
  }

  @Test
  void down_refuses_to_remove_a_directory_that_is_not_network_state(@TempDir Path tmp)
      throws Exception {
    Path notState = tmp.resolve("precious");
    Files.createDirectories(notState);
    Files.writeString(notState.resolve("keep.txt"), "keep");

    assertThatThrownBy(network(notState)::down).isInstanceOf(NetworkException.class);
    assertThat(notState.resolve("keep.txt")).exists();
  }
}
