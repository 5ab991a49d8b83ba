package io.verso.registry.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.testsupport.Archives;
import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The console's edges over real HTTP on the whole registry (PostgreSQL included): sign-in and its cookie, CSRF on
 * every post, the Content-Security-Policy, roles, stale revisions, bad form input, revoked tokens, sign-out, the
 * gateway's forwarded prefix and the live wait. The happy paths in a real browser are e2e's ConsoleIT.
 */
class ConsoleWebTest extends RegistryHttpTest {

    private ConsoleClient signedIn(String role) {
        ConsoleClient client = new ConsoleClient(port);
        ConsoleClient.Page answer = client.signIn(token(role));
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        return client;
    }

    /** A model with version 1 stable and version 2 registered. */
    private String servedModel() {
        String model = newModel();
        uploadHalfPlusTwo(model);
        uploadHalfPlusTwo(model);
        Reply promoted = post(token("deployer"), "/api/v1/models/" + model + "/deployment/promote",
                "{\"version\":1}");
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        return model;
    }

    private long revision(String model) {
        return get(token("viewer"), "/api/v1/models/" + model + "/deployment").json().get("revision").asLong();
    }

    @Test
    void signInSetsAnHttpOnlyStrictCookieThatIsNotTheToken() {
        ConsoleClient client = new ConsoleClient(port);
        assertThat(client.get("/console/models").header("Location")).isEqualTo("/console/sign-in");

        ConsoleClient.Page answer = client.signIn(token("deployer"));
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).isEqualTo("/console/models");
        String cookie = answer.response().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("verso_console=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContain(token("deployer"));
        ConsoleClient.Page models = client.get("/console/models");
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.header("Content-Security-Policy")).contains("script-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(models.body()).doesNotContain("<script>").doesNotContain(token("deployer"));
    }

    @Test
    void signInRefusesUnknownAndMachineTokensAndFormsWithoutACsrfToken() {
        ConsoleClient client = new ConsoleClient(port);
        ConsoleClient.Page unknown = client.signIn("verso_not-a-real-token");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).contains("unknown or revoked");
        ConsoleClient.Page machine = client.signIn(token("machine"));
        assertThat(machine.status()).isEqualTo(401);
        assertThat(machine.body()).contains("machine token is for programs");
        assertThat(client.cookie("verso_console")).isNull();

