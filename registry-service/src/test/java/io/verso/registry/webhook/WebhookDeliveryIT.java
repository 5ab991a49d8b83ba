package io.verso.registry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import io.verso.registry.webhook.WebhookReceiver.Received;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end on a real receiver: signed, retried after failures, in event order, with a delivery log. The
 * receiver may also get other tests' events (webhooks see every model), so assertions pick this test's model.
 */
class WebhookDeliveryIT extends RegistryHttpTest {

    private static final String SECRET = "it-webhook-secret-0123456789";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebhookService webhooks;

    @Test
    void aReceiverThatFailsTwiceGetsTheThirdAttemptSignedAndTheLogShowsThreeAttempts() {
        try (WebhookReceiver receiver = new WebhookReceiver(2)) {
            long webhook = createWebhook(receiver.url(), "[\"version.registered\"]");
            assertThat(storedSecret(webhook)).as("encrypted in the database").startsWith("v1:").doesNotContain(SECRET);
            try {
                assertRetriedDelivery(receiver, webhook);
            } finally {
                deleteWebhook(webhook);
            }
        }
    }

    private void assertRetriedDelivery(WebhookReceiver receiver, long webhook) {
        String model = newModel();
        uploadHalfPlusTwo(model);

        Received delivered = await(() -> forModel(receiver, model).stream().findFirst().orElse(null));
        JsonNode log = await(() -> {
            JsonNode entries = get(ADMIN_TOKEN, "/api/v1/webhooks/" + webhook + "/deliveries").json();
            for (JsonNode entry : entries) {
                if (entry.get("deliveryId").asString().equals(delivered.delivery())
                        && entry.get("status").asString().equals("DELIVERED")) {
                    return entry;
                }
            }
            return null;
        });
        JsonNode body = JSON.readTree(delivered.body());

        assertThat(receiver.attempts(delivered.delivery())).isEqualTo(3);
        assertThat(delivered.event()).isEqualTo("version.registered");
        assertThat(delivered.signature()).isEqualTo("sha256=" + hmac(SECRET,
                delivered.timestamp() + "." + delivered.body()));
        assertThat(Long.parseLong(delivered.timestamp()))
                .isBetween(Instant.now().minus(PATIENCE).getEpochSecond(), Instant.now().getEpochSecond() + 1);
        assertThat(body.get("type").asString()).isEqualTo("version.registered");
        assertThat(body.at("/data/version").asLong()).isEqualTo(1);
        assertThat(body.at("/data/actor").asString()).isEqualTo("it-deployer");
        assertThat(log.get("attempts").asInt()).isEqualTo(3);
        assertThat(log.get("lastHttpStatus").asInt()).isEqualTo(204);
        assertThat(log.get("lastError").isNull()).isTrue();
        assertThat(log.get("nextAttemptAt").isNull()).isTrue();
        assertThat(log.get("eventType").asString()).isEqualTo("version.registered");
    }

