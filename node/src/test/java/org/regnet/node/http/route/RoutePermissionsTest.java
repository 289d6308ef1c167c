package org.regnet.node.http.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.regnet.node.http.Route;
import org.regnet.rules.Role;
import org.regnet.rules.RuleTable;

/**
 * The node's permissions and the chaincode's role rules are one table: every route's permission is
 * the chaincode transaction it runs (or a node-only permission), so a role passes the node's gate
 * exactly when the chaincode would let it run that transaction. Fails when a route is added or
 * changed without keeping to the table.
 */
class RoutePermissionsTest {

  /**
   * The chaincode transactions each route that is no {@link LedgerRoute} runs (read from its
   * service), the first being the one its permission names.
   */
  private static final Map<String, List<String>> COMPOSITE =
      Map.ofEntries(
          Map.entry("SubmitReferral", List.of("referral:submit")),
          Map.entry("ViewPayload", List.of("referral:readPayload", "referral:fetchPayload")),
          Map.entry(
              "ShareOnward",
              List.of(
                  "referral:shareOnward",
                  "referral:get",
                  "referral:readPayload",
                  "referral:fetchPayload",
                  "referral:deliverOnward")),
          Map.entry("RequestInformation", List.of("referral:requestInformation", "referral:get")),
          Map.entry("ProvideInformation", List.of("referral:provideInformation", "referral:get")),
          Map.entry("RaiseFlag", List.of("flag:raise", "treaty:get", "flag:lookup")),
          Map.entry("RetractFlag", List.of("flag:retract", "treaty:get")),
          Map.entry("ShareFlag", List.of("flag:raise", "flag:copy", "treaty:get")),
          Map.entry("SubmitAssistanceRequest", List.of("assistance:submit", "agreement:get")),
          Map.entry("OfferUnsolicitedInformation", List.of("assistance:offer", "assistance:get")),
          Map.entry("FormCollege", List.of("college:form", "college:get")),
          Map.entry("ShareWithCollege", List.of("college:share", "college:get")),
          Map.entry("CloseCollege", List.of("college:close", "college:get")),
          Map.entry("PurgeCollege", List.of("college:purge", "college:get")),
          Map.entry("AssistanceContent", List.of("assistance:content")),
          Map.entry("ExportAuth001", List.of("assistance:content")),
          Map.entry("ExportStatistics", List.of("assistance:statistics")),
          Map.entry("ContestUrgency", List.of("assistance:contestUrgency")),
          Map.entry("ReportProgress", List.of("assistance:reportProgress")),
          Map.entry("ReestimateReply", List.of("assistance:reestimate")),
          Map.entry("ReplyToAssistanceRequest", List.of("assistance:reply")),
          Map.entry("NoticeDisclosure", List.of("assistance:noticeDisclosure")),
          Map.entry("RecordSubjectRequest", List.of("assistance:recordSubjectRequest")),
          Map.entry("ListEvidence", List.of("evidence:get")),
          Map.entry("UploadEvidence", List.of("evidence:pin")),
          Map.entry("DownloadEvidence", List.of("evidence:get")),
          Map.entry("SendEvidence", List.of("evidence:pin", "evidence:get")),
          Map.entry("RecordEvidenceReceipt", List.of("evidence:receive", "evidence:get")),
          Map.entry("LookupFlag", List.of("flag:lookup", "flag:recordMatch")),
          Map.entry("ProposeMembershipChange", List.of("treaty:proposeMembershipChange")),
          Map.entry(
              "ApproveMembershipChange",
              List.of("treaty:approveMembershipChange", "treaty:getChannelUpdate")),
          Map.entry("SubmitChannelUpdate", List.of("treaty:getChannelUpdate")),
          // the audit explorer: any of the three audit queries, by the caller's choice
          Map.entry(
              "AuditEntries", List.of("audit:byActor", "audit:byObject", "audit:byTimeRange")),
          Map.entry("ExportAudit", List.of("audit:byActor", "audit:byObject", "audit:byTimeRange")),
          Map.entry(
              "MembershipChangeSummary",
              List.of("treaty:getChannelUpdate", "treaty:getMembershipChange")),
          Map.entry("SearchReferrals", List.of("referral:listInbox", "referral:listOutbox")),
          // casework is the node's own, after the caller may see the referral at all
          Map.entry("AddNote", List.of("referral:get")),
          Map.entry("AssignReferral", List.of("referral:get")),
          Map.entry("GetCasework", List.of("referral:get")),
          Map.entry("MarkRead", List.of("referral:get")),
          // audit:byObject only for the roles the rule table allows it (checked in the route)
          Map.entry("PayloadViewers", List.of("referral:readPayload")));

