package org.regnet.network;

import java.nio.file.Path;
import org.regnet.network.config.OrganizationDefinition;

/**
 * Where everything of one running network lives: the project's tools ({@code .fabric/}, built jars)
 * and the network's own state directory (by default {@code .network/}), which {@code down} removes
 * whole.
 */
public record NetworkLayout(Path projectRoot, Path stateDir) {

  public NetworkLayout {
    projectRoot = projectRoot.toAbsolutePath().normalize();
    stateDir = stateDir.toAbsolutePath().normalize();
  }

  public Path fabricBin(String binary) {
    return projectRoot.resolve(".fabric/bin").resolve(binary);
  }

  public Path fabricSampleConfig() {
    return projectRoot.resolve(".fabric/sampleconfig");
  }

  public Path ccaasBuilder() {
    return projectRoot.resolve("scripts/ccaas-builder");
  }

  public Path chaincodeJar() {
    return projectRoot.resolve("chaincode/target/regnet-chaincode.jar");
  }

  public Path nodeJar() {
    return projectRoot.resolve("node/target/regnet-node.jar");
  }

  public Path crypto() {
    return stateDir.resolve("crypto");
  }

  public Path orgCrypto(String domain) {
    return crypto().resolve(domain);
  }

  public Path channelDir() {
    return stateDir.resolve("channel");
  }

  public Path genesisBlock() {
    return channelDir().resolve("genesis.block");
  }

  public Path processes() {
    return stateDir.resolve("processes");
  }

  public Path logs() {
    return stateDir.resolve("logs");
  }

  public Path descriptor() {
    return stateDir.resolve("network.json");
  }

  public Path ordererHome(OrganizationDefinition org) {
    return stateDir.resolve("orderers").resolve(org.ordererHostName());
  }

  public Path peerHome(OrganizationDefinition org) {
    return stateDir.resolve("peers").resolve(org.peerHostName());
  }

  public Path chaincodeDir(OrganizationDefinition org) {
    return stateDir.resolve("chaincode").resolve(org.domain());
  }

  public Path nodeHome(OrganizationDefinition org) {
    return stateDir.resolve("nodes").resolve(org.domain());
  }

  /** The configuration directory the peer CLI reads core.yaml from when acting as an admin. */
  public Path cliConfig() {
    return stateDir.resolve("cli");
  }
}
