package org.regnet.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.regnet.systemtest.support.Browser;
import org.regnet.systemtest.support.NodeClient;
import org.regnet.systemtest.support.NodeClient.Answer;
import org.regnet.systemtest.support.Requests;
import org.regnet.systemtest.support.TestNetwork;

/**
 * The web application in a real browser across the nodes of the real network: A's case officer
 * submits a referral in the form; B's officer sees it arrive in the inbox without reloading,
 * acknowledges and assigns it; B's investigator views the payload after giving a purpose, and the
 * audit explorer shows that view, in the export too; C's officer sees nothing of it; what a role
 * may not do is absent from the page and refused through the API. axe-core checks every main page;
 * screenshots go to target/ui.
 */
class BrowserJourneyIT {
  private static final int A = 0, B = 1, C = 2;
  private static final String TREATY = "TRT-IT-WEB";
  private static final Path TARGET = TestNetwork.projectRoot().resolve("system-tests/target");
  private static final Path SHOTS = TARGET.resolve("ui");
  private static final Path DOWNLOADS = TARGET.resolve("ui-downloads");
  private static TestNetwork net;
  private static NodeClient nodeA, nodeB, nodeC;
  private static String agreementId;

  @BeforeAll
  static void treatyAndAgreement() throws Exception {
    assertThat(Browser.installed())
        .as("chromium and chromedriver (scripts/install-browser.sh)")
        .isTrue();
    net = TestNetwork.shared();
    nodeA = new NodeClient(net.organization(A));
    nodeB = new NodeClient(net.organization(B));
    nodeC = new NodeClient(net.organization(C));
    String adminA = NodeClient.login(nodeA, net.organization(A), "treaty-admin");
    String adminB = NodeClient.login(nodeB, net.organization(B), "treaty-admin");
    Answer founded =
        nodeA.call(
            "POST",
            "/v1/treaties",
            Requests.foundTreaty(
                TREATY, new String[] {msp(A), msp(B), msp(C)}, new String[] {"CH", "SG", "BR"}),
            adminA);
    assertThat(founded.status()).as(founded.body().toString()).isEqualTo(200);
    Answer proposed =
        nodeA.call("POST", "/v1/agreements", Requests.proposeAgreement(TREATY, msp(B)), adminA);
    assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(200);
    agreementId = proposed.body().get("agreementId").asText();
    Answer signed =
        nodeB.call("POST", "/v1/agreements/" + agreementId + "/signature", null, adminB);
    assertThat(signed.body().get("status").asText()).isEqualTo("ACTIVE");
    Files.createDirectories(DOWNLOADS);
    Files.deleteIfExists(DOWNLOADS.resolve("audit-export.csv"));
  }

  @AfterAll
  static void nothing() {}

  private static String msp(int i) {
    return net.organization(i).get("mspId").asText();
  }

  private static String url(int i) {
    return net.organization(i).get("nodeUrl").asText();
  }

  private static String username(int i, String role) {
    return Browser.user(net.organization(i), role).get("username").asText();
  }

