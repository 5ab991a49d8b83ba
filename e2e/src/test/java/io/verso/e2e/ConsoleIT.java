package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.localstack.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * The registry's web console in real headless Chromium, against the whole platform (registry on PostgreSQL, an
 * inference pod, the gateway), started once for all steps. A deployer signs in, starts a canary at 10% with the
 * slider and the gateway answers from both versions; promotes; rolls back with a reason that the audit trail then
 * shows. A second deployer, signed in through the gateway's {@code /admin/console}, promotes while the first one's
 * page is open: the first page learns of it within moments and its stale action answers 409 with the explanation.
 * A viewer sees no action controls and a forged action is refused; an upload shows its progress; sign-out ends the
 * session on the server. Each page is saved as a screenshot ({@code -Dverso.console.screenshots=docs/console}
 * writes them where the docs show them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final String MODEL = Platform.HALF_PLUS_TWO;
    private static final String PREDICT = "/v1/models/" + MODEL + ":predict";
    private static final String BODY = "{\"instances\": [[1.0], [5.0]]}";
    private static final Path SCREENSHOTS = Path.of(System.getProperty("verso.console.screenshots",
            "target/console-screenshots"));
    /**
     * Well below the live wait's 25 s, so only the change's notification can have shown it; the figure itself (well
     * under a second on an idle machine) is printed, not asserted, as timings on a shared CI machine vary.
     */
    private static final Duration LIVE = Duration.ofSeconds(10);

    @TempDir
    static Path work;

    static Platform platform;
    static Map<String, String> tokens;
    static ConsoleBrowser alice;
    static ConsoleBrowser bob;

    @BeforeAll
    static void startThePlatform() throws Exception {
        ConsoleBrowser.assumeInstalled();
        // Pods summarise their monitoring every second (default 15 s), so the evidence charts have data at once.
        platform = Platform.start(work, "ConsoleIT", 1, new Platform.Settings(List.of(),
                List.of("--verso.inference.monitoring.summary.interval=1s")));
        platform.serveVersionOne(MODEL, 1);
        platform.upload(MODEL, "2");
        for (String other : List.of("fraud-detector", "churn-forecast")) {
            assertThat(platform.admin().post("/api/v1/models", "{\"name\": \"" + other
                    + "\", \"description\": \"registered, not yet deployed\"}").status()).isEqualTo(201);
        }
        tokens = Map.of("alice", token("alice", "deployer"), "bob", token("bob", "deployer"),
                "victor", token("victor", "viewer"));
        alice = ConsoleBrowser.open(platform.admin().base() + "/console", SCREENSHOTS);
    }

    @AfterAll
    static void stopThePlatform() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {alice, bob, platform}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    @Order(1)
    void aDeployerSignsInWithATokenAndSeesTheModels() throws Exception {
        alice.go("/models");
        assertThat(alice.url()).as("unsigned visitors go to the sign-in form").endsWith("/console/sign-in");
        alice.screenshot("sign-in");
        alice.signIn(tokens.get("alice"));
        alice.find("tr[data-model='" + MODEL + "']");
        assertThat(alice.test("role").getText()).isEqualTo("deployer");
        assertThat(alice.find("tr[data-model='" + MODEL + "'] .badge-stable").getText()).isEqualTo("v1");

        Cookie session = alice.cookie("verso_console");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getValue()).doesNotContain(tokens.get("alice"));
        assertThat((String) alice.script("arguments[arguments.length - 1](document.cookie + JSON.stringify(localStorage) "
                + "+ JSON.stringify(sessionStorage))")).doesNotContain(tokens.get("alice")).doesNotContain(session.getValue());
        alice.screenshot("models");
    }

    @Test
    @Order(2)
    void aCanaryAtTenPercentFromTheSliderReachesBothVersionsThroughTheGateway() throws Exception {
        alice.go("/models/" + MODEL);
        alice.test("canary-form").findElement(By.cssSelector("option[value='2']")).click();
        alice.slide("canary-weight", 10);
        alice.click("start-canary");
        alice.awaitText("notice", "10%");
        assertThat(alice.test("canary").getText()).isEqualTo("v2 · 10%");

        platform.awaitGatewayRoute(MODEL, route -> route.get("canaryWeight").asInt() == 10
                && Platform.endpoints(route, 2).size() == 1, "the gateway sends 10% to version 2");
        Set<String> versions = new HashSet<>();
        for (int i = 0; i < 2_000 && versions.size() < 2; i++) {
            Http.Answer answer = platform.client().post(PREDICT, BODY);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            versions.add(answer.header("X-Verso-Model-Version"));
        }
        assertThat(versions).containsExactlyInAnyOrder("1", "2");
        alice.go("/models/" + MODEL);
        alice.test("audit");
        // Traffic while the charts take a few looks (one every 5 s), so the screenshot shows both versions' lines.
        long until = System.nanoTime() + Duration.ofSeconds(11).toNanos();
        while (System.nanoTime() < until) {
            platform.client().post(PREDICT, BODY);
        }
        alice.screenshot("model-canary");
        assertThat(alice.errors()).as("script errors or Content-Security-Policy violations").isEmpty();
    }

    @Test
    @Order(3)
    void promoteThenRollBackWithAReasonThatTheAuditTrailShows() throws Exception {
        alice.click("promote");
        alice.awaitText("notice", "Promoted");
        assertThat(alice.test("stable").getText()).isEqualTo("v2");
        platform.awaitGatewayRoute(MODEL, route -> route.get("stableVersion").asLong() == 2
                && route.get("canaryVersion").isNull(), "the gateway sends everything to version 2");

        String reason = "p99 latency regressed in the console test";
        alice.test("rollback-form").findElement(By.name("reason")).sendKeys(reason);
        alice.click("rollback");
        alice.awaitText("notice", "Rolled back");
        assertThat(alice.test("stable").getText()).isEqualTo("v1");
        alice.awaitText("audit", reason);
        assertThat(alice.find("[data-test='audit'] li[data-action='ROLLBACK']").getText())
                .contains("alice").contains("stable 2 → 1").contains(reason);
        assertThat(platform.admin().get("/api/v1/models/" + MODEL + "/deployment/history").json()
                .get("items").get(0).get("reason").stringValue()).isEqualTo(reason);
        alice.screenshot("model-audit");
    }

    @Test
    @Order(4)
    void aSecondBrowsersPromoteMakesTheFirstOnesStaleActionAnswer409() throws Exception {
        platform.transition(MODEL, "canary", "{\"version\": 2, \"weight\": 20}");
        alice.go("/models/" + MODEL);
        alice.awaitText("canary", "v2 · 20%");

        // Bob works through the gateway's /admin prefix: cookies, redirects and links all pass through it.
        bob = ConsoleBrowser.open(platform.client().base() + "/admin/console", SCREENSHOTS);
        bob.signIn(tokens.get("bob"));
        assertThat(bob.url()).contains("/admin/console/models");
        bob.find("a.model-link[href$='/admin/console/models/" + MODEL + "']").click();
        bob.click("promote");
        long promoted = System.nanoTime();
        bob.awaitText("notice", "Promoted");

        alice.test("changed");
        long seen = System.nanoTime();
        System.out.printf("[console] the other page showed the change %d ms after the promote was clicked%n",
                Duration.ofNanos(seen - promoted).toMillis());
        assertThat(Duration.ofNanos(seen - promoted)).isLessThan(LIVE);

        alice.test("rollback-form").findElement(By.name("reason")).sendKeys("acting on what I saw");
        alice.click("rollback");
        alice.awaitText("error", "Someone changed this deployment");
        assertThat(alice.test("error").getText()).contains("reload").contains("revision");
        alice.screenshot("model-conflict");
        assertThat(platform.admin().get("/api/v1/models/" + MODEL + "/deployment").json().get("stableVersion")
                .asLong()).as("the stale rollback changed nothing").isEqualTo(2);

        alice.click("reload");
        alice.awaitText("stable", "v2");
        assertThat(alice.all("[data-test='changed']").get(0).isDisplayed()).isFalse();
    }

    @Test
    @Order(5)
    void aViewerSeesNoActionControlsAndAForgedActionIsRefused() throws Exception {
        try (ConsoleBrowser victor = ConsoleBrowser.open(platform.admin().base() + "/console", SCREENSHOTS)) {
            victor.signIn(tokens.get("victor"));
            victor.go("/models/" + MODEL);
            victor.test("read-only");
            assertThat(victor.all("[data-test='actions'], [data-test='upload-form'], form[hx-post], button[hx-post]"))
                    .isEmpty();
            long revision = platform.admin().get("/api/v1/models/" + MODEL + "/deployment").json().get("revision")
                    .asLong();
            // The forged request carries the viewer's own session and CSRF token: only the role is missing.
            Object status = victor.script("""
                    const done = arguments[arguments.length - 1];
                    const header = document.querySelector('meta[name=csrf-header]').content;
                    const token = document.querySelector('meta[name=csrf-token]').content;
                    fetch(location.pathname + '/deployment/rollback', {method: 'POST', headers: {[header]: token,
                        'Content-Type': 'application/x-www-form-urlencoded'}, body: 'revision=%d&reason=forged'})
                      .then(r => done(r.status), e => done(String(e)));
                    """.formatted(revision));
            assertThat(status).isEqualTo(403L);
            Http.Answer api = new Http(platform.admin().base(), tokens.get("victor"))
                    .post("/api/v1/models/" + MODEL + "/deployment/rollback", "{\"reason\": \"forged\"}");
            assertThat(api.status()).isEqualTo(403);
            assertThat(platform.admin().get("/api/v1/models/" + MODEL + "/deployment").json().get("revision")
                    .asLong()).isEqualTo(revision);
            victor.screenshot("model-viewer");
        }
    }

    @Test
    @Order(6)
    void anUploadShowsItsProgressAndRegistersTheVersion() throws Exception {
        Path archive = Files.write(work.resolve("upload.tar.gz"), platform.archive(MODEL, "3"));
        alice.go("/models/" + MODEL);
        alice.test("upload-form").findElement(By.name("file")).sendKeys(archive.toAbsolutePath().toString());
        alice.click("upload");
        alice.awaitText("upload-status", "Version 3 registered");
        assertThat(alice.find("#upload-progress").getDomProperty("value")).isEqualTo("100");
        alice.find("#versions tr[data-version='3']");
        assertThat(platform.admin().get("/api/v1/models/" + MODEL + "/versions/3").json().get("createdBy")
                .stringValue()).isEqualTo("alice");
    }

    @Test
    @Order(7)
    void anAdminManagesTokens() throws Exception {
        try (ConsoleBrowser admin = ConsoleBrowser.open(platform.admin().base() + "/console", SCREENSHOTS)) {
            admin.signIn(Platform.ADMIN_TOKEN);
            admin.go("/tokens");
            admin.find("#name").sendKeys("ci-pipeline");
            admin.find("#role option[value='publisher']").click();
            admin.click("issue");
            String secret = admin.test("secret").getText();
            assertThat(secret).startsWith("verso_");
            assertThat(new Http(platform.admin().base(), secret).get("/api/v1/models/" + MODEL).status())
                    .isEqualTo(200);
            admin.screenshot("tokens");
        }
    }

    @Test
    @Order(8)
    void signOutEndsTheSessionOnTheServer() throws Exception {
        alice.go("/models");
        String session = alice.cookie("verso_console").getValue();
        assertThat(pageStatus(session)).isEqualTo(200);
        alice.click("sign-out");
        alice.test("signed-out");
        assertThat(alice.cookie("verso_console")).isNull();
        // The old cookie, replayed by hand, opens nothing: the session is gone on the server, not only in the browser.
        assertThat(pageStatus(session)).isEqualTo(302);
    }

    private static int pageStatus(String session) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.admin().base() + "/console/models"))
                .header("Cookie", "verso_console=" + session).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String token(String name, String role) throws Exception {
        Http.Answer answer = platform.admin().post("/api/v1/tokens", "{\"name\": \"" + name + "\", \"role\": \""
                + role + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("token").stringValue();
    }
}
