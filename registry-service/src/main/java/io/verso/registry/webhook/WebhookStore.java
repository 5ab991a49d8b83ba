package io.verso.registry.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Rows of {@code webhook} and {@code webhook_delivery}. */
@Repository
class WebhookStore {

    private static final TypeReference<List<String>> TYPES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    WebhookStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A webhook with what the outbox and the dispatcher need. */
    record Subscription(long id, String url, String secret, List<String> eventTypes, String createdBy,
                        Instant createdAt) {
        WebhookView view() {
            return new WebhookView(id, url, eventTypes, createdBy, createdAt);
        }
    }

    /** A delivery a dispatcher has claimed: its row is leased to it until the attempt's result is written. */
    record ClaimedDelivery(long id, UUID deliveryId, String eventType, String payload, int attempts, String url,
                           String secret) {
    }

    /** @param secret as stored: sealed by {@link WebhookSecrets} */
    Subscription insert(String url, String secret, List<String> eventTypes, String actor) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(c -> {
            var statement = c.prepareStatement("insert into webhook (url, secret, event_types, created_by) "
                    + "values (?, ?, ?::jsonb, ?)", new String[] {"id"});
            statement.setString(1, url);
            statement.setString(2, secret);
            statement.setString(3, json.writeValueAsString(eventTypes));
            statement.setString(4, actor);
            return statement;
        }, keys);
        return find(keys.getKey().longValue()).orElseThrow();
    }

    Optional<Subscription> find(long id) {
        return jdbc.query("select * from webhook where id = ?", this::subscription, id).stream().findFirst();
    }

    List<Subscription> all() {
        return jdbc.query("select * from webhook order by id", this::subscription);
    }

    void replaceSecret(long id, String secret) {
        jdbc.update("update webhook set secret = ? where id = ?", secret, id);
    }

    boolean delete(long id) {
        return jdbc.update("delete from webhook where id = ?", id) > 0;
    }

    void enqueue(long webhookId, String eventType, String payload) {
        jdbc.update("insert into webhook_delivery (delivery_id, webhook_id, event_type, payload, status, "
                + "next_attempt_at) values (?, ?, ?, ?, 'PENDING', now())", UUID.randomUUID(), webhookId, eventType,
                payload);
    }

    /**
     * Claims the oldest due delivery in one statement (its own transaction): the row lock with SKIP LOCKED keeps two
     * replicas from claiming it together, and moving {@code next_attempt_at} out by {@code lease} keeps it claimed
     * after the commit. If the claiming replica dies, the delivery is due again when the lease ends.
     */
    Optional<ClaimedDelivery> claimNext(Duration lease) {
        return jdbc.query("""
                with claimed as (
                    update webhook_delivery set next_attempt_at = now() + cast(? as double precision) * interval '1 millisecond'
                    where id = (select id from webhook_delivery where status = 'PENDING' and next_attempt_at <= now()
                                order by next_attempt_at, id limit 1 for update skip locked)
                    returning id, delivery_id, webhook_id, event_type, payload, attempts)
                select c.*, w.url, w.secret from claimed c join webhook w on w.id = c.webhook_id
                """, (rs, n) -> new ClaimedDelivery(rs.getLong("id"), rs.getObject("delivery_id", UUID.class),
                rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts"), rs.getString("url"),
                rs.getString("secret")), lease.toMillis()).stream().findFirst();
    }

    void delivered(long id, int httpStatus) {
        jdbc.update("update webhook_delivery set status = 'DELIVERED', attempts = attempts + 1, last_http_status = ?, "
                + "last_error = null, next_attempt_at = null, finished_at = now() where id = ?", httpStatus, id);
    }

    void retryLater(long id, Integer httpStatus, String error, Duration wait) {
        jdbc.update("update webhook_delivery set attempts = attempts + 1, last_http_status = ?, last_error = ?, "
                + "next_attempt_at = now() + cast(? as double precision) * interval '1 millisecond' where id = ?", httpStatus, error,
                wait.toMillis(), id);
    }

    void failed(long id, Integer httpStatus, String error) {
        jdbc.update("update webhook_delivery set status = 'FAILED', attempts = attempts + 1, last_http_status = ?, "
                + "last_error = ?, next_attempt_at = null, finished_at = now() where id = ?", httpStatus, error, id);
    }

    /** Newest first. */
    List<DeliveryView> deliveries(long webhookId, int limit) {
        return jdbc.query("select * from webhook_delivery where webhook_id = ? order by id desc limit ?",
                (rs, n) -> new DeliveryView(rs.getObject("delivery_id", UUID.class), rs.getString("event_type"),
                        rs.getString("status"), rs.getInt("attempts"), (Integer) rs.getObject("last_http_status"),
                        rs.getString("last_error"), instant(rs, "next_attempt_at"), instant(rs, "created_at"),
                        instant(rs, "finished_at")), webhookId, limit);
    }

    private Subscription subscription(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getLong("id"), rs.getString("url"), rs.getString("secret"),
                json.readValue(rs.getString("event_types"), TYPES), rs.getString("created_by"),
                instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