        ConsoleClient forged = new ConsoleClient(port);
        assertThat(forged.form("/console/sign-in", Map.of("token", token("deployer")), null).status())
                .as("a sign-in posted from another site carries no CSRF token").isEqualTo(403);
        assertThat(forged.cookie("verso_console")).isNull();
    }

    @Test
    void aBearerTokenOpensNoConsolePageAndTheSessionCookieOpensNoApi() {
        ConsoleClient bearer = new ConsoleClient(port);
        assertThat(bearer.get("/console/models", "Authorization", "Bearer " + ADMIN_TOKEN).status()).isEqualTo(302);

        ConsoleClient client = signedIn("admin");
        assertThat(client.get("/api/v1/models").status()).as("the API takes bearer tokens only").isEqualTo(401);
    }

    @Test
    void everyActionNeedsTheSessionsCsrfToken() {
        String model = servedModel();
        ConsoleClient client = signedIn("deployer");
        String csrf = client.get("/console/models/" + model).csrf();
        Map<String, String> canary = Map.of("revision", Long.toString(revision(model)), "version", "2",
                "weight", "10");

        assertThat(client.form("/console/models/" + model + "/deployment/canary", canary, null).status())
                .isEqualTo(403);
        ConsoleClient other = signedIn("deployer");
        assertThat(other.form("/console/models/" + model + "/deployment/canary", canary, csrf).status())
                .as("another session's token").isEqualTo(403);
        assertThat(revision(model)).isEqualTo(Long.parseLong(canary.get("revision")));

        ConsoleClient.Page done = client.form("/console/models/" + model + "/deployment/canary", canary, csrf,
                "HX-Request", "true");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("v2 · 10%").contains("data-revision=\"" + revision(model) + "\"");
        assertThat(lastEvent(model)).contains("CANARY it-deployer");
    }

    @Test
    void aStaleRevisionAnswers409AndExplains() {
        String model = servedModel();
        ConsoleClient client = signedIn("deployer");
        String csrf = client.get("/console/models/" + model).csrf();
        long shown = revision(model);
        post(token("admin"), "/api/v1/models/" + model + "/deployment/canary", "{\"version\":2,\"weight\":50}");

        ConsoleClient.Page stale = client.form("/console/models/" + model + "/deployment/canary",
                Map.of("revision", Long.toString(shown), "version", "2", "weight", "10"), csrf, "HX-Request", "true");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone changed this deployment").contains("reload")
                .contains("revision " + shown);
        assertThat(stale.header("HX-Retarget")).isEqualTo("#deployment-messages");
        assertThat(get(token("viewer"), "/api/v1/models/" + model + "/deployment").json().get("canaryWeight")
                .asInt()).isEqualTo(50);
    }

    @Test
    void badFormInputIsA400NamingTheField() {
        String model = servedModel();
        ConsoleClient client = signedIn("deployer");
        String csrf = client.get("/console/models/" + model).csrf();
        String revision = Long.toString(revision(model));
        String canary = "/console/models/" + model + "/deployment/canary";

        ConsoleClient.Page weight = client.form(canary, Map.of("revision", revision, "version", "2", "weight", "150"),
                csrf, "HX-Request", "true");
        assertThat(weight.status()).isEqualTo(400);
        assertThat(weight.body()).contains("weight");
        ConsoleClient.Page missing = client.form(canary, Map.of("version", "2", "weight", "10"), csrf,
                "HX-Request", "true");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("revision");
        ConsoleClient.Page notANumber = client.form(canary, Map.of("revision", "x", "version", "2", "weight", "10"),
                csrf, "HX-Request", "true");
        assertThat(notANumber.status()).isEqualTo(400);
        ConsoleClient.Page noReason = client.form("/console/models/" + model + "/deployment/rollback",
                Map.of("revision", revision), csrf, "HX-Request", "true");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("needs a reason");
        ConsoleClient.Page longReason = client.form("/console/models/" + model + "/deployment/rollback",
                Map.of("revision", revision, "reason", "x".repeat(1001)), csrf, "HX-Request", "true");
        assertThat(longReason.status()).isEqualTo(400);
        ConsoleClient.Page action = client.form("/console/models/" + model + "/rollout/explode", Map.of(), csrf,
                "HX-Request", "true");
        assertThat(action.status()).isEqualTo(404);
        ConsoleClient.Page noRollout = client.form("/console/models/" + model + "/rollout/pause", Map.of(), csrf,
                "HX-Request", "true");
        assertThat(noRollout.status()).isEqualTo(409);
        assertThat(noRollout.body()).contains("no rollout in progress");
        assertThat(client.get("/console/models?q=" + "x".repeat(201)).status()).isEqualTo(400);
        assertThat(client.get("/console/models?page=-1").status()).isEqualTo(400);
        ConsoleClient.Page unknown = client.get("/console/models/no-such-model");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("no-such-model").contains("Back to the models");
        assertThat(revision(model)).isEqualTo(Long.parseLong(revision));
    }

    @Test
    void aViewerSeesNoControlsAndIsRefusedActionsUploadsAndTokens() {
        String model = servedModel();
        ConsoleClient viewer = signedIn("viewer");
        ConsoleClient.Page page = viewer.get("/console/models/" + model);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-test=\"read-only\"").doesNotContain("hx-post")
                .doesNotContain("data-test=\"upload-form\"");
        String csrf = page.csrf();
        ConsoleClient.Page forged = viewer.form("/console/models/" + model + "/deployment/promote",
                Map.of("revision", Long.toString(revision(model)), "version", "2"), csrf, "HX-Request", "true");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("role does not allow");
        assertThat(viewer.get("/console/tokens").status()).isEqualTo(403);

        ConsoleClient deployer = signedIn("deployer");
        assertThat(deployer.get("/console/tokens").status()).as("tokens are the admin's").isEqualTo(403);
        assertThat(deployer.get("/console/models/" + model).body()).contains("hx-post").doesNotContain("/tokens\"");
    }

    @Test
    void anUploadRegistersAVersionAndAnEmptyOneIsRefused() throws Exception {
        String model = newModel();
        ConsoleClient client = signedIn("deployer");
        String csrf = client.get("/console/models/" + model).csrf();
        String boundary = "console-test";
        byte[] archive = Archives.tarGz(Archives.fixture("saved_model_half_plus_two_cpu"));
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.tar.gz\""
                + "\r\nContent-Type: application/gzip\r\n\r\n").getBytes());
        body.writeBytes(archive);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes());
        ConsoleClient.Page uploaded = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/console/models/" + model + "/versions"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-CSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.body()).contains("Version 1 registered");
        assertThat(get(token("viewer"), "/api/v1/models/" + model + "/versions/1").json().get("createdBy")
                .asString()).isEqualTo("it-deployer");

        ConsoleClient.Page empty = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/console/models/" + model + "/versions"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-CSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n")));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("Choose a SavedModel archive");
    }

    @Test
    void signOutAndRevocationEndTheSessionOnTheServer() {
        ConsoleClient client = signedIn("deployer");
        String session = client.cookie("verso_console");
        String csrf = client.get("/console/models").csrf();
        ConsoleClient.Page out = client.form("/console/sign-out", Map.of(), csrf);
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).isEqualTo("/console/sign-in?signed-out");
        assertThat(client.cookie("verso_console")).isNull();
        ConsoleClient replay = new ConsoleClient(port);
        replay.setCookie("verso_console", session);
        assertThat(replay.get("/console/models").status()).isEqualTo(302);

        Reply created = post(ADMIN_TOKEN, "/api/v1/tokens", "{\"name\":\"console-revoked-" + System.nanoTime()
                + "\",\"role\":\"viewer\"}");
        ConsoleClient revoked = new ConsoleClient(port);
        assertThat(revoked.signIn(created.at("/token")).status()).isEqualTo(302);
        assertThat(revoked.get("/console/models").status()).isEqualTo(200);
        assertThat(call(ADMIN_TOKEN, org.springframework.http.HttpMethod.DELETE, "/api/v1/tokens/"
                + created.at("/name"), null, h -> { }).status()).isEqualTo(204);
        assertThat(revoked.get("/console/models").status()).as("a revoked token's session ends").isEqualTo(302);
    }

    @Test
    void behindTheGatewayPagesAndRedirectsKeepItsPrefixAndIgnoreAForgedOne() {
        ConsoleClient client = new ConsoleClient(port);
        assertThat(client.get("/console/models", "X-Verso-Forwarded-Prefix", "/admin").header("Location"))
                .isEqualTo("/admin/console/sign-in");
        assertThat(client.get("/console/models", "X-Verso-Forwarded-Prefix", "//evil.example").header("Location"))
                .isEqualTo("/console/sign-in");
        assertThat(client.get("/console/sign-in", "X-Verso-Forwarded-Prefix", "/admin").body())
                .contains("action=\"/admin/console/sign-in\"").contains("/admin/console/static/console.css");
        assertThat(client.get("/console/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
        assertThat(client.get("/console/webjars/chart.js/dist/chart.umd.min.js").status()).isEqualTo(200);
    }

    @Test
    void theLiveWaitAnswersWhenTheDeploymentChangesElsewhere() throws Exception {
        String model = servedModel();
        ConsoleClient client = signedIn("viewer");
        ConsoleClient.Page first = client.get("/console/models/" + model + "/live?seen=");
        assertThat(first.status()).as("nothing seen yet: answered at once").isEqualTo(200);
        String seen = first.body().replaceAll(".*\"live\":\"([^\"]+)\".*", "$1");

        CompletableFuture<ConsoleClient.Page> waiting = CompletableFuture.supplyAsync(() ->
                client.get("/console/models/" + model + "/live?seen=" + seen));
        Thread.sleep(300);
        assertThat(waiting).as("nothing changed: still waiting").isNotDone();
        post(token("deployer"), "/api/v1/models/" + model + "/deployment/canary", "{\"version\":2,\"weight\":5}");
        // 200 and the new revision: woken by the change (a wait that runs out answers 204 after 25 s).
        ConsoleClient.Page answer = waiting.get(ModelPagesController.LIVE_WAIT.toSeconds() - 5,
                java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"revision\":" + revision(model));
        assertThat(client.get("/console/models/no-such-model/live?seen=x").status()).isEqualTo(404);
    }

    private String lastEvent(String model) {
        var event = get(token("viewer"), "/api/v1/models/" + model + "/deployment/history?size=1").json()
                .get("items").get(0);
        return event.get("action").asString() + " " + event.get("actor").asString();
    }
}