  @Test
  void a_referral_travels_from_As_form_to_Bs_live_inbox_payload_view_and_audit_export()
      throws Exception {
    String marker = Requests.marker();
    String referralId;
    try (Browser b = new Browser(url(B), SHOTS, DOWNLOADS)) {
      // B's officer watches the inbox; the page is never reloaded from here on.
      b.driver().get(b.base() + "/#/login");
      b.until(By.id("login-submit"));
      b.assertAccessible("login");
      b.screenshot("01-login");
      b.login(net.organization(B), "case-officer");
      b.open("#/referrals?box=inbox");
      b.until(By.id("referral-results"));
      b.until(d -> "Live".equals(d.findElement(By.id("live")).getText()));
      b.js("window.__stillTheSamePage = 'yes';");

      try (Browser a = new Browser(url(A), SHOTS, DOWNLOADS)) {
        referralId = submitInTheBrowser(a, marker);
      }

      // 2. It appears in B's inbox without a reload, marked unread.
      By row = By.cssSelector("tr[data-referral='" + referralId + "']");
      b.until(row);
      assertThat(b.js("return window.__stillTheSamePage;")).isEqualTo("yes");
      assertThat(b.driver().findElement(row).getAttribute("class")).contains("unread");
      b.until(d -> !d.findElement(By.id("unread")).getText().isEmpty());
      b.assertAccessible("inbox");
      b.screenshot("03-inbox-B-live");

      // 3. B's officer acknowledges and assigns it to B's investigator, and notes why.
      b.driver().findElement(row).findElement(By.tagName("a")).click();
      b.until(By.id("action-acknowledge")).click();
      b.until(d -> d.findElement(By.id("referral-status")).getText().equals("Acknowledged"));
      String investigator = username(B, "investigator");
      new Select(b.until(By.id("assign-to"))).selectByValue(investigator);
      b.driver().findElement(By.id("action-assign")).click();
      b.until(d -> d.findElement(By.id("assignee")).getText().contains(investigator));
      b.until(By.id("note-text")).sendKeys("Assigned for the order-log analysis.");
      b.driver().findElement(By.id("action-note")).click();
      b.until(d -> d.findElement(By.id("notes")).getText().contains("order-log analysis"));
      assertThat(b.present(By.id("view-payload"))).as("officers may view payloads").isTrue();
      b.assertAccessible("referral (officer)");
      b.screenshot("04-referral-B-acknowledged-assigned");

      // 4. B's investigator views the payload after giving a purpose; the view is recorded.
      // The investigator logs in with the keyboard only: focus starts in the user name field,
      // Tab moves to the password, Enter submits.
      b.logout();
      b.driver().get(b.base() + "/#/login");
      b.until(By.name("username"));
      new Actions(b.driver())
          .sendKeys(username(B, "investigator"))
          .sendKeys(Keys.TAB)
          .sendKeys(Browser.user(net.organization(B), "investigator").get("password").asText())
          .sendKeys(Keys.ENTER)
          .perform();
      b.until(By.id("whoami"));
      b.open("#/referrals/" + referralId);
      assertThat(b.until(By.id("payload-notice")).getText()).contains("recorded");
      assertThat(b.present(By.id("action-acknowledge"))).isFalse();
      assertThat(b.present(By.id("action-assign"))).isFalse();
      assertThat(b.present(By.id("nav-new"))).isFalse();
      new Select(b.driver().findElement(By.id("payload-purpose"))).selectByValue("INVESTIGATION");
      b.driver().findElement(By.id("view-payload")).click();
      assertThat(b.until(By.id("payload")).getText()).contains(marker);
      b.until(d -> d.findElement(By.id("payload-viewers")).getText().contains(msp(B)));
      b.assertAccessible("referral (payload view)");
      b.screenshot("05-payload-view-B-investigator");

      // 7. What the investigator's role does not allow is refused through the API as well.
      String invToken = b.token();
      assertThat(
              nodeB
                  .call("POST", "/v1/referrals/" + referralId + "/acknowledge", null, invToken)
                  .code())
          .isEqualTo("FORBIDDEN");
      assertThat(
              nodeB
                  .call(
                      "POST",
                      "/v1/casework/referrals/" + referralId + "/assignment",
                      "{\"assignee\":\"" + investigator + "\"}",
                      invToken)
                  .code())
          .isEqualTo("FORBIDDEN");
      assertThat(nodeB.call("GET", "/v1/users", null, invToken).code()).isEqualTo("FORBIDDEN");

      // 5. The audit explorer shows the view with its transaction and block; the export has it.
      b.open("#/audit?objectId=" + referralId + "&pageSize=50");
      WebElement view = b.until(By.cssSelector("tr[data-action='referral.payloadAccessed']"));
      List<WebElement> cells = view.findElements(By.tagName("td"));
      String txId = cells.get(4).getText();
      assertThat(txId).matches("[0-9a-f]{64}");
      assertThat(cells.get(5).getText()).matches("[0-9]+");
      assertThat(cells.get(3).getText()).contains(msp(B));
      b.assertAccessible("audit");
      b.screenshot("06-audit-explorer");
      b.driver().findElement(By.id("export-csv")).click();
      Path csv = DOWNLOADS.resolve("audit-export.csv");
      b.until(d -> Files.exists(csv));
      assertThat(Files.readString(csv)).contains("referral.payloadAccessed").contains(txId);
      Answer json =
          nodeB.call("GET", "/v1/audit/export?format=json&objectId=" + referralId, null, invToken);
      assertThat(json.status()).isEqualTo(200);
      assertThat(json.body().get("entries").findValuesAsText("txId")).contains(txId);

      // 3. A flag lookup: the identifier goes in a POST body only, never in the address or the
      // tab's storage.
      b.open("#/flags");
      WebElement lookup = b.until(By.id("flag-lookup"));
      new Select(lookup.findElement(By.name("treatyId"))).selectByValue(TREATY);
      new Select(lookup.findElement(By.name("subjectType"))).selectByValue("ENTITY_NAME");
      String identifier = "Shady Derivatives Venue " + marker.substring(8, 20);
      lookup.findElement(By.name("identifier")).sendKeys(identifier);
      lookup.findElement(By.cssSelector("button[type=submit]")).click();
      assertThat(b.until(By.cssSelector("#flag-result .notice")).getText()).contains("No flag");
      assertThat(b.driver().getCurrentUrl()).doesNotContain(marker.substring(8, 20));
      assertThat((String) b.js("return JSON.stringify(sessionStorage) + location.href;"))
          .doesNotContain(marker.substring(8, 20));
      b.assertAccessible("flags");
      b.screenshot("07-flags");

      // 7. An auditor: no action on the page, and refused through the API.
      b.logout();
      b.login(net.organization(B), "auditor");
      b.open("#/referrals/" + referralId);
      b.until(By.id("no-actions"));
      assertThat(b.present(By.id("view-payload"))).isFalse();
      assertThat(b.present(By.id("nav-new"))).isFalse();
      assertThat(b.present(By.id("nav-admin"))).isFalse();
      String auditor = b.token();
      assertThat(
              nodeB
                  .call(
                      "POST",
                      "/v1/referrals/" + referralId + "/close",
                      "{\"outcome\":\"NO_FURTHER_ACTION\"}",
                      auditor)
                  .code())
          .isEqualTo("FORBIDDEN");
      assertThat(
              nodeB
                  .call(
                      "POST",
                      "/v1/referrals/" + referralId + "/payload-views",
                      "{\"purpose\":\"INVESTIGATION\"}",
                      auditor)
                  .code())
          .isEqualTo("FORBIDDEN");

      // Treaty admins: the administration page.
      b.logout();
      b.login(net.organization(B), "treaty-admin");
      b.open("#/admin");
      b.until(By.id("users-table"));
      b.until(By.id("members-table"));
      assertThat(b.present(By.id("nav-new"))).isFalse();
      b.assertAccessible("administration");
      b.screenshot("08-administration");
      // The treaty admin creates a user of the authority in the page.
      String newUser = "web-analyst-" + marker.substring(8, 14).toLowerCase(java.util.Locale.ROOT);
      WebElement create = b.driver().findElement(By.id("create-user"));
      create.findElement(By.name("username")).sendKeys(newUser);
      new Select(create.findElement(By.name("role"))).selectByValue("auditor");
      create
          .findElement(By.name("password"))
          .sendKeys("a-long-enough-password-" + marker.substring(8, 14));
      create.findElement(By.cssSelector("button[type=submit]")).click();
      b.until(By.cssSelector("tr[data-user='" + newUser + "']"));
      assertThat(
              nodeB
                  .call("POST", "/v1/referrals/" + referralId + "/acknowledge", null, b.token())
                  .code())
          .isEqualTo("FORBIDDEN");
    }

    // 6. C's officer sees nothing of it, in the page or through the API.
    try (Browser c = new Browser(url(C), SHOTS, DOWNLOADS)) {
      c.login(net.organization(C), "case-officer");
      c.open("#/referrals?box=inbox");
      c.until(By.id("referral-results"));
      assertThat(c.driver().getPageSource()).doesNotContain(referralId).doesNotContain(marker);
      c.screenshot("09-inbox-C-nothing");
      c.open("#/referrals/" + referralId);
      c.until(By.cssSelector("main .error-box"));
      assertThat(c.driver().getPageSource()).doesNotContain(marker);
      String tokenC = c.token();
      assertThat(nodeC.call("GET", "/v1/referrals/" + referralId, null, tokenC).status())
          .isIn(403, 404);
      JsonNode inboxC = nodeC.call("GET", "/v1/inbox?after=0&limit=500", null, tokenC).body();
      assertThat(inboxC.toString()).doesNotContain(referralId);
      assertThat(
              nodeC.call("GET", "/v1/casework/referrals?box=inbox", null, tokenC).body().toString())
          .doesNotContain(referralId);
    }
  }

