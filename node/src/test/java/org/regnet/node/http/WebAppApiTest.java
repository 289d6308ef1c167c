package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regnet.node.Node;
import org.regnet.node.TestConfigs;
import org.regnet.node.TestHttp;
import org.regnet.node.TestTls;
import org.regnet.node.config.NodeConfigLoader;
import org.regnet.node.service.Ledger;
import org.regnet.node.service.LedgerException;

/**
 * The web application's routes for real (Netty, TLS, Shiro, H2) on an ephemeral port, over an
 * in-process ledger holding three referrals and an audit trail: the static files with their
 * Content-Security-Policy, who am I, referral search and filters, node-local assignment, notes and
 * read state, audit entries with block numbers and their export, user administration.
 */
class WebAppApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REF1 = "REF-00000000000000a1";
  private static final String REF2 = "REF-00000000000000a2";
  private static final String REF3 = "REF-00000000000000a3";
  private static final String HIDDEN = "REF-00000000000000ff";
  @TempDir static Path dir;
  private static Node node;
  private static HttpClient http;
  private static String base;
  private static final List<String> submits = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path cfg = TestConfigs.write(dir, "");
    Path tlsCa = TestConfigs.tlsCa(dir);
    node = new Node(NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET)));
    node.userAdmin().create("olga", "case-officer", "olga-password-1234");
    node.userAdmin().create("oscar", "case-officer", "oscar-password-1234");
    node.userAdmin().create("ivan", "investigator", "ivan-password-1234");
    node.userAdmin().create("audrey", "auditor", "audrey-password-1234");
    node.userAdmin().create("tara", "treaty-admin", "tara-password-1234");
    var address = node.startHttp(new CasesLedger());
    base = "https://localhost:" + address.getPort();
    http = TestTls.client(tlsCa);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  /** Three referrals received by TestMSP, one hidden from it; audit entries in blocks 7 and 9. */
  static final class CasesLedger implements Ledger {
    private static String referral(
        String id, String from, String typology, String status, String created, String due) {
      return """
          {"referralId":"%s","treatyId":"TRT-T","agreementId":"AGR-0000000000000001",
           "originator":"%s","recipient":"TestMSP","typology":"%s","instrumentClass":"FUTURE",
           "dataClasses":["TRADE_DATA"],"purposes":["INVESTIGATION"],"status":"%s",
           "createdAt":"%s","updatedAt":"%s","responseDueAt":"%s","exchanges":[],"consents":[],
           "onwardShares":[]}"""
          .formatted(id, from, typology, status, created, created, due);
    }

    static final List<String> INBOX =
        List.of(
            referral(
                REF1,
                "AlphaMSP",
                "SPOOFING",
                "SUBMITTED",
                "2026-01-10T10:00:00Z",
                "2026-02-10T10:00:00Z"),
            referral(
                REF2,
                "BetaMSP",
                "LAYERING",
                "ACKNOWLEDGED",
                "2026-03-01T10:00:00Z",
                "2999-01-01T00:00:00Z"),
            referral(
                REF3,
                "AlphaMSP",
                "SPOOFING",
                "CLOSED",
                "2026-02-01T10:00:00Z",
                "2026-03-01T10:00:00Z"));

    @Override
    public String submit(String u, String tx, String arg, Map<String, byte[]> t, List<String> e) {
      submits.add(u + " " + tx);
      return "{}";
    }

    @Override
    public String evaluate(String u, String tx, String arg, Map<String, byte[]> t, List<String> e) {
      JsonNode a = read(arg);
      return switch (tx) {
        case "referral:listInbox" ->
            "{\"items\":[" + String.join(",", INBOX) + "],\"count\":3,\"bookmark\":\"\"}";
        case "referral:listOutbox" -> "{\"items\":[],\"count\":0,\"bookmark\":\"\"}";
        case "referral:get" -> {
          String id = a.path("referralId").asText();
          if (id.equals(HIDDEN) || INBOX.stream().noneMatch(s -> s.contains(id))) {
            throw new LedgerException("NOT_FOUND", "no such referral");
          }
          yield INBOX.stream().filter(s -> s.contains(id)).findFirst().orElseThrow();
        }
        case "audit:byObject" -> {
          if (u.equals("olga") || u.equals("oscar")) {
            throw new LedgerException("ACCESS_DENIED", "role may not read the audit trail");
          }
          yield """
              {"items":[
               {"entryId":"e1","txId":"tx-one","timestamp":"2026-01-10T10:00:00Z","action":"referral.submitted",
                "objectId":"%1$s","objectType":"referral","treatyId":"TRT-T","actor":{"msp":"AlphaMSP","subject":"CN=a","role":"case-officer"},"viewers":[]},
               {"entryId":"e2","txId":"tx-two","timestamp":"2026-01-11T10:00:00Z","action":"referral.payloadAccessed",
                "objectId":"%1$s","objectType":"referral","treatyId":"TRT-T","actor":{"msp":"TestMSP","subject":"CN=ivan, \\"x\\"","role":"investigator"},"viewers":[]}
              ],"count":2,"bookmark":""}"""
              .formatted(a.path("objectId").asText());
        }
        case "treaty:getMembershipChange" ->
            """
            {"changeId":"MCH-00000000000000c1","treatyId":"TRT-T","kind":"ADMIT","msp":"DeltaMSP",
             "jurisdiction":"DE","proposedBy":"AlphaMSP","approvals":["AlphaMSP"],
             "requiredApprovals":2,"status":"PENDING"}""";
        case "treaty:getChannelUpdate" ->
            "{\"changeId\":\"MCH-00000000000000c1\",\"update\":\""
                + admitDelta()
                + "\",\"updateHash\":\"abc123\",\"signatures\":{\"AlphaMSP\":\"c2ln\"}}";
        default -> "{}";
      };
    }

    /** A channel update that adds DeltaMSP to the application group, as add-authority makes. */
    static String admitDelta() {
      var app =
          org.hyperledger.fabric.protos.common.ConfigGroup.newBuilder()
              .setVersion(1)
              .putGroups(
                  "AlphaMSP", org.hyperledger.fabric.protos.common.ConfigGroup.getDefaultInstance())
              .putGroups(
                  "BetaMSP", org.hyperledger.fabric.protos.common.ConfigGroup.getDefaultInstance());
      var read =
          org.hyperledger.fabric.protos.common.ConfigGroup.newBuilder()
              .putGroups("Application", app.build());
      var write =
          org.hyperledger.fabric.protos.common.ConfigGroup.newBuilder()
              .putGroups(
                  "Application",
                  app.setVersion(2)
                      .putGroups(
                          "DeltaMSP",
                          org.hyperledger.fabric.protos.common.ConfigGroup.getDefaultInstance())
                      .build());
      var update =
          org.hyperledger.fabric.protos.common.ConfigUpdate.newBuilder()
              .setChannelId("regnet-cases")
              .setReadSet(read)
              .setWriteSet(write)
              .build();
      return java.util.Base64.getEncoder().encodeToString(update.toByteArray());
    }

    @Override
    public OptionalLong blockNumber(String username, String txId) {
      return txId.equals("tx-one") ? OptionalLong.of(7) : OptionalLong.of(9);
    }
  }

  private static JsonNode read(String s) {
    try {
      return s == null ? JSON.createObjectNode() : JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    return TestHttp.send(http, base, method, path, body, token);
  }

  private static String login(String user) throws Exception {
    return TestHttp.login(http, base, user, user + "-password-1234");
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static List<String> ids(JsonNode page) {
    return page.path("items").findValuesAsText("referralId");
  }

  @Test
  void the_app_is_served_from_the_node_with_a_strict_content_security_policy() throws Exception {
    HttpResponse<String> index = send("GET", "/", null, null);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    String csp = index.headers().firstValue("content-security-policy").orElseThrow();
    assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'");
    assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(index.body()).contains("<script type=\"module\" src=\"/app/main.js\">");
    assertThat(index.body())
        .doesNotContain("<script>")
        .doesNotContain("http://")
        .doesNotContain("https://");
    HttpResponse<String> js = send("GET", "/app/main.js", null, null);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    assertThat(js.headers().firstValue("x-content-type-options")).hasValue("nosniff");
  }

  /**
   * Every module the app imports, from main.js down (the pages for referrals and for requests for
   * assistance alike), is served as JavaScript; none builds markup from text or evaluates strings.
   * A missing or misnamed module would stop the whole app in the browser.
   */
  @Test
  void every_module_the_app_imports_is_served_and_none_writes_markup_or_evaluates()
      throws Exception {
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of("/app/main.js"));
    java.util.Set<String> seen = new java.util.TreeSet<>();
    java.util.regex.Pattern imports =
        java.util.regex.Pattern.compile(
            "^import [^;]* from '([^']+)';", java.util.regex.Pattern.MULTILINE);
    while (!todo.isEmpty()) {
      String path = todo.pop();
      if (!seen.add(path)) {
        continue;
      }
      HttpResponse<String> js = send("GET", path, null, null);
      assertThat(js.statusCode()).as(path).isEqualTo(200);
      assertThat(js.headers().firstValue("content-type"))
          .as(path)
          .hasValue("text/javascript; charset=utf-8");
      assertThat(js.body())
          .as(path)
          .doesNotContain(".innerHTML")
          .doesNotContain(".outerHTML")
          .doesNotContain("insertAdjacentHTML(")
          .doesNotContain("document.write(")
          .doesNotContain("eval(")
          .doesNotContain("new Function(");
      java.util.regex.Matcher m = imports.matcher(js.body());
      while (m.find()) {
        todo.push(java.net.URI.create("https://x" + path).resolve(m.group(1)).getPath());
      }
    }
    assertThat(seen)
        .contains(
            "/app/pages/assistance-list.js",
            "/app/pages/assistance.js",
            "/app/pages/new-assistance.js",
            "/app/pages/new-unsolicited.js",
            "/app/pages/assistance-statistics.js",
            "/app/rfa.js",
            "/app/rfa-views.js",
            "/app/scope.js",
            "/app/pages/referral.js");
  }

  @Test
  void unknown_or_ambiguous_asset_paths_are_not_served() throws Exception {
    assertThat(send("GET", "/app/nothing.js", null, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/app/../logback.xml", null, null).statusCode()).isIn(400, 404);
    assertThat(send("GET", "/webapp/index.html", null, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/app/main.JS", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void who_am_i_answers_the_user_role_authority_and_permissions() throws Exception {
    JsonNode me = json(send("GET", "/v1/me", null, login("ivan")));
    assertThat(me.get("username").asText()).isEqualTo("ivan");
    assertThat(me.get("role").asText()).isEqualTo("investigator");
    assertThat(me.get("mspId").asText()).isEqualTo("TestMSP");
    assertThat(me.get("authority").asText()).isEqualTo("test");
    assertThat(me.get("permissions").toString())
        .contains("audit:byActor", "referral:startInvestigation")
        .doesNotContain("referral:submit");
    assertThat(send("GET", "/v1/me", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void referral_search_filters_by_status_typology_counterparty_dates_and_overdue()
      throws Exception {
    String t = login("audrey");
    assertThat(ids(json(send("GET", "/v1/casework/referrals?box=inbox", null, t))))
        .containsExactly(REF2, REF3, REF1);
    assertThat(ids(json(send("GET", "/v1/casework/referrals?status=SUBMITTED,CLOSED", null, t))))
        .containsExactly(REF3, REF1);
    assertThat(ids(json(send("GET", "/v1/casework/referrals?typology=LAYERING", null, t))))
        .containsExactly(REF2);
    assertThat(ids(json(send("GET", "/v1/casework/referrals?counterparty=AlphaMSP", null, t))))
        .containsExactly(REF3, REF1);
    assertThat(
            ids(
                json(
                    send(
                        "GET",
                        "/v1/casework/referrals?from=2026-01-15T00:00:00Z&to=2026-03-01T10:00:00Z",
                        null,
                        t))))
        .containsExactly(REF3);
    JsonNode overdue = json(send("GET", "/v1/casework/referrals?overdue=true", null, t));
    assertThat(ids(overdue)).containsExactly(REF1);
    assertThat(overdue.at("/items/0/overdue").asBoolean()).isTrue();
    assertThat(ids(json(send("GET", "/v1/casework/referrals?box=outbox", null, t)))).isEmpty();
  }

  @Test
  void bad_search_parameters_are_refused_naming_the_parameter() throws Exception {
    String t = login("audrey");
    for (var q :
        Map.of(
                "box=sideways",
                "box",
                "from=yesterday",
                "from",
                "overdue=maybe",
                "overdue",
                "status=sub%20mitted",
                "status",
                "counterparty=a%27b",
                "counterparty")
            .entrySet()) {
      HttpResponse<String> r = send("GET", "/v1/casework/referrals?" + q.getKey(), null, t);
      assertThat(r.statusCode()).as(q.getKey()).isEqualTo(400);
      assertThat(json(r).at("/error/field").asText()).isEqualTo(q.getValue());
    }
  }

  @Test
  void read_state_is_per_user_and_counts_unread() throws Exception {
    String oscar = login("oscar");
    String ivan = login("ivan");
    assertThat(json(send("GET", "/v1/casework/referrals", null, oscar)).get("unread").asInt())
        .isEqualTo(3);
    assertThat(send("POST", "/v1/casework/referrals/" + REF2 + "/read", null, oscar).statusCode())
        .isEqualTo(200);
    JsonNode after = json(send("GET", "/v1/casework/referrals", null, oscar));
    assertThat(after.get("unread").asInt()).isEqualTo(2);
    assertThat(ids(json(send("GET", "/v1/casework/referrals?unread=true", null, oscar))))
        .containsExactly(REF3, REF1);
    assertThat(json(send("GET", "/v1/casework/referrals", null, ivan)).get("unread").asInt())
        .isEqualTo(3);
  }

  @Test
  void a_case_officer_assigns_a_case_to_an_officer_and_it_shows_in_the_search() throws Exception {
    String olga = login("olga");
    HttpResponse<String> r =
        send(
            "POST",
            "/v1/casework/referrals/" + REF1 + "/assignment",
            "{\"assignee\":\"ivan\"}",
            olga);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).at("/assignment/assignee").asText()).isEqualTo("ivan");
    assertThat(json(r).at("/assignment/assignedBy").asText()).isEqualTo("olga");
    assertThat(ids(json(send("GET", "/v1/casework/referrals?assignee=ivan", null, olga))))
        .containsExactly(REF1);
    assertThat(submits).as("assignment never touches the ledger").isEmpty();
  }

  @Test
  void assignment_is_refused_to_auditors_to_non_officers_and_for_invisible_referrals()
      throws Exception {
    String olga = login("olga");
    String audrey = login("audrey");
    String path = "/v1/casework/referrals/" + REF2 + "/assignment";
    assertThat(send("POST", path, "{\"assignee\":\"ivan\"}", audrey).statusCode()).isEqualTo(403);
    HttpResponse<String> auditor = send("POST", path, "{\"assignee\":\"audrey\"}", olga);
    assertThat(auditor.statusCode()).isEqualTo(400);
    assertThat(json(auditor).at("/error/field").asText()).isEqualTo("assignee");
    assertThat(send("POST", path, "{\"assignee\":\"nobody\"}", olga).statusCode()).isEqualTo(400);
    assertThat(
            send(
                    "POST",
                    "/v1/casework/referrals/" + HIDDEN + "/assignment",
                    "{\"assignee\":\"ivan\"}",
                    olga)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            json(send("GET", "/v1/casework/referrals/" + REF2, null, olga))
                .get("assignment")
                .isNull())
        .isTrue();
  }

  @Test
  void internal_notes_are_kept_on_the_node_in_order_and_refused_to_auditors() throws Exception {
    String ivan = login("ivan");
    String path = "/v1/casework/referrals/" + REF3 + "/notes";
    assertThat(send("POST", path, "{\"text\":\"first\"}", ivan).statusCode()).isEqualTo(200);
    JsonNode cw = json(send("POST", path, "{\"text\":\"second\"}", ivan));
    assertThat(cw.get("notes").findValuesAsText("text")).containsExactly("first", "second");
    assertThat(cw.at("/notes/0/author").asText()).isEqualTo("ivan");
    assertThat(send("POST", path, "{\"text\":\"   \"}", ivan).statusCode()).isEqualTo(400);
    assertThat(send("POST", path, "{\"text\":\"x\"}", login("audrey")).statusCode()).isEqualTo(403);
    assertThat(
            send("POST", "/v1/casework/referrals/" + HIDDEN + "/notes", "{\"text\":\"x\"}", ivan)
                .statusCode())
        .isEqualTo(404);
    assertThat(submits).isEmpty();
  }

  @Test
  void audit_entries_carry_transaction_id_block_number_and_timestamp() throws Exception {
    JsonNode page = json(send("GET", "/v1/audit/entries?objectId=" + REF1, null, login("audrey")));
    assertThat(page.at("/items/0/txId").asText()).isEqualTo("tx-one");
    assertThat(page.at("/items/0/blockNumber").asLong()).isEqualTo(7);
    assertThat(page.at("/items/0/timestamp").asText()).isEqualTo("2026-01-10T10:00:00Z");
    HttpResponse<String> windowed =
        send(
            "GET",
            "/v1/audit/entries?objectId=" + REF1 + "&from=2026-01-11T00:00:00Z",
            null,
            login("audrey"));
    assertThat(json(windowed).get("items").findValuesAsText("txId")).containsExactly("tx-two");
    assertThat(send("GET", "/v1/audit/entries", null, login("audrey")).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/v1/audit/entries?objectId=" + REF1, null, login("olga")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void the_audit_export_is_a_csv_or_json_download_with_block_numbers() throws Exception {
    String t = login("ivan");
    HttpResponse<String> csv = send("GET", "/v1/audit/export?format=csv&objectId=" + REF1, null, t);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
    assertThat(csv.headers().firstValue("content-disposition").orElseThrow())
        .contains("audit-export.csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("entryId,txId,blockNumber,timestamp,action");
    assertThat(lines.get(1)).startsWith("e1,tx-one,7,2026-01-10T10:00:00Z,referral.submitted");
    assertThat(lines.get(2)).contains("\"CN=ivan, \"\"x\"\"\"");
    JsonNode j = JSON.readTree(send("GET", "/v1/audit/export?objectId=" + REF1, null, t).body());
    assertThat(j.get("count").asInt()).isEqualTo(2);
    assertThat(j.at("/entries/1/blockNumber").asLong()).isEqualTo(9);
    HttpResponse<String> bad = send("GET", "/v1/audit/export?format=xml&objectId=" + REF1, null, t);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).at("/error/field").asText()).isEqualTo("format");
    assertThat(send("GET", "/v1/audit/export?objectId=" + REF1, null, login("olga")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void payload_viewers_come_from_the_audit_trail_or_say_they_are_not_available() throws Exception {
    JsonNode inv =
        json(send("GET", "/v1/referrals/" + REF1 + "/payload-views", null, login("ivan")));
    assertThat(inv.get("available").asBoolean()).isTrue();
    assertThat(inv.get("items").findValuesAsText("txId")).containsExactly("tx-two");
    JsonNode officer =
        json(send("GET", "/v1/referrals/" + REF1 + "/payload-views", null, login("olga")));
    assertThat(officer.get("available").asBoolean()).isFalse();
    assertThat(
            send("GET", "/v1/referrals/" + REF1 + "/payload-views", null, login("audrey"))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void a_treaty_admin_creates_changes_the_role_of_and_disables_a_user() throws Exception {
    String tara = login("tara");
    HttpResponse<String> created =
        send(
            "POST",
            "/v1/users",
            "{\"username\":\"nina\",\"role\":\"auditor\",\"password\":\"nina-password-1234\"}",
            tara);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(
            send(
                    "POST",
                    "/v1/users",
                    "{\"username\":\"nina\",\"role\":\"auditor\",\"password\":\"nina-password-1234\"}",
                    tara)
                .statusCode())
        .isEqualTo(409);
    String nina = login("nina");
    String oldCert = node.users().find("nina").orElseThrow().certificatePem();
    assertThat(
            send("POST", "/v1/users/nina/role", "{\"role\":\"investigator\"}", tara).statusCode())
        .isEqualTo(200);
    assertThat(node.users().find("nina").orElseThrow().role()).isEqualTo("investigator");
    assertThat(node.users().find("nina").orElseThrow().certificatePem()).isNotEqualTo(oldCert);
    assertThat(send("GET", "/v1/me", null, nina).statusCode())
        .as("old token revoked")
        .isEqualTo(401);
    assertThat(json(send("GET", "/v1/me", null, login("nina"))).get("role").asText())
        .isEqualTo("investigator");
    assertThat(
            send("POST", "/v1/users/nina/password", "{\"password\":\"short\"}", tara).statusCode())
        .isEqualTo(400);
    assertThat(
            send("POST", "/v1/users/nina/password", "{\"password\":\"nina-new-password-99\"}", tara)
                .statusCode())
        .isEqualTo(200);
    assertThat(send("POST", "/v1/users/nina/disable", null, tara).statusCode()).isEqualTo(200);
    assertThat(node.users().find("nina").orElseThrow().disabled()).isTrue();
    assertThat(json(send("GET", "/v1/users", null, tara)).get("items").findValuesAsText("username"))
        .contains("nina", "tara");
  }

  @Test
  void user_administration_is_refused_to_other_roles_and_to_oneself() throws Exception {
    String olga = login("olga");
    assertThat(send("GET", "/v1/users", null, olga).statusCode()).isEqualTo(403);
    assertThat(
            send(
                    "POST",
                    "/v1/users",
                    "{\"username\":\"eve\",\"role\":\"treaty-admin\",\"password\":\"eve-password-12345\"}",
                    olga)
                .statusCode())
        .isEqualTo(403);
    assertThat(node.users().find("eve")).isEmpty();
    String tara = login("tara");
    assertThat(send("POST", "/v1/users/tara/disable", null, tara).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/v1/users/tara/role", "{\"role\":\"auditor\"}", tara).statusCode())
        .isEqualTo(400);
    assertThat(send("POST", "/v1/users/ghost/disable", null, tara).statusCode()).isEqualTo(404);
    HttpResponse<String> badRole =
        send("POST", "/v1/users/oscar/role", "{\"role\":\"king\"}", tara);
    assertThat(badRole.statusCode()).isEqualTo(400);
    assertThat(json(badRole).at("/error/field").asText()).isEqualTo("role");
    assertThat(node.users().find("oscar").orElseThrow().role()).isEqualTo("case-officer");
  }

  @Test
  void a_membership_change_is_summarised_in_words_from_the_update_an_approval_signs()
      throws Exception {
    JsonNode s =
        json(
            send(
                "GET",
                "/v1/treaties/TRT-T/membership-changes/MCH-00000000000000c1/summary",
                null,
                login("tara")));
    String text = s.get("summary").toString();
    assertThat(text).contains("AlphaMSP proposes to admit DeltaMSP (DE) in treaty TRT-T");
    assertThat(text).contains("Approvals: 1 of 2 required (AlphaMSP)");
    assertThat(text).contains("configuration update of channel regnet-cases");
    assertThat(text)
        .contains("adds the organisation DeltaMSP to the channel's member organisations");
    assertThat(text).doesNotContain("AlphaMSP to the channel").doesNotContain("removes");
    assertThat(text).contains("signatures gathered: AlphaMSP");
  }

  @Test
  void overdue_means_open_and_past_the_response_deadline() {
    var open = read("{\"status\":\"SUBMITTED\",\"responseDueAt\":\"2026-01-01T00:00:00Z\"}");
    var closed = read("{\"status\":\"CLOSED\",\"responseDueAt\":\"2026-01-01T00:00:00Z\"}");
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    assertThat(org.regnet.node.service.ReferralSearch.overdue(open, now)).isTrue();
    assertThat(org.regnet.node.service.ReferralSearch.overdue(closed, now)).isFalse();
    assertThat(
            org.regnet.node.service.ReferralSearch.overdue(
                open, Instant.parse("2025-12-01T00:00:00Z")))
        .isFalse();
  }
}
