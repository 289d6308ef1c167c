package org.regnet.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.regnet.node.Node;
import org.regnet.node.TestConfigs;
import org.regnet.node.TestHttp;
import org.regnet.node.config.NodeConfigLoader;

/**
 * Swagger UI at {@code /v1/docs} in a real headless Chromium: it renders the node's operations from
 * the node's own files, under the node's Content-Security-Policy, without one violation.
 */
class SwaggerUiBrowserTest {
  @TempDir static Path dir;
  private static Node node;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Path cfg = TestConfigs.write(dir, "");
    node = new Node(NodeConfigLoader.load(cfg, Map.of("REGNET_NODE_SECRET", TestConfigs.SECRET)));
    port = node.startHttp(TestHttp.emptyLedger()).getPort();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void swagger_ui_renders_the_operations_under_the_strict_policy_with_no_violation() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
    options.setAcceptInsecureCerts(true); // the test CA is not the browser's
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver chrome =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .build(),
            options);
    try {
      chrome.get("https://localhost:" + port + "/v1/docs");
      new WebDriverWait(chrome, Duration.ofSeconds(60))
          .until(d -> d.findElements(By.cssSelector(".opblock")).size() > 20);
      assertThat(chrome.findElement(By.cssSelector(".info .title")).getText())
          .contains("regnet authority node API");
      assertThat(chrome.findElements(By.cssSelector(".opblock-summary-path")))
          .extracting(e -> e.getAttribute("data-path"))
          .contains("/v1/referrals", "/v1/inbox/stream-ticket");
      List<String> violations =
          chrome.manage().logs().get(LogType.BROWSER).getAll().stream()
              .map(LogEntry::getMessage)
              .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
              .toList();
      assertThat(violations).isEmpty();
    } finally {
      chrome.quit();
    }
  }
}
