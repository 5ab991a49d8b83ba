package io.verso.registry.feed;

import java.time.Duration;

/**
 * @param podTtl  how long a pod report counts; a pod that does not report again within it leaves the routing table
 * @param maxWait longest long-poll a client may ask for with {@code ?wait=}
 */
public record FeedSettings(Duration podTtl, Duration maxWait) {
}