  /** 1. A's case officer fills the new-referral form, which checks ISO codes as they type. */
  private static String submitInTheBrowser(Browser a, String marker) {
    a.login(net.organization(A), "case-officer");
    a.open("#/referrals/new");
    new Select(a.until(By.id("agreementId"))).selectByValue(agreementId);
    new Select(a.driver().findElement(By.id("typology"))).selectByValue("SPOOFING");
    Select instrument = new Select(a.until(By.id("instrumentClass")));
    List<String> offered =
        instrument.getOptions().stream().map(o -> o.getAttribute("value")).toList();
    // The agreement covers FUTURE and CRYPTO_OPTION: only those and their refinements are offered.
    assertThat(offered)
        .contains("FUTURE", "PERPETUAL_FUTURE", "CRYPTO_OPTION")
        .doesNotContain("SWAP", "SPOT");
    instrument.selectByValue("PERPETUAL_FUTURE");
    assertThat(a.present(By.cssSelector("input[name=dataClasses][value=BANK_RECORDS]"))).isFalse();
    a.driver().findElement(By.cssSelector("input[name=dataClasses][value=TRADE_DATA]")).click();
    a.driver().findElement(By.cssSelector("input[name=purposes][value=INVESTIGATION]")).click();
    a.driver()
        .findElement(By.id("facts"))
        .sendKeys("Layered spoof orders on BTC perpetuals, case " + marker);
    a.driver()
        .findElement(By.id("assistanceSought"))
        .sendKeys("Account holder identity and order logs.");
    a.driver().findElement(By.id("provisionsBreached")).sendKeys("MAR Art. 12(1)(a)");
    a.driver().findElement(By.id("subjectName")).sendKeys("Jane Trader");
    WebElement cfi = a.driver().findElement(By.id("cfi"));
    cfi.sendKeys("ffic1x");
    assertThat(a.until(By.id("cfi-err")).getText()).contains("CFI");
    assertThat(cfi.getAttribute("aria-invalid")).isEqualTo("true");
    a.screenshot("02a-new-referral-A-checks-as-you-type");
    cfi.clear();
    cfi.sendKeys("ffic");
    cfi.sendKeys("sx");
    a.until(d -> d.findElement(By.id("cfi-err")).getText().isEmpty());
    assertThat(cfi.getAttribute("value")).isEqualTo("FFICSX");
    a.driver().findElement(By.id("mic")).sendKeys("XCME");
    a.assertAccessible("new referral");
    a.screenshot("02-new-referral-A");

    // The session ends under the officer's feet (token revoked): submitting leads back to the
    // login page, and after logging in again the half-filled form is back as it was.
    assertThat(nodeA.call("POST", "/v1/auth/logout", null, a.token()).status()).isEqualTo(200);
    a.driver().findElement(By.id("submit-referral")).click();
    assertThat(a.until(By.id("session-notice")).getText()).contains("Log in again");
    a.until(By.name("username")).sendKeys(username(A, "case-officer"));
    a.driver()
        .findElement(By.name("password"))
        .sendKeys(Browser.user(net.organization(A), "case-officer").get("password").asText());
    a.driver().findElement(By.id("login-submit")).click();
    a.until(d -> d.getCurrentUrl().endsWith("#/referrals/new"));
    a.until(d -> d.findElement(By.id("facts")).getAttribute("value").contains(marker));
    assertThat(
            new Select(a.driver().findElement(By.id("instrumentClass")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo("PERPETUAL_FUTURE");
    assertThat(
            a.driver()
                .findElement(By.cssSelector("input[name=dataClasses][value=TRADE_DATA]"))
                .isSelected())
        .isTrue();
    assertThat(a.driver().findElement(By.id("cfi")).getAttribute("value")).isEqualTo("FFICSX");
    a.driver().findElement(By.id("submit-referral")).click();
    String id = a.until(By.id("referral-id")).getText();
    assertThat(id).matches("REF-[0-9a-f]{16}");
    a.until(By.id("timeline"));
    a.screenshot("02b-referral-A-submitted");
    return id;
  }
}