    @Test
    void registerPromoteCanaryPromoteRollbackArriveInOrderWithTheAuditFields() {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            long webhook = createWebhook(receiver.url(), null);
            try {
                String model = newModel();
                uploadHalfPlusTwo(model);
                uploadHalfPlusTwo(model);
                transition(model, "promote", "{\"version\":1}");
                transition(model, "canary", "{\"version\":2,\"weight\":20,\"reason\":\"try v2\"}");
                transition(model, "promote", "{}");
                transition(model, "rollback", "{\"reason\":\"bad latency\"}");

                List<Received> received = await(() -> {
                    List<Received> mine = forModel(receiver, model);
                    return mine.size() >= 6 ? mine : null;
                });

                assertThat(received).extracting(Received::event).containsExactly("version.registered",
                        "version.registered", "deployment.promote", "deployment.canary", "deployment.promote",
                        "deployment.rollback");
                JsonNode canary = JSON.readTree(received.get(3).body());
                JsonNode rollback = JSON.readTree(received.get(5).body());
                assertThat(canary.at("/data/toCanary").asLong()).isEqualTo(2);
                assertThat(canary.at("/data/toWeight").asInt()).isEqualTo(20);
                assertThat(canary.at("/data/reason").asString()).isEqualTo("try v2");
                assertThat(canary.at("/data/revision").asLong()).isEqualTo(2);
                assertThat(rollback.at("/data/actor").asString()).isEqualTo("it-deployer");
                assertThat(rollback.at("/data/reason").asString()).isEqualTo("bad latency");
                assertThat(rollback.at("/data/fromStable").asLong()).isEqualTo(2);
                assertThat(rollback.at("/data/toStable").asLong()).isEqualTo(1);
                assertThat(rollback.at("/data/revision").asLong()).isEqualTo(4);
                assertThat(received).allSatisfy(r -> assertThat(r.signature())
                        .isEqualTo("sha256=" + hmac(SECRET, r.timestamp() + "." + r.body())));
            } finally {
                deleteWebhook(webhook);
            }
        }
    }

    /** As a registry from before encryption left it: the next start seals it, and deliveries are signed with it. */
    @Test
    void aSecretStoredInClearIsEncryptedOnStartAndStillSignsDeliveries() {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            long webhook = insertWebhook(receiver.url(), SECRET);
            try {
                webhooks.sealSecretsStoredInClear();

                assertThat(storedSecret(webhook)).startsWith("v1:").doesNotContain(SECRET);
                String model = newModel();
                uploadHalfPlusTwo(model);
                Received delivered = await(() -> forModel(receiver, model).stream().findFirst().orElse(null));
                assertThat(delivered.signature()).isEqualTo("sha256=" + hmac(SECRET,
                        delivered.timestamp() + "." + delivered.body()));
            } finally {
                deleteWebhook(webhook);
            }
        }
    }

    /** The key was changed under a stored secret: its deliveries fail at once, saying why, and nothing is sent. */
    @Test
    void aSecretSealedWithAnotherKeyFailsItsDeliveriesWithTheReason() {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            WebhookSecrets otherKey = new WebhookSecrets(new WebhookSettings(1, Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), "another-key-0123456789", null));
            long webhook = insertWebhook(receiver.url(), otherKey.seal(SECRET));
            try {
                uploadHalfPlusTwo(newModel());

                JsonNode failed = await(() -> {
                    JsonNode entries = get(ADMIN_TOKEN, "/api/v1/webhooks/" + webhook + "/deliveries").json();
                    return entries.isEmpty() || !entries.get(0).get("status").asString().equals("FAILED")
                            ? null : entries.get(0);
                });
                assertThat(failed.get("lastError").asString()).isEqualTo("the webhook's secret cannot be decrypted:"
                        + " it was sealed with another key (verso.registry.webhooks.secret-key changed?)");
                assertThat(failed.get("attempts").asInt()).isEqualTo(1);
                assertThat(receiver.accepted()).isEmpty();
            } finally {
                deleteWebhook(webhook);
            }
        }
    }

    private long insertWebhook(String url, String storedSecret) {
        return jdbc.queryForObject("insert into webhook (url, secret, event_types, created_by)"
                + " values (?, ?, '[\"version.registered\"]'::jsonb, 'it') returning id", Long.class, url, storedSecret);
    }

    private String storedSecret(long webhook) {
        return jdbc.queryForObject("select secret from webhook where id = ?", String.class, webhook);
    }

    @Test
    void theSecretIsShownOnceAndBadRegistrationsAreRefusedNamingTheField() {
        Reply created = post(ADMIN_TOKEN, "/api/v1/webhooks", "{\"url\":\"https://ci.example/hook\"}");
        long id = created.json().get("id").asLong();
        Reply list = get(ADMIN_TOKEN, "/api/v1/webhooks");
        Reply scheme = post(ADMIN_TOKEN, "/api/v1/webhooks", "{\"url\":\"file:///etc/passwd\"}");
        Reply shortSecret = post(ADMIN_TOKEN, "/api/v1/webhooks", "{\"url\":\"http://x.example\",\"secret\":\"abc\"}");
        Reply metadata = post(ADMIN_TOKEN, "/api/v1/webhooks", "{\"url\":\"http://169.254.169.254/latest\"}");
        Reply badType = post(ADMIN_TOKEN, "/api/v1/webhooks",
                "{\"url\":\"http://x.example\",\"eventTypes\":[\"everything\"]}");
        Reply deleted = call(ADMIN_TOKEN, HttpMethod.DELETE, "/api/v1/webhooks/" + id, null, h -> { });
        Reply again = call(ADMIN_TOKEN, HttpMethod.DELETE, "/api/v1/webhooks/" + id, null, h -> { });

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.at("/secret")).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(list.text()).contains("https://ci.example/hook").doesNotContain(created.at("/secret"))
                .doesNotContain("secret");
        assertThat(scheme.status()).isEqualTo(400);
        assertThat(scheme.toString()).contains("url").contains("must be an http:// or https:// URL");
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.at("/field")).isEqualTo("url");
        assertThat(metadata.at("/detail")).startsWith("host '169.254.169.254' is 169.254.169.254, a link-local");
        assertThat(shortSecret.status()).isEqualTo(400);
        assertThat(shortSecret.toString()).contains("secret");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.toString()).contains("eventTypes");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.at("/detail")).isEqualTo("no webhook has id " + id);
    }

    private long createWebhook(String url, String eventTypes) {
        Reply created = post(ADMIN_TOKEN, "/api/v1/webhooks", "{\"url\":\"" + url + "\",\"secret\":\"" + SECRET + "\""
                + (eventTypes == null ? "" : ",\"eventTypes\":" + eventTypes) + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.at("/secret")).isEqualTo(SECRET);
        return created.json().get("id").asLong();
    }

    private void transition(String model, String action, String body) {
        Reply reply = post(token("deployer"), "/api/v1/models/" + model + "/deployment/" + action, body);
        assertThat(reply.status()).as(action + ": " + reply).isEqualTo(200);
    }

    private void deleteWebhook(long id) {
        assertThat(call(ADMIN_TOKEN, HttpMethod.DELETE, "/api/v1/webhooks/" + id, null, h -> { }).status())
                .isEqualTo(204);
    }

    private static List<Received> forModel(WebhookReceiver receiver, String model) {
        return receiver.accepted().stream()
                .filter(r -> JSON.readTree(r.body()).get("model").asString().equals(model)).toList();
    }

    /** Polls until {@code probe} answers non-null; generous, since CI machines are slow and retries wait. */
    private static <T> T await(Supplier<T> probe) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
        throw new AssertionError("condition not met within " + PATIENCE);
    }

    /** What a receiver computes: HMAC-SHA256 of "timestamp.body" with the shared secret, in hex. */
    private static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