  /** Routes that call no chaincode transaction for a user. */
  private static final Set<String> NODE_ROUTES =
      Set.of(
          "Login",
          "Logout",
          "Health",
          "Ready",
          "OpenApiDocument",
          "PrometheusMetrics",
          "InboxItems",
          "InboxStream",
          "ListInbox",
          "StreamTicket",
          "TransactionStatusRoute",
          "WhoAmI",
          "ListOfficers",
          "ListUsers",
          "CreateUser",
          "DisableUser",
          "ResetPassword",
          "ChangeRole");

  @Test
  void every_ledger_route_is_guarded_by_the_transaction_it_runs() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    int ledgerRoutes = 0;
    for (Route r : routes()) {
      if (r instanceof LedgerRoute l) {
        ledgerRoutes++;
        soft.assertThat(l.spec().permission()).as(name(r)).isEqualTo(l.transaction());
        soft.assertThat(RuleTable.ruled(l.transaction())).as(name(r)).isTrue();
      }
    }
    soft.assertAll();
    assertThat(ledgerRoutes).isGreaterThan(15);
  }

  @Test
  void every_other_route_lets_in_only_roles_the_chaincode_lets_run_all_it_calls() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (Route r : routes()) {
      if (r instanceof LedgerRoute) {
        continue;
      }
      String name = name(r);
      String permission = r.spec().permission();
      if (NODE_ROUTES.contains(name)) {
        soft.assertThat(permission == null || RuleTable.NODE_ONLY.containsKey(permission))
            .as("%s: %s", name, permission)
            .isTrue();
        continue;
      }
      List<String> runs = COMPOSITE.get(name);
      soft.assertThat(runs).as("route %s is not declared in this test", name).isNotNull();
      if (runs == null) {
        continue;
      }
      if (!RuleTable.NODE_ONLY.containsKey(permission)) {
        soft.assertThat(permission).as(name).isEqualTo(runs.get(0));
      }
      for (Role role : Role.values()) {
        boolean node = RuleTable.permissionsOf(role).contains(permission);
        for (String tx : runs) {
          if (node) {
            soft.assertThat(RuleTable.rolesFor(tx))
                .as("%s lets %s in, but the chaincode refuses it %s", name, role, tx)
                .contains(role);
          }
        }
        if (!RuleTable.NODE_ONLY.containsKey(permission)) {
          soft.assertThat(node)
              .as("%s: node and chaincode agree for %s", name, role)
              .isEqualTo(RuleTable.rolesFor(runs.get(0)).contains(role));
        }
      }
    }
    soft.assertAll();
  }

  @Test
  void every_permission_a_role_holds_is_reached_by_some_route() throws Exception {
    Set<String> guarded = new java.util.TreeSet<>();
    for (Route r : routes()) {
      if (r.spec().permission() != null) {
        guarded.add(r.spec().permission());
      }
    }
    for (Role role : Role.values()) {
      for (String p : RuleTable.permissionsOf(role)) {
        if (p.equals("referral:fetchPayload") || p.equals("flag:recordMatch")) {
          // run by the payload view (guarded by referral:readPayload) and the flag lookup
          // (guarded by flag:lookup), which need the same roles
          continue;
        }
        if (p.equals("referral:deliverOnward")) {
          continue; // run by the onward share, guarded by referral:shareOnward (same roles)
        }
        if (p.equals("referral:pairEvent")) {
          continue; // run by the event follower as the node's own reader, by no route
        }
        if (p.equals("flag:copy")) {
          continue; // run by the flag share, guarded by flag:raise (same roles)
        }
        assertThat(guarded).as("%s holds %s", role, p).contains(p);
      }
    }
  }

  private static String name(Route r) {
    return r.getClass().getSimpleName();
  }

  /** Every route class of this package, built with null collaborators (specs need none). */
  private static List<Route> routes() throws IOException, URISyntaxException {
    Path dir =
        Path.of(LedgerRoute.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("org/regnet/node/http/route");
    List<Route> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String file = f.getFileName().toString();
        if (!file.endsWith(".class") || file.contains("$")) {
          continue;
        }
        try {
          Class<?> c = Class.forName("org.regnet.node.http.route." + file.replace(".class", ""));
          if (!Route.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
            continue;
          }
          Constructor<?> k = c.getConstructors()[0];
          out.add((Route) k.newInstance(new Object[k.getParameterCount()]));
        } catch (ReflectiveOperationException e) {
          throw new AssertionError("cannot build " + file, e);
        }
      }
    }
    return out;
  }
}
