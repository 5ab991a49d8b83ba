package io.verso.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The Redis-backed limiter against a real Redis on 127.0.0.1:6379; skipped, with the reason in the report, where
 * none runs. (The in-memory limiter, the default, is tested always.)
 */
class RedisRateLimiterIT {

    private LettuceConnectionFactory connections;
    private ReactiveStringRedisTemplate redis;
    private final String prefix = "verso:test:" + UUID.randomUUID() + ":";

    @BeforeEach
    void connect() {
        assumeTrue(redisListening(), "no Redis on 127.0.0.1:6379: the Redis-backed rate limiter test is skipped");
        connections = new LettuceConnectionFactory("127.0.0.1", 6379);
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
    }

    @AfterEach
    void disconnect() {
        if (connections != null) {
            connections.destroy();
        }
    }

    @Test
    void twoGatewaysShareOneLimitPerClient() {
        ClientRateLimiter first = new RedisRateLimiter(redis, prefix, 2, 2);
        ClientRateLimiter second = new RedisRateLimiter(redis, prefix, 2, 2);

        assertThat(first.acquire("key:a").block().allowed()).isTrue();
        assertThat(second.acquire("key:a").block().allowed()).isTrue();
        RateLimitDecision refused = first.acquire("key:a").block();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(second.acquire("key:b").block().allowed()).isTrue();
    }

    @Test
    void anUnreachableRedisLetsRequestsThrough() {
        LettuceConnectionFactory nowhere = new LettuceConnectionFactory("127.0.0.1", 1);
        nowhere.afterPropertiesSet();
        nowhere.start();
        try {
            ClientRateLimiter limiter = new RedisRateLimiter(new ReactiveStringRedisTemplate(nowhere), prefix, 1, 1);
            assertThat(limiter.acquire("key:a").block().allowed()).isTrue();
        } finally {
            nowhere.destroy();
        }
    }

    private static boolean redisListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
