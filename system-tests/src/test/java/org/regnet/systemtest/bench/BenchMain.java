package org.regnet.systemtest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.client.Contract;
import org.regnet.systemtest.support.Actors;
import org.regnet.systemtest.support.Calls;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.Scenarios;
import org.regnet.systemtest.support.TestNetwork;

/**
 * The project's load generator, run by scripts/bench.sh against a network it started: every round
 * of docs/benchmarks.md, results as JSON for the script to turn into tables.
 *
 * <p>Usage: {@code BenchMain --network <network.json> --out <results.json> [--quick | --submit-only
 * | --referral-only]}
 */
public final class BenchMain {
  private static final int A = 0, B = 1;
  private static final String WINDOW_FROM = "2000-01-01T00:00:00Z";
  private static final String WINDOW_TO = "2100-01-01T00:00:00Z";
  private static final int AUDIT_PAGE = 50;

  private final Plan plan;
  private final TestNetwork net;
  private final Actors actors;
  private final Path processes;
  private final String runTag =
      Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
  private final List<RoundResult> rounds = new ArrayList<>();
  private final ObjectNode cpu;
  private final ObjectNode out;

  /** Successful writes that each left at least one audit entry visible to organisation A. */
  private final AtomicLong auditEntries = new AtomicLong();

  private final AtomicLong treatySequence = new AtomicLong();

  private BenchMain(Plan plan, TestNetwork net, ObjectNode out) {
    this.plan = plan;
    this.net = net;
    this.actors = new Actors(net);
    this.processes = Path.of(net.descriptor().get("stateDir").asText()).resolve("processes");
    this.out = out;
    this.cpu = out.putObject("cpu");
  }

