package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser on the console: Debian's headless Chromium driven through its own chromedriver (no driver
 * download at run time). Without them the console tests are skipped with a message, so {@code ./mvnw verify} works
 * on a machine with only a JDK; CI ({@code .ci/run}) installs both and sets {@code VERSO_E2E_REQUIRE_BROWSER=true},
 * which turns the skip into a failure.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("verso.e2e.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("verso.e2e.chromedriver", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String base;
    private final Path screenshots;

    private ConsoleBrowser(ChromeDriver driver, String base, Path screenshots) {
        this.driver = driver;
        this.base = base;
        this.screenshots = screenshots;
    }

    /** Skips the calling test class (or fails it, under {@code VERSO_E2E_REQUIRE_BROWSER=true}) without Chromium. */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && Boolean.parseBoolean(System.getenv("VERSO_E2E_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("the console tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(installed, "Chromium and chromedriver are not installed (apt-get install chromium "
                + "chromium-driver); the console's browser tests are skipped");
    }

    /** A fresh browser (its own profile, hence its own cookies) on the console at {@code base}, e.g. .../console. */
    static ConsoleBrowser open(String base, Path screenshots) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1440,1000", "--force-device-scale-factor=1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options), base, screenshots);
    }

    void go(String path) {
        driver.get(base + path);
    }

    void signIn(String token) {
        go("/sign-in");
        driver.findElement(By.id("token")).sendKeys(token);
        click("sign-in");
    }

    WebElement find(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The visible element marked {@code data-test="name"}, waited for. */
    WebElement test(String name) {
        return find("[data-test='" + name + "']");
    }

    void click(String name) {
        test(name).click();
    }

    /** Waits until the element marked {@code name} shows {@code text}. */
    void awaitText(String name, String text) {
        awaitText(name, text, WAIT);
    }

    void awaitText(String name, String text, Duration within) {
        new WebDriverWait(driver, within).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-test='" + name + "']"), text));
    }

    /** Moves a range input to {@code value} with the keyboard, as a person would with the slider. */
    void slide(String id, int value) {
        WebElement slider = find("#" + id);
        slider.sendKeys(org.openqa.selenium.Keys.HOME);
        for (int i = 0; i < value; i++) {
            slider.sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
        }
        assertThat(slider.getDomProperty("value")).isEqualTo(Integer.toString(value));
    }

    Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, args);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    String pageSource() {
        return driver.getPageSource();
    }

    /** Messages the page logged at SEVERE: script errors and Content-Security-Policy violations. */
    List<String> errors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Saves the page as {@code name}.png, the window stretched to the page's full height first. */
    void screenshot(String name) throws IOException {
        Dimension window = driver.manage().window().getSize();
        Object height = ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(window.getWidth(), Math.min(3000,
                Math.max(window.getHeight(), ((Number) height).intValue() + 120))));
        try {
            Files.createDirectories(screenshots);
            Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
