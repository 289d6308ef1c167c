package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.regnet.systemtest.support.Browser;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * Requests for assistance in a real browser across the nodes of the real (shared) network. B's
 * officer watches the received list while A's officer fills in the request form (a priority request
 * without reasons is stopped in the form; a session that ends mid-form keeps the draft, item rows
 * included) and shares information in the sharing form; both arrive in B's list without a reload. B
 * reads the information, reads the request's confidential content, acknowledges it with an
 * estimated reply date, is shown the node's refusal of a final reply that defers an item (and
 * nothing changes), then sends a final reply refusing item 2 on a ground of the treaty; B's auditor
 * sees the record but neither the content nor an action. A sees the reply, the refusal and its
 * ground in the sent list and on the request; the statistics table and its CSV download agree with
 * the API; a request past its due date shows as overdue and is recorded so from its page. Every
 * page shown is compared with what the API answers, and checked by axe-core.
 */
class AssistanceBrowserIT {
  // The requester is the shared network's third authority: AssistanceJourneyIT's statistics count
  // every request between its own pair (the first two), whatever the treaty.
  private static final int A = 2, B = 1;
  private static final String TREATY = "TRT-IT-WEB-RFA";
  private static final String GROUND = "PREJUDICE_TO_OWN_INVESTIGATION";
  private static final Path TARGET = TestNetwork.projectRoot().resolve("system-tests/target");
  private static final Path SHOTS = TARGET.resolve("ui");
  private static final Path DOWNLOADS = TARGET.resolve("ui-downloads-rfa");
  private static TestNetwork net;
  private static NodeClient nodeA, nodeB;
  private static String agreementId;

  @BeforeAll
  static void treatyAndAgreement() throws Exception {
    assertThat(Browser.installed())
        .as("chromium and chromedriver (scripts/install-browser.sh)")
        .isTrue();
    net = TestNetwork.shared();
    nodeA = new NodeClient(net.organization(A));
    nodeB = new NodeClient(net.organization(B));
    String adminA = NodeClient.login(nodeA, net.organization(A), "treaty-admin");
    String adminB = NodeClient.login(nodeB, net.organization(B), "treaty-admin");
    String treaty =
        """
        {"treatyId":"%s","name":"Assistance in the browser",
         "terms":{"dataClasses":["TRADE_DATA","ORDER_BOOK_DATA","ON_CHAIN_ANALYTICS"],
             "permittedUses":["INVESTIGATION","ENFORCEMENT"],
             "responseDeadlineDays":30,"retentionDays":30,
             "refusalGrounds":["PUBLIC_INTEREST","%s"]},
         "members":[{"msp":"%s","jurisdiction":"CH"},{"msp":"%s","jurisdiction":"SG"}]}"""
            .formatted(TREATY, GROUND, msp(A), msp(B));
    ok(nodeA.call("POST", "/v1/treaties", treaty, adminA));
    agreementId =
        ok(nodeA.call("POST", "/v1/agreements", Requests.proposeAgreement(TREATY, msp(B)), adminA))
            .body()
            .get("agreementId")
            .asText();
    ok(nodeB.call("POST", "/v1/agreements/" + agreementId + "/signature", null, adminB));
    Files.createDirectories(DOWNLOADS);
    Files.deleteIfExists(DOWNLOADS.resolve("cooperation-statistics.csv"));
  }

  private static String msp(int i) {
    return net.organization(i).get("mspId").asText();
  }

  private static String url(int i) {
    return net.organization(i).get("nodeUrl").asText();
  }

  private static Answer ok(Answer a) {
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    return a;
  }

  /** Date inputs take keys in the browser's locale format; the value is set as a script would. */
  private static void setDate(Browser b, String id, LocalDate date) {
    b.js(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
            + "e.dispatchEvent(new Event('input', {bubbles: true}));"
            + "e.dispatchEvent(new Event('change', {bubbles: true}));",
        id,
        date.toString());
  }

