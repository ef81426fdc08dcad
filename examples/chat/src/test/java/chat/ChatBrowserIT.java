package chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two real browsers chatting: Debian's headless Chromium, driven through its own chromedriver,
 * against {@code target/chat.jar} started as a user starts it. Selenium is given both paths, so
 * Selenium Manager never runs and nothing is downloaded.
 *
 * <p>Without {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} the test fails and says
 * how to install them ({@code .ci/run} does); {@code -DskipBrowserTests} skips it instead.
 */
class ChatBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path JAR = Path.of("target", "chat.jar").toAbsolutePath();
    /** Generous: two browsers and the server share two cores with whatever else runs. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern READY = Pattern.compile(" is ready to lead at http://127\\.0\\.0\\.1:(\\d+)");

    private static final boolean SKIPPED = Boolean.getBoolean("skipBrowserTests");

    private static Process app;
    private static final List<String> appOutput = new ArrayList<>();
    private static String baseUrl;

    @TempDir
    static Path profiles;

    @BeforeAll
    static void startTheChat() throws Exception {
        if (SKIPPED) return; // reported per test, below
        List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER)
                .filter(tool -> !Files.isExecutable(tool)).map(Path::toString).toList();
        if (!missing.isEmpty()) {
            fail("The chat's browser test needs Debian's Chromium and its driver, but " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing. Install them with "
                    + "'apt-get install -y chromium chromium-driver' (.ci/run does), or skip this test with "
                    + "-DskipBrowserTests.");
        }
        assertThat(JAR).as("the chat jar (built by 'package')").isRegularFile();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());

        app = new ProcessBuilder(javaBinary(), "-jar", JAR.toString(), "--bind", "127.0.0.1", "--port", "0")
                .redirectErrorStream(true)
                .start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> readOutput(port));
        try {
            baseUrl = "http://127.0.0.1:" + port.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            fail("chat.jar did not start within " + WAIT + "; its output:\n" + output(), e);
        }
    }

    @BeforeEach
    void unlessSkipped() {
        assumeFalse(SKIPPED, "Browser test skipped: -DskipBrowserTests is set");
    }

    @AfterAll
    static void stopTheChat() throws InterruptedException {
        if (app == null) return;
        app.destroy();
        if (!app.waitFor(15, TimeUnit.SECONDS)) {
            app.destroyForcibly();
            app.waitFor(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoBrowsersInOneRoomSeeEachOthersMessagesAsText() {
        WebDriver alice = browser("alice");
        try {
            WebDriver bob = browser("bob");
            try {
                join(alice, "Alice", "lobby");
                waitForText(alice, By.id("status"), "In #lobby as Alice. Nobody else is here yet.");

                // A name with markup: shown as text wherever it appears.
                join(bob, "<i>Bob</i>", "lobby");
                waitForText(bob, By.id("status"), "In #lobby as <i>Bob</i>. Also here: Alice");
                waitForItem(alice, "notice", "<i>Bob</i> joined");

                say(alice, "Hello Bob");
                waitForItem(bob, "message", "Alice: Hello Bob");
                waitForItem(alice, "mine", "Alice: Hello Bob");

                String attack = "<script>window.chatPwned = true</script><img src=x onerror=\"window.chatPwned = true\">";
                say(bob, attack);
                waitForItem(alice, "message", "<i>Bob</i>: " + attack);
                for (WebDriver page : List.of(alice, bob)) {
                    assertThat(page.findElements(By.cssSelector("#messages script, #messages img, #messages i, #status i")))
                            .as("elements made from user text").isEmpty();
                    assertThat(((JavascriptExecutor) page).executeScript("return typeof window.chatPwned"))
                            .as("whether the message's script ran").isEqualTo("undefined");
                }

                // Bob goes away: his socket closes, and Alice is told.
                bob.get("about:blank");
                waitForItem(alice, "notice", "<i>Bob</i> left");
            } finally {
                bob.quit();
            }
        } finally {
            alice.quit();
        }
    }

    // ---- the page ---------------------------------------------------------------------------

    private static void join(WebDriver page, String name, String room) {
        page.get(baseUrl + "/");
        WebElement nameField = page.findElement(By.id("name"));
        nameField.clear();
        nameField.sendKeys(name);
        WebElement roomField = page.findElement(By.id("room"));
        roomField.clear();
        roomField.sendKeys(room);
        page.findElement(By.id("join-button")).click();
    }

    private static void say(WebDriver page, String text) {
        WebElement message = new WebDriverWait(page, WAIT).until(d -> {
            WebElement field = d.findElement(By.id("message"));
            return field.isDisplayed() ? field : null;
        });
        message.sendKeys(text);
        page.findElement(By.id("send")).click();
    }

    private static void waitForText(WebDriver page, By element, String text) {
        try {
            new WebDriverWait(page, WAIT).until(d -> d.findElement(element).getText().equals(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected " + element + " to read '" + text + "' but it reads '"
                    + page.findElement(element).getText() + "'", e);
        }
    }

    /** Waits for a line of the given kind (message, mine, notice) whose text is exactly {@code text}. */
    private static void waitForItem(WebDriver page, String kind, String text) {
        By items = By.cssSelector("#messages li." + kind);
        try {
            new WebDriverWait(page, WAIT).until(d ->
                    d.findElements(items).stream().anyMatch(item -> item.getText().equals(text)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no '" + kind + "' line reading '" + text + "'; the lines are "
                    + page.findElements(By.cssSelector("#messages li")).stream().map(WebElement::getText).toList(), e);
        }
    }

    // ---- browsers and the app ---------------------------------------------------------------

    /** A headless Chromium with a fresh profile of its own. */
    private static WebDriver browser(String profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profiles.resolve(profile));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver-" + profile + ".log"))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        return driver;
    }

    private static void readOutput(CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (appOutput) {
                    appOutput.add(line);
                }
                Matcher ready = READY.matcher(line);
                if (ready.find()) port.complete(Integer.parseInt(ready.group(1)));
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("chat.jar exited"));
    }

    private static String output() {
        synchronized (appOutput) {
            return String.join("\n", appOutput);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
