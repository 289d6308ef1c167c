package org.regnet.network.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** What a newcomer does next, printed after `up`: where each node is and how to log in. */
final class NextSteps {
  private NextSteps() {}

  static void print(Path descriptor, Path project, PrintStream out) {
    JsonNode net;
    try {
      net = new ObjectMapper().readTree(descriptor.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String file = relative(project, descriptor);
    out.println();
    out.println("regnet is up. Authority nodes (HTTPS; each node's TLS CA is in " + file + "):");
    int i = 0;
    for (JsonNode org : net.path("organizations")) {
      if (org.hasNonNull("nodeUrl")) {
        out.printf(
            "  %-42s %s  (.organizations[%d] in %s)%n",
            org.path("name").asText() + " (" + org.path("mspId").asText() + ")",
            org.path("nodeUrl").asText(),
            i,
            file);
      }
      i++;
    }
    out.println();
    out.println("Open a node's URL in a browser for its web application.");
    out.println("Demo users, one per role (treaty-admin, case-officer, investigator, auditor),");
    out.println(
        "with their passwords: .organizations[].users in " + file + ". Log in and read the");
    out.println("inbox as the README shows:");
    out.println("  N=" + file + "; O='.organizations[0]'");
    out.println("  CA=$(jq -r \"$O.nodeTlsCaCert\" $N); URL=$(jq -r \"$O.nodeUrl\" $N)");
    out.println(
        "  U=$(jq -c \"$O.users[] | select(.role==\\\"auditor\\\") | {username,password}\" $N)");
    out.println(
        "  TOKEN=$(curl -s --cacert $CA -H 'Content-Type: application/json' -d \"$U\""
            + " $URL/v1/auth/login | jq -r .token)");
    out.println("  curl -s --cacert $CA -H \"Authorization: Bearer $TOKEN\" $URL/v1/inbox");
    out.println();
    out.println("API: <node URL>/v1/openapi.json; docs: docs/api.md, docs/operations.md.");
    out.println("Status: scripts/network.sh status; stop everything: scripts/network.sh down");
  }

  private static String relative(Path project, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path root = project.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
  }
}