  @Test
  void a_request_made_in_As_browser_is_answered_in_Bs_with_a_refused_item_A_then_sees()
      throws Exception {
    String marker = Requests.marker();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate estimate = today.plusDays(40);
    String requestId;
    String shared = Requests.marker();
    try (Browser b = new Browser(url(B), SHOTS, DOWNLOADS);
        Browser a = new Browser(url(A), SHOTS, DOWNLOADS)) {
      // B's officer watches the received list; the page is not reloaded until the request is in.
      b.login(net.organization(B), "case-officer");
      b.open("#/assistance?box=inbox");
      b.until(By.id("rfa-results"));
      b.until(d -> "Live".equals(d.findElement(By.id("live")).getText()));
      b.js("window.__stillTheSamePage = 'yes';");

      a.login(net.organization(A), "case-officer");
      // A request whose due date passes while the rest runs, to be shown and recorded overdue.
      Instant shortDue = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
      String lateId = submitThroughTheApi(a.token(), shortDue);
      requestId = requestInTheBrowser(a, marker);

      // What the page says was sent is what the node holds.
      JsonNode sent = ok(nodeA.call("GET", "/v1/assistance/" + requestId, null, a.token())).body();
      assertThat(sent.path("requester").asText()).isEqualTo(msp(A));
      assertThat(sent.path("requested").asText()).isEqualTo(msp(B));
      assertThat(sent.path("urgency").asText()).isEqualTo("PRIORITY");
      assertThat(sent.path("itemCount").asInt()).isEqualTo(2);
      assertThat(sent.path("replyDueAt").asText()).isEqualTo(today.plusDays(60) + "T23:59:59Z");
      JsonNode content =
          ok(nodeA.call("GET", "/v1/assistance/" + requestId + "/content", null, a.token()))
              .body()
              .path("payload");
      assertThat(content.path("facts").asText()).contains(marker);
      assertThat(content.path("items").path(1).path("type").asText()).isEqualTo("DOCUMENTS");
      assertThat(content.path("legalMandate").path("paragraph").asText()).isEqualTo("EMMoU para 3");
      assertThat(content.path("confidential").asBoolean()).isTrue();
      assertThat(content.path("investigationPeriod").path("from").asText()).isEqualTo("2024-01-01");
      assertThat(content.path("urgencyReasons").asText()).contains("dissipate");
      assertThat(a.until(By.id("rfa-summary")).getText()).contains(msp(B)).contains("Priority");
      assertThat(a.driver().findElement(By.id("rfa-content")).getText())
          .contains(marker)
          .contains("EMMoU para 3")
          .contains("2024-01-01 to 2024-06-30");
      assertThat(a.present(By.id("reply-form"))).as("the requester cannot reply").isFalse();
      assertThat(a.present(By.id("action-acknowledge"))).isFalse();
      a.assertAccessible("request (requester)");
      a.screenshot("rfa-02-request-A-sent");

      String sharedId = shareInTheBrowser(a, shared);

      // Both arrive in B's list without a reload (the live inbox says a request changed).
      b.until(By.cssSelector("tr[data-request='" + requestId + "']"));
      b.until(By.cssSelector("tr[data-request='" + sharedId + "']"));
      assertThat(b.js("return window.__stillTheSamePage;")).isEqualTo("yes");
      readSharedInformation(b, sharedId, shared);
      answerInTheBrowser(b, requestId, marker, estimate);

      // A sees the final reply, the refused item and its ground, and the page agrees with the API.
      a.open("#/assistance?box=outbox");
      By row = By.cssSelector("tr[data-request='" + requestId + "']");
      a.until(
          d -> d.findElement(row).findElement(By.className("status")).getText().equals("Answered"));
      assertThat(a.driver().findElement(row).findElement(By.className("counterparty")).getText())
          .isEqualTo(msp(B));
      a.assertAccessible("sent requests");
      a.screenshot("rfa-05-outbox-A");
      a.driver().findElement(row).findElement(By.tagName("a")).click();
      a.until(d -> d.findElement(By.id("rfa-status")).getText().equals("Answered"));
      JsonNode answered =
          ok(nodeA.call("GET", "/v1/assistance/" + requestId, null, a.token())).body();
      JsonNode items = answered.path("progress").path("replies").path(0).path("items");
      assertThat(answered.path("progress").path("replies")).hasSize(1);
      assertThat(items.path(0).path("outcome").asText()).isEqualTo("PROVIDED");
      assertThat(items.path(1).path("outcome").asText()).isEqualTo("REFUSED");
      assertThat(items.path(1).path("refusalGround").asText()).isEqualTo(GROUND);
      WebElement reply = a.until(By.cssSelector("#rfa-replies li[data-reply='1']"));
      assertThat(reply.getText()).startsWith("Final reply");
      assertThat(reply.findElement(By.cssSelector("li[data-item='1']")).getText())
          .isEqualTo("Item 1: Provided");
      assertThat(reply.findElement(By.cssSelector("li[data-item='2']")).getText())
          .isEqualTo("Item 2: Refused on the ground: Prejudice to own investigation");
      WebElement refusedRow =
          a.driver().findElement(By.cssSelector("#rfa-items tr[data-item='2']"));
      assertThat(refusedRow.getAttribute("data-outcome")).isEqualTo("REFUSED");
      assertThat(refusedRow.findElement(By.className("ground")).getText())
          .isEqualTo("Prejudice to own investigation");
      assertThat(refusedRow.getText()).contains("Copies of the trading agreements");
      assertThat(a.driver().findElement(By.id("rfa-timeline")).getText())
          .contains("Acknowledged; reply estimated by " + estimate + " 23:59:59 UTC");
      assertThat(a.present(By.id("rfa-overdue"))).isFalse();
      a.assertAccessible("request answered (requester)");
      a.screenshot("rfa-06-request-A-answered");

      statistics(a);
      overdueInTheBrowser(a, lateId, shortDue);
    }
  }