  public static void main(String[] args) throws Exception {
    Path network = null;
    Path outFile = null;
    Plan plan = Plan.full();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--network" -> network = Path.of(args[++i]);
        case "--out" -> outFile = Path.of(args[++i]);
        case "--quick" -> plan = Plan.smoke();
        case "--submit-only" -> plan = Plan.submitOnly();
        case "--referral-only" -> plan = Plan.referralOnly();
        case "--audit-only" -> plan = Plan.auditOnly();
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    if (network == null || outFile == null) {
      throw new IllegalArgumentException(
          "usage: --network <network.json> --out <file> [--quick | --submit-only | --referral-only | --audit-only]");
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode out = json.createObjectNode();
    BenchMain bench = new BenchMain(plan, TestNetwork.attach(network), out);
    try {
      bench.runAll();
    } finally {
      out.set("rounds", json.valueToTree(bench.rounds));
      json.writeValue(outFile.toFile(), out);
      bench.actors.close();
    }
    System.exit(0); // the gRPC and HTTP clients' threads would keep the JVM alive
  }

  private void runAll() throws Exception {
    out.put("quick", plan.quick());
    out.put("warmupSeconds", plan.warmupS());
    out.put("measureSeconds", plan.measureS());
    String treaty = "TRT-BENCH-" + runTag;
    String agreementId = Scenarios.treatyWithActiveAgreement(actors, treaty);
    auditEntries.addAndGet(3);
    out.put("treatyId", treaty);

    // The small ledger first: the load rounds below write thousands of entries themselves.
    NodeClient nodeA = new NodeClient(net.organization(A));
    String auditorToken = NodeClient.login(nodeA, net.organization(A), "auditor");
    Contract admin = actors.contract(A, "treaty-admin");
    ClosedLoop.Call found =
        (w, s) -> countAudit(fail(Calls.submit(admin, "treaty:found", foundTreaty())));
    auditAt(plan.auditSmall(), found, nodeA, auditorToken);

    Contract auditorA = actors.contract(A, "auditor");
    String get = "{\"treatyId\":\"" + treaty + "\"}";
    for (int c : plan.evaluateLevels()) {
      round(
          "evaluate treaty:get",
          "gateway",
          c,
          null,
          (w, s) -> fail(Calls.evaluate(auditorA, "treaty:get", get)));
    }

    for (int c : plan.submitLevels()) {
      round("submit treaty:found", "gateway", c, "submit treaty:found c=" + c, found);
    }

    Contract officer = actors.contract(A, "case-officer");
    String referral = Requests.submitReferral(agreementId);
    String payload = payloadOfOneKib();
    out.put("payloadBytes", payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    ClosedLoop.Call direct =
        (w, s) ->
            countAudit(
                fail(
                    Calls.submit(
                        officer,
                        "referral:submit",
                        referral,
                        Requests.confidential(payload),
                        actors.msp(A),
                        actors.msp(B))));
    for (int c : plan.referralLevels()) {
      round("submit referral:submit", "gateway", c, "referral gateway c=" + c, direct);
    }

    String officerToken = NodeClient.login(nodeA, net.organization(A), "case-officer");
    String body =
        referral.substring(0, referral.lastIndexOf('}')) + ",\"payload\":" + payload + "}";
    ClosedLoop.Call viaNode =
        (w, s) -> countAudit(status(nodeA, "POST", "/v1/referrals", body, officerToken));
    RoundResult peak = null;
    for (int c : plan.referralLevels()) {
      RoundResult r = round("submit referral:submit", "node", c, "referral node c=" + c, viaNode);
      if (peak == null || r.tps() > peak.tps()) {
        peak = r;
      }
    }
    if (peak != null) {
      int overload = 2 * peak.concurrency();
      out.put("saturatingConcurrency", peak.concurrency());
      round("overload referral:submit", "node", overload, "overload node c=" + overload, viaNode);
    } else if (plan.auditLarge() == 0) {
      return; // a plan with neither referral rounds nor a large ledger (--submit-only)
    }

    auditAt(plan.auditLarge(), found, nodeA, auditorToken);
  }

  /**
   * Audit page latency once the ledger holds {@code target} entries visible to A, seeding the
   * difference first (bounded by the plan's time budget: the table says what was reached).
   */
  private void auditAt(int target, ClosedLoop.Call found, NodeClient nodeA, String auditorToken)
      throws Exception {
    Contract auditorA = actors.contract(A, "auditor");
    String byTime =
        "{\"from\":\"%s\",\"to\":\"%s\",\"pageSize\":%d}"
            .formatted(WINDOW_FROM, WINDOW_TO, AUDIT_PAGE);
    String path =
        "/v1/audit?from=%s&to=%s&pageSize=%d".formatted(WINDOW_FROM, WINDOW_TO, AUDIT_PAGE);
    if (target <= 0) {
      return;
    }
    long missing = target - auditEntries.get();
    if (missing > 0) {
      Seeder.Seeded s = Seeder.seed(missing, plan.seedBudgetS(), plan.seedConcurrency(), found);
      out.withArray("seeding")
          .addObject()
          .put("target", target)
          .put("written", s.written())
          .put("failed", s.failed())
          .put("seconds", s.seconds())
          .put("perSecond", s.rate())
          .put("entriesAfter", auditEntries.get());
    }
    long entries = auditEntries.get();
    String label = "audit page (" + entries + " entries)";
    RoundResult g =
        ClosedLoop.run(
            label,
            "gateway",
            1,
            1,
            plan.auditMeasureS(),
            (w, s) -> fail(Calls.evaluate(auditorA, "audit:byTimeRange", byTime)));
    RoundResult n =
        ClosedLoop.run(
            label,
            "node",
            1,
            1,
            plan.auditMeasureS(),
            (w, s) -> status(nodeA, "GET", path, null, auditorToken));
    rounds.add(g);
    rounds.add(n);
    out.withArray("audit")
        .addObject()
        .put("target", target)
        .put("entries", entries)
        .put("gatewayP50", g.p50Ms())
        .put("nodeP50", n.p50Ms());
    log(g);
    log(n);
  }

  private RoundResult round(String name, String path, int c, String cpuLabel, ClosedLoop.Call call)
      throws InterruptedException {
    Map<String, Double> before = cpuLabel == null ? null : ProcessCpu.snapshot(processes);
    RoundResult r = ClosedLoop.run(name, path, c, plan.warmupS(), plan.measureS(), call);
    if (cpuLabel != null) {
      ObjectNode spent = cpu.putObject(cpuLabel);
      spent.put("seconds", plan.warmupS() + plan.measureS());
      ProcessCpu.spent(before, ProcessCpu.snapshot(processes)).forEach(spent::put);
    }
    rounds.add(r);
    log(r);
    return r;
  }

  /** A fresh treaty each call: ids count across rounds and seeding, so none repeats. */
  private String foundTreaty() {
    return Requests.foundTreaty(
        "TRT-B" + runTag + "-" + treatySequence.incrementAndGet(),
        new String[] {actors.msp(0), actors.msp(1), actors.msp(2)},
        new String[] {"CH", "SG", "BR"});
  }

  /** A referral payload of exactly 1 KiB of JSON (docs/chaincode-api.md's complete payload). */
  static String payloadOfOneKib() {
    String base = Requests.payload("");
    int pad = (1024 - base.length()) / 2;
    String p = Requests.payload("x".repeat(Math.max(0, pad)));
    return p.length() < 1024 ? p.replace("case ", "case " + "y".repeat(1024 - p.length())) : p;
  }

  private static String fail(Calls.Result r) {
    return r.ok() ? null : r.code();
  }

  private String countAudit(String failure) {
    if (failure == null) {
      auditEntries.incrementAndGet();
    }
    return failure;
  }

  private static String status(
      NodeClient node, String method, String path, String body, String token) {
    try {
      NodeClient.Answer a = node.call(method, path, body, token);
      return a.status() == 200 || a.status() == 201 ? null : String.valueOf(a.status());
    } catch (RuntimeException e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      return c.getClass().getSimpleName();
    }
  }

  private static void log(RoundResult r) {
    System.out.printf(
        Locale.ROOT,
        "BENCH %-28s %-8s c=%-3d tps=%7.1f p50=%7.1fms p95=%7.1fms p99=%7.1fms failed=%d %s%n",
        r.round(),
        r.path(),
        r.concurrency(),
        r.tps(),
        r.p50Ms(),
        r.p95Ms(),
        r.p99Ms(),
        r.failed(),
        r.outcomes());
  }
}
