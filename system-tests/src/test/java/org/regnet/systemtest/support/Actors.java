package org.regnet.systemtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Network;

/**
 * Callers of the chaincode straight through the Fabric Gateway, each with its own certificate
 * (organisation x role), as an authority bypassing its node would call. One gRPC channel per peer,
 * one Gateway per identity; closed together.
 */
public final class Actors implements AutoCloseable {
  private final TestNetwork net;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Map<String, Gateway> gateways = new ConcurrentHashMap<>();

  public Actors(TestNetwork net) {
    this.net = net;
  }

  /** The organisation at {@code index} in network.json (0 = A, 1 = B, 2 = C). */
  public JsonNode org(int index) {
    return net.organization(index);
  }

  public String msp(int index) {
    return org(index).get("mspId").asText();
  }

  /** The chaincode as {@code role} of organisation {@code index}, through its own peer. */
  public Contract contract(int index, String role) {
    return Calls.as(network(index, role).getContract(net.chaincode()), msp(index));
  }

  public Network network(int index, String role) {
    return gateway(index, role, FabricClients.identityDir(org(index), role))
        .getNetwork(net.channel());
  }

  /** The chaincode as the identity in {@code mspDir}, claiming organisation {@code mspId}. */
  public Contract contractAs(int peerIndex, String mspId, Path mspDir) {
    String key = peerIndex + "|" + mspId + "|" + mspDir;
    Gateway gw =
        gateways.computeIfAbsent(
            key, k -> FabricClients.gateway(channel(peerIndex), mspId, mspDir));
    return Calls.as(gw.getNetwork(net.channel()).getContract(net.chaincode()), mspId);
  }

  private Gateway gateway(int index, String role, Path mspDir) {
    String key = index + "|" + role;
    return gateways.computeIfAbsent(
        key, k -> FabricClients.gateway(channel(index), msp(index), mspDir));
  }

  public ManagedChannel channel(int index) {
    return channels.computeIfAbsent(String.valueOf(index), k -> FabricClients.channel(org(index)));
  }

  @Override
  public void close() {
    gateways.values().forEach(Gateway::close);
    List<ManagedChannel> all = new ArrayList<>(channels.values());
    try {
      for (ManagedChannel c : all) {
        c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