  private String submitThroughTheApi(String token, Instant due) {
    String body =
        """
        {"agreementId":"%s","instrumentClass":"PERPETUAL_FUTURE","dataClasses":["TRADE_DATA"],
         "purposes":["INVESTIGATION"],"urgency":"ROUTINE","dueDate":"%s",
         "payload":{"items":[{"type":"RECORDS","description":"Order logs of ACC-78"}],
           "facts":"Wash trades between two accounts.","purpose":"Identify the controller.",
           "provisionsBreached":["MAR Art. 12(1)(a)"],"subjects":[{"name":"John Trader"}],
           "legalMandate":{"paragraph":"MMoU para 7"},"confidential":true,
           "investigationPeriod":{"from":"2024-01-01","to":"2024-03-31"}}}"""
            .formatted(agreementId, due);
    return ok(nodeA.call("POST", "/v1/assistance", body, token)).body().get("requestId").asText();
  }

  /** Information shared without a request, in the sharing form. */
  private String shareInTheBrowser(Browser a, String marker) {
    a.open("#/assistance/share");
    a.until(By.id("new-unsolicited"));
    new Select(a.until(By.id("agreementId"))).selectByValue(agreementId);
    new Select(a.until(By.id("instrumentClass"))).selectByValue("PERPETUAL_FUTURE");
    a.driver().findElement(By.cssSelector("input[name=dataClasses][value=TRADE_DATA]")).click();
    a.driver().findElement(By.cssSelector("input[name=purposes][value=INVESTIGATION]")).click();
    // Without the information itself, the form says so and sends nothing.
    a.driver().findElement(By.id("message")).sendKeys("Shared without a request, MMoU para 9.");
    a.driver().findElement(By.id("submit-share")).click();
    assertThat(a.until(By.id("information-err")).getText()).contains("Write the information");
    a.driver()
        .findElement(By.id("information"))
        .sendKeys("Wallet trace " + marker + " points to a venue you supervise.");
    a.assertAccessible("share information");
    a.driver().findElement(By.id("submit-share")).click();
    a.until(d -> d.findElement(By.id("rfa-status")).getText().equals("Answered"));
    String id = a.driver().findElement(By.id("rfa-id")).getText();
    assertThat(a.driver().findElement(By.tagName("h1")).getText())
        .startsWith("Unsolicited information");
    JsonNode record = ok(nodeA.call("GET", "/v1/assistance/" + id, null, a.token())).body();
    assertThat(record.path("unsolicited").asBoolean()).isTrue();
    assertThat(record.path("requester").asText()).as("the recipient").isEqualTo(msp(B));
    return id;
  }

