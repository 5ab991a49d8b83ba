package io.verso.registry.feed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.verso.contracts.DesiredState;
import io.verso.contracts.PodStatus;
import io.verso.contracts.PodStatusReceipt;
import io.verso.contracts.RoutingTable;
import io.verso.registry.error.RegistryException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Feeds for pods and gateways. {@code GET} with {@code If-None-Match: "<revision>"} answers 304 when nothing
 * changed; adding {@code ?wait=30s} holds the request until the feed changes (200 with the new content and ETag,
 * as soon as the change commits) or the wait ends (304). The wait is capped at {@code verso.registry.feed.max-wait}.
 */
@RestController
@RequestMapping("/api/v1/feed")
@Tag(name = "Feeds")
class FeedController {

    private final FeedWatchers watchers;
    private final PodStatusService pods;
    private final FeedSettings settings;
    /** One instance each, so that a rebuild is shared by all waiters of the feed. */
    private final Supplier<DesiredState> desiredState;
    private final Supplier<RoutingTable> routingTable;
    private final FeedService feeds;

    FeedController(FeedService feeds, FeedWatchers watchers, PodStatusService pods, FeedSettings settings) {
        this.watchers = watchers;
        this.pods = pods;
        this.settings = settings;
        this.feeds = feeds;
        this.desiredState = feeds::desiredState;
        this.routingTable = feeds::routingTable;
    }

    @GetMapping("/desired-state")
    @Operation(summary = "Versions every inference pod must hold; ETag and long-poll (machine or viewer)")
    DeferredResult<Object> desiredState(
            @Parameter(description = "long-poll: e.g. 30s; needs If-None-Match") @RequestParam(required = false) String wait,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        String baseUrl = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return watch(desiredState, DesiredState::revision, s -> feeds.forClient(s, baseUrl), wait, ifNoneMatch);
    }

    @GetMapping("/routing-table")
    @Operation(summary = "Traffic split and AVAILABLE endpoints per model; ETag and long-poll (machine or viewer)")
    DeferredResult<Object> routingTable(@RequestParam(required = false) String wait,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return watch(routingTable, RoutingTable::revision, Function.identity(), wait, ifNoneMatch);
    }

    @PostMapping("/pod-status")
    @Operation(summary = "A pod reports the state of its versions; it expires unless it reports again (machine)")
    PodStatusReceipt podStatus(@RequestBody PodStatus status) {
        return pods.report(status);
    }

    private <T> DeferredResult<Object> watch(Supplier<T> feed, Function<T, String> revisionOf, Function<T, T> render,
                                             String wait, String ifNoneMatch) {
        Duration timeout = waitOf(wait);
        String seen = revisionIn(ifNoneMatch);
        Function<T, Object> changed = current -> ResponseEntity.ok().eTag(revisionOf.apply(current))
                .body(render.apply(current));
        if (seen == null || timeout.isZero()) {
            // Nothing to compare with, or no wait asked: answer now (Spring answers 304 itself on a matching ETag).
            DeferredResult<Object> now = new DeferredResult<>();
            now.setResult(changed.apply(feed.get()));
            return now;
        }
        Supplier<Object> notModified = () -> ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(seen).build();
        DeferredResult<Object> result = new DeferredResult<>(timeout.toMillis(), notModified);
        watchers.watch(new FeedWatchers.Watch<>(seen, feed, revisionOf, result, changed, notModified));
        return result;
    }

    private Duration waitOf(String wait) {
        if (wait == null || wait.isBlank()) {
            return Duration.ZERO;
        }
        Duration duration;
        try {
            duration = wait.chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(wait))
                    : DurationStyle.SIMPLE.parse(wait);
        } catch (RuntimeException e) {
            throw RegistryException.invalid("wait", "wait must be a duration such as 30s or 500ms, but was '"
                    + wait + "'");
        }
        if (duration.isNegative()) {
            throw RegistryException.invalid("wait", "wait must not be negative, but was '" + wait + "'");
        }
        return duration.compareTo(settings.maxWait()) > 0 ? settings.maxWait() : duration;
    }

    /** {@code "abc"}, {@code W/"abc"} or {@code abc}; a list or {@code *} compares with nothing. */
    private static String revisionIn(String ifNoneMatch) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank() || ifNoneMatch.contains(",") || ifNoneMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifNoneMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        return tag.replace("\"", "");
    }
}
