package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regnet.systemtest.support.Calls.submit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.regnet.network.NodesExtension;
import org.regnet.network.config.OrganizationDefinition;
import org.regnet.network.process.Ports;
import org.regnet.network.process.ProcessRecord;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls.Result;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * B's node is killed (SIGKILL) while 200 referrals arrive for B, then restarted: its inbox holds
 * each of them exactly once, because an event's inbox entry and the checkpoint commit together and
 * replayed events are recognised.
 */
class NodeCrashIT {
  private static final int A = 0, B = 1, C = 2;
  private static final int REFERRALS = 200;

  @Test
  void after_a_kill_and_restart_during_200_referrals_bs_inbox_holds_each_exactly_once()
      throws Exception {
    TestNetwork net = TestNetwork.shared();
    try (Actors actors = new Actors(net)) {
      String treaty = "TRT-IT-CRASH";
      String agreementId =
          org.regnet.systemtest.support.Scenarios.treatyWithActiveAgreement(actors, treaty);

      OrganizationDefinition b = net.network().definition().organizations().get(B);
      ProcessRecord nodeB =
          net.network().processes().stream()
              .filter(p -> p.name().equals(b.nodeHostName()))
              .findFirst()
              .orElseThrow();

      ConcurrentLinkedQueue<String> referralIds = new ConcurrentLinkedQueue<>();
      AtomicInteger done = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < REFERRALS; i++) {
        work.add(
            pool.submit(
                () -> {
                  for (int attempt = 0; attempt < 5; attempt++) {
                    Result r =
                        submit(
                            actors.contract(A, "case-officer"),
                            "referral:submit",
                            Requests.submitReferral(agreementId),
                            Requests.confidential(Requests.payload(Requests.marker())),
                            actors.msp(A),
                            actors.msp(B));
                    if (r.ok()) {
                      referralIds.add(r.json().get("referralId").asText());
                      done.incrementAndGet();
                      return;
                    }
                  }
                  throw new AssertionError("referral not submitted after 5 attempts");
                }));
      }
      // Kill B's node once a quarter of the referrals are in.
      while (done.get() < REFERRALS / 4) {
        Thread.sleep(50);
      }
      nodeB.handle().orElseThrow().destroyForcibly();
      nodeB.handle().ifPresent(h -> h.onExit().join());
      Thread.sleep(2000);
      ProcessRecord restarted = NodesExtension.startNode(net.network(), b);
      Ports.awaitListening(
          b.node().endpoint(),
          restarted,
          net.network().supervisor().logFile(restarted.name()),
          Duration.ofSeconds(60));
      for (Future<?> f : work) {
        f.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
      assertThat(referralIds).hasSize(REFERRALS);

      NodeClient client = new NodeClient(net.organization(B));
      String token = NodeClient.login(client, net.organization(B), "case-officer");
      Map<String, Integer> seen = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        seen.clear();
        long after = 0;
        while (true) {
          JsonNode page =
              client.call("GET", "/v1/inbox?after=" + after + "&limit=500", null, token).body();
          if (page.get("items").isEmpty()) {
            break;
          }
          for (JsonNode item : page.get("items")) {
            if (item.get("event").asText().equals("regnet.referral.submitted")
                && referralIds.contains(item.get("objectId").asText())) {
              seen.merge(item.get("objectId").asText(), 1, Integer::sum);
            }
          }
          after = page.get("next").asLong();
        }
        if (seen.size() == REFERRALS) {
          break;
        }
        Thread.sleep(1000);
      }
      assertThat(seen).hasSize(REFERRALS);
      assertThat(seen.values()).allMatch(n -> n == 1);
    }
  }

  private static Result ok(Result r) {
    assertThat(r.ok()).as(r.error()).isTrue();
    return r;
  }
}