  private void readSharedInformation(Browser b, String sharedId, String marker) {
    b.open("#/assistance?box=inbox");
    By row = By.cssSelector("tr[data-request='" + sharedId + "']");
    WebElement line = b.until(row);
    assertThat(line.getText()).contains("Unsolicited information").contains(msp(A));
    assertThat(line.getAttribute("data-overdue")).isEqualTo("false");
    line.findElement(By.tagName("a")).click();
    assertThat(b.until(By.id("rfa-information")).getText()).contains(marker);
    assertThat(b.driver().findElement(By.id("rfa-content")).getText())
        .contains("Shared without a request, MMoU para 9.");
    assertThat(b.present(By.id("no-actions"))).as("nothing to answer").isTrue();
    b.assertAccessible("unsolicited information (recipient)");
  }

  /** The request whose due date has passed: shown overdue, and recorded so from its page. */
  private void overdueInTheBrowser(Browser a, String lateId, Instant due) throws Exception {
    while (!Instant.now().isAfter(due.plusSeconds(1))) {
      Thread.sleep(500);
    }
    a.open("#/assistance?box=outbox&overdue=true");
    By row = By.cssSelector("tr[data-request='" + lateId + "']");
    WebElement line = a.until(row);
    assertThat(line.getAttribute("data-overdue")).isEqualTo("true");
    assertThat(line.findElement(By.className("due")).getText()).contains("Overdue");
    assertThat(a.present(By.cssSelector("tr[data-overdue='false']")))
        .as("the overdue filter keeps only overdue requests")
        .isFalse();
    a.screenshot("rfa-08-outbox-A-overdue");
    line.findElement(By.tagName("a")).click();
    assertThat(a.until(By.id("rfa-overdue")).getText()).isEqualTo("Overdue");
    a.until(By.id("action-overdue")).click();
    a.until(
        d ->
            d.findElement(By.id("rfa-timeline"))
                .getText()
                .contains("Recorded overdue: reply was due"));
    assertThat(a.present(By.id("action-overdue"))).as("recorded once").isFalse();
    JsonNode marked = ok(nodeA.call("GET", "/v1/assistance/" + lateId, null, a.token())).body();
    assertThat(marked.path("progress").path("overdue").path(0).path("kind").asText())
        .isEqualTo("REPLY");
    assertThat(marked.path("progress").path("overdue").path(0).path("dueAt").asText())
        .isEqualTo(due.toString());
    a.assertAccessible("request recorded overdue");
  }

