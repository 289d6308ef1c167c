package org.regnet.systemtest.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, see scripts/install-browser.sh)
 * driven by Selenium through {@code /usr/bin/chromedriver} given explicitly, so Selenium Manager
 * never downloads anything. The node's certificate comes from the network's own test CA, which the
 * browser is told to accept. Helpers: log in, wait, screenshot, and axe-core from its npm file.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebDriver driver;
  private final String base;
  private final Path shots;
  private final org.openqa.selenium.support.ui.FluentWait<WebDriver> wait;

  public Browser(String baseUrl, Path screenshots, Path downloads) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1366,900",
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
        "--no-first-run",
        "--disable-extensions",
        "--disable-sync",
        "--disable-component-update",
        "--disable-default-apps",
        "--metrics-recording-only");
    options.setAcceptInsecureCerts(true);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toAbsolutePath().toString(),
            "download.prompt_for_download",
            false));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    // Headless downloads go where the test looks for them.
    chrome.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    this.driver = chrome;
    this.base = baseUrl;
    this.shots = screenshots;
    // The app re-renders lists when data arrives: an element found by one poll may be replaced
    // before the same poll asks whether it is displayed. The next poll finds the new one.
    this.wait =
        new WebDriverWait(driver, Duration.ofSeconds(90))
            .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  public static boolean installed() {
    return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
  }

  public WebDriver driver() {
    return driver;
  }

  public String base() {
    return base;
  }

  /** Opens a page of the app by its hash route. */
  public void open(String hash) {
    String url = base + "/" + hash;
    if (driver.getCurrentUrl().startsWith(base + "/")) {
      js("location.hash = arguments[0];", hash);
    } else {
      driver.get(url);
    }
  }

  /** Logs in through the login form as the demo user with {@code role} of {@code org}. */
  public void login(JsonNode org, String role) {
    JsonNode user = user(org, role);
    driver.get(base + "/#/login");
    WebElement name = until(By.name("username"));
    name.clear();
    name.sendKeys(user.get("username").asText());
    driver.findElement(By.name("password")).sendKeys(user.get("password").asText());
    driver.findElement(By.id("login-submit")).click();
    until(By.id("whoami"));
  }

  public void logout() {
    driver.findElement(By.id("logout")).click();
    until(By.id("login-submit"));
  }

  public static JsonNode user(JsonNode org, String role) {
    for (JsonNode u : org.get("users")) {
      if (u.get("role").asText().equals(role)) {
        return u;
      }
    }
    throw new IllegalArgumentException("no demo user with role " + role);
  }

  public WebElement until(By by) {
    return wait.until(
        d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  public <T> T until(ExpectedCondition<T> condition) {
    return wait.until(condition);
  }

  public boolean present(By by) {
    return !driver.findElements(by).isEmpty();
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The bearer token the app holds in this tab (to force actions through the API). */
  public String token() {
    return (String) js("return sessionStorage.getItem('regnet.token');");
  }

  /**
   * Saves a screenshot of the whole page (up to 2400 pixels high) from the top, as a reader of
   * docs/ui.md would see it, then restores the laptop-sized window.
   */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(shots);
      Path file = shots.resolve(name + ".png");
      long height = (Long) js("return Math.ceil(document.documentElement.scrollHeight);");
      Dimension laptop = driver.manage().window().getSize();
      driver
          .manage()
          .window()
          .setSize(new Dimension(laptop.getWidth(), (int) Math.min(2400, height + 150)));
      js("window.scrollTo(0, 0);");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      driver.manage().window().setSize(laptop);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs axe-core (read from its npm package file and injected into the page) and asserts no
   * serious or critical violation.
   */
  public void assertAccessible(String page) {
    String axe = axeSource();
    js(axe);
    Object raw =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {resultTypes: ['violations']})"
                    + ".then(r => done(JSON.stringify(r.violations)))"
                    + ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])));");
    List<String> bad = new ArrayList<>();
    try {
      for (JsonNode v : JSON.readTree((String) raw)) {
        String impact = v.path("impact").asText();
        if (impact.equals("serious") || impact.equals("critical")) {
          List<String> where = new ArrayList<>();
          v.path("nodes").forEach(n -> where.add(n.path("target").toString()));
          bad.add(
              v.path("id").asText()
                  + " ("
                  + impact
                  + "): "
                  + v.path("help").asText()
                  + " at "
                  + where);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(bad).as("axe-core serious or critical violations on " + page).isEmpty();
  }

  private static String axeSource() {
    String path = System.getProperty("regnet.axeScript");
    Path file =
        path != null
            ? Path.of(path)
            : TestNetwork.projectRoot()
                .resolve("system-tests/target/browser/node_modules/axe-core/axe.min.js");
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "axe-core not installed (npm ci in target/browser): " + file, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