  private String requestInTheBrowser(Browser a, String marker) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    a.open("#/assistance/new");
    new Select(a.until(By.id("agreementId"))).selectByValue(agreementId);
    Select instrument = new Select(a.until(By.id("instrumentClass")));
    instrument.selectByValue("PERPETUAL_FUTURE");
    a.driver().findElement(By.cssSelector("input[name=dataClasses][value=TRADE_DATA]")).click();
    a.driver().findElement(By.cssSelector("input[name=purposes][value=INVESTIGATION]")).click();
    new Select(a.driver().findElement(By.id("item-type-1"))).selectByValue("BANK_RECORDS");
    a.driver().findElement(By.id("item-description-1")).sendKeys("Statements of account ACC-77");
    a.driver().findElement(By.id("add-item")).click();
    new Select(a.until(By.id("item-type-2"))).selectByValue("DOCUMENTS");
    a.driver()
        .findElement(By.id("item-description-2"))
        .sendKeys("Copies of the trading agreements");
    a.driver()
        .findElement(By.id("facts"))
        .sendKeys("Layered spoof orders on BTC perpetuals, case " + marker);
    a.driver().findElement(By.id("purpose")).sendKeys("Identify who controls ACC-77.");
    a.driver().findElement(By.id("provisionsBreached")).sendKeys("MAR Art. 12(1)(a)");
    a.driver().findElement(By.id("subjectName")).sendKeys("Jane Trader");
    a.driver().findElement(By.id("mandate")).sendKeys("EMMoU para 3");
    setDate(a, "periodFrom", LocalDate.parse("2024-01-01"));
    setDate(a, "periodTo", LocalDate.parse("2024-06-30"));
    setDate(a, "dueDate", today.plusDays(60));
    new Select(a.driver().findElement(By.id("urgency"))).selectByValue("PRIORITY");

    // A priority request without reasons is stopped in the form, before any call.
    a.driver().findElement(By.id("submit-rfa")).click();
    assertThat(a.until(By.id("urgencyReasons-err")).getText()).contains("states why");
    assertThat(a.driver().findElement(By.id("urgencyReasons")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(a.driver().getCurrentUrl()).endsWith("#/assistance/new");
    a.driver()
        .findElement(By.id("urgencyReasons"))
        .sendKeys("The assets may dissipate within days.");
    a.until(d -> d.findElement(By.id("urgencyReasons-err")).getText().isEmpty());
    a.assertAccessible("new request");
    a.screenshot("rfa-01-new-request-A");

    // The session ends under the officer's feet: after logging in again the draft is back, both
    // item rows included, and it is sent from there.
    assertThat(nodeA.call("POST", "/v1/auth/logout", null, a.token()).status()).isEqualTo(200);
    a.driver().findElement(By.id("submit-rfa")).click();
    assertThat(a.until(By.id("session-notice")).getText()).contains("Log in again");
    a.until(By.name("username"))
        .sendKeys(Browser.user(net.organization(A), "case-officer").get("username").asText());
    a.driver()
        .findElement(By.name("password"))
        .sendKeys(Browser.user(net.organization(A), "case-officer").get("password").asText());
    a.driver().findElement(By.id("login-submit")).click();
    a.until(d -> d.getCurrentUrl().endsWith("#/assistance/new"));
    a.until(d -> d.findElement(By.id("facts")).getAttribute("value").contains(marker));
    List<WebElement> types = a.driver().findElements(By.cssSelector("select[name=itemType]"));
    assertThat(types).hasSize(2);
    assertThat(new Select(types.get(1)).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("DOCUMENTS");
    assertThat(
            new Select(a.driver().findElement(By.id("instrumentClass")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("PERPETUAL_FUTURE");
    assertThat(a.driver().findElement(By.id("periodTo")).getAttribute("value"))
        .isEqualTo("2024-06-30");
    a.driver().findElement(By.id("submit-rfa")).click();
    String id = a.until(By.id("rfa-id")).getText();
    assertThat(id).matches("RFA-[0-9a-f]{16}");
    a.until(d -> d.findElement(By.id("rfa-status")).getText().equals("Submitted"));
    return id;
  }

  private void answerInTheBrowser(Browser b, String requestId, String marker, LocalDate estimate) {
    // B's officer goes back to the received list; the request is in it.
    b.open("#/assistance?box=inbox");
    b.until(By.id("rfa-results"));
    By row = By.cssSelector("tr[data-request='" + requestId + "']");
    b.until(row);
    WebElement received = b.driver().findElement(row);
    assertThat(received.findElement(By.className("counterparty")).getText()).isEqualTo(msp(A));
    assertThat(received.findElement(By.className("status")).getText()).isEqualTo("Submitted");
    assertThat(received.getText()).contains("Priority");
    assertThat(received.getAttribute("data-overdue")).isEqualTo("false");
    b.assertAccessible("received requests");
    b.screenshot("rfa-03-inbox-B");

    received.findElement(By.tagName("a")).click();
    assertThat(b.until(By.id("rfa-content")).getText())
        .as("B reads the request's confidential content from its own peer")
        .contains(marker)
        .contains("The assets may dissipate within days.");
    assertThat(b.driver().findElement(By.id("rfa-items")).getText())
        .contains("Statements of account ACC-77")
        .contains("Copies of the trading agreements");

    // Acknowledging needs a date or a frequency: the form says so without calling the node.
    b.until(By.id("action-acknowledge")).click();
    assertThat(b.until(By.id("ack-estimate-err")).getText()).contains("estimated reply date");
    setDate(b, "ack-estimate", estimate);
    b.driver().findElement(By.id("action-acknowledge")).click();
    b.until(d -> d.findElement(By.id("rfa-status")).getText().equals("Acknowledged"));
    String token = b.token();
    JsonNode acked = ok(nodeB.call("GET", "/v1/assistance/" + requestId, null, token)).body();
    assertThat(acked.path("progress").path("estimatedReplyAt").asText())
        .isEqualTo(estimate + "T23:59:59Z");
    assertThat(b.driver().findElement(By.id("rfa-reply-due")).getText())
        .isEqualTo(estimate + " 23:59:59 UTC (estimate)");

    // B contests the priority and reports progress; the page and the record say so.
    b.until(By.id("contest-message")).sendKeys("Nothing suggests the assets could move.");
    b.driver().findElement(By.id("action-contest")).click();
    b.until(d -> d.findElement(By.id("rfa-summary")).getText().contains("Priority (contested)"));
    assertThat(b.present(By.id("action-contest"))).as("contested once").isFalse();
    b.until(By.id("progress-message")).sendKeys("Bank statements requested from the bank.");
    b.driver().findElement(By.id("action-progress")).click();
    b.until(d -> d.findElement(By.id("rfa-timeline")).getText().contains("Progress reported"));
    assertThat(b.driver().findElement(By.id("rfa-timeline")).getText())
        .contains("Urgency contested");
    JsonNode updated = ok(nodeB.call("GET", "/v1/assistance/" + requestId, null, token)).body();
    assertThat(updated.path("progress").path("urgencyContested").asBoolean()).isTrue();
    assertThat(updated.path("progress").path("updates").findValuesAsText("kind"))
        .containsExactly("URGENCY_CONTESTED", "PROGRESS");

    // The auth.001 export, fetched with the tab's token, is the request B received.
    Path xml = DOWNLOADS.resolve(requestId + "-auth001.xml");
    b.driver().findElement(By.id("export-auth001")).click();
    b.until(d -> readOrEmpty(xml).contains("</Document>"));
    assertThat(readOrEmpty(xml))
        .contains("<InvstgtnId>" + requestId + "</InvstgtnId>")
        .contains("<Prgrph>EMMoU para 3</Prgrph>");

    // A final reply that defers an item: the node refuses it, the page shows why, nothing changes.
    b.until(By.id("reply-form"));
    new Select(b.driver().findElement(By.id("reply-outcome-1"))).selectByValue("PROVIDED");
    new Select(b.driver().findElement(By.id("reply-outcome-2"))).selectByValue("DEFERRED");
    b.driver().findElement(By.id("reply-final")).click();
    b.driver().findElement(By.id("reply-message")).sendKeys("Statements attached.");
    b.driver().findElement(By.id("action-reply")).click();
    assertThat(b.until(By.id("reply-error")).getText()).contains("a final reply defers nothing");
    JsonNode unchanged = ok(nodeB.call("GET", "/v1/assistance/" + requestId, null, token)).body();
    assertThat(unchanged.path("progress").path("status").asText()).isEqualTo("ACKNOWLEDGED");
    assertThat(unchanged.path("progress").path("replies")).isEmpty();
    b.screenshot("rfa-04a-reply-refused-by-the-node-B");

    // The final reply: item 1 provided, item 2 refused on a ground the treaty lists.
    WebElement ground = b.driver().findElement(By.id("reply-ground-2"));
    assertThat(ground.isEnabled()).as("a ground only for a refused item").isFalse();
    new Select(b.driver().findElement(By.id("reply-outcome-2"))).selectByValue("REFUSED");
    assertThat(ground.isEnabled()).isTrue();
    assertThat(new Select(ground).getOptions().stream().map(o -> o.getAttribute("value")).toList())
        .containsExactly("PUBLIC_INTEREST", GROUND);
    new Select(ground).selectByValue(GROUND);
    b.assertAccessible("request with the reply form");
    b.driver().findElement(By.id("action-reply")).click();
    b.until(d -> d.findElement(By.id("rfa-status")).getText().equals("Answered"));
    assertThat(
            b.driver()
                .findElement(By.cssSelector("#rfa-items tr[data-item='2'] .ground"))
                .getText())
        .isEqualTo("Prejudice to own investigation");
    assertThat(b.present(By.id("reply-form"))).as("nothing left to reply to").isFalse();
    b.screenshot("rfa-04-request-B-answered");

    // B's auditor sees the record and the outcomes, but neither the content nor any action.
    b.logout();
    b.login(net.organization(B), "auditor");
    b.open("#/assistance/" + requestId);
    b.until(d -> d.findElement(By.id("rfa-status")).getText().equals("Answered"));
    assertThat(b.present(By.id("no-actions"))).isTrue();
    assertThat(b.present(By.id("rfa-content"))).isFalse();
    assertThat(b.driver().findElement(By.id("content-section")).getText())
        .contains("cannot read")
        .doesNotContain(marker);
    assertThat(
            b.driver()
                .findElement(By.cssSelector("#rfa-items tr[data-item='2']"))
                .getAttribute("data-outcome"))
        .isEqualTo("REFUSED");
    assertThat(b.present(By.id("tab-new"))).as("auditors send no request").isFalse();
  }

  private void statistics(Browser a) throws Exception {
    JsonNode api =
        ok(nodeA.call("GET", "/v1/assistance/statistics?counterparty=" + msp(B), null, a.token()))
            .body()
            .path("counterparties")
            .path(0);
    JsonNode sent = api.path("sent");
    assertThat(sent.path("requests").asInt()).isPositive();
    a.open("#/assistance/statistics");
    WebElement line =
        a.until(By.cssSelector("tr[data-counterparty='" + msp(B) + "'][data-direction='sent']"));
    assertThat(line.findElement(By.className("requests")).getText())
        .isEqualTo(sent.path("requests").asText());
    assertThat(line.findElement(By.className("answered")).getText())
        .isEqualTo(sent.path("answered").asText());
    assertThat(line.findElement(By.className("unsolicited")).getText())
        .isEqualTo(api.path("unsolicitedSent").asText());
    assertThat(api.path("unsolicitedSent").asInt()).isPositive();
    assertThat(line.findElement(By.className("refusals")).getText())
        .contains(
            "Prejudice to own investigation: "
                + sent.path("refusalsByGround").path(GROUND).asInt());
    assertThat(sent.path("refusalsByGround").path(GROUND).asInt()).isPositive();
    a.assertAccessible("statistics");
    a.screenshot("rfa-07-statistics-A");

    // The CSV download (fetched with the tab's bearer token) holds the same row as the API's CSV.
    a.driver().findElement(By.id("stats-csv")).click();
    Path csv = DOWNLOADS.resolve("cooperation-statistics.csv");
    a.until(d -> Files.exists(csv));
    String prefix = msp(A) + "," + msp(B) + ",sent,";
    String apiCsv =
        ok(nodeA.call("GET", "/v1/assistance/statistics?format=csv", null, a.token()))
            .body()
            .path("raw")
            .asText();
    String expected = apiCsv.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    a.until(d -> readOrEmpty(csv).lines().anyMatch(l -> l.equals(expected)));
  }

  private static String readOrEmpty(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
