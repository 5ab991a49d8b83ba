package io.verso.gateway.grpc;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.verso.gateway.backend.NoPodAvailableException;
import io.verso.gateway.backend.PodCaller;
import io.verso.gateway.metrics.GatewayMetrics;
import io.verso.gateway.protection.ClientKey;
import io.verso.gateway.protection.KeyCheckUnavailable;
import io.verso.gateway.protection.VerifiedKey;
import io.verso.gateway.routing.InferencePath;
import io.verso.gateway.routing.RouteDecision;
import io.verso.gateway.routing.Router;
import io.verso.gateway.routing.RoutingProblem;
import io.verso.gateway.routing.RoutingSnapshot;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Forwards every known unary method to a pod as raw bytes, after the same steps as the REST route: API key
 * ({@code x-api-key} or {@code authorization: Bearer} metadata), rate limit, then the {@link Router}'s decision from
 * the request's model and pin, the sticky {@code x-verso-routing-key} metadata and the weights. The request is
 * pinned to the chosen version, which goes back as {@code x-verso-model-version} response metadata. A pod's own
 * status (NOT_FOUND, INVALID_ARGUMENT, ...) reaches the client as it is; the pod's breaker counts only transport
 * failures. Unknown methods are UNIMPLEMENTED. When the router picks a shadow copy, {@link GrpcShadow} sends it
 * beside the call; the client's answer never waits for it.
 */
final class GrpcProxy extends HandlerRegistry {

    static final String ROUTING_KEY = "x-verso-routing-key";
    static final String VERSION = "x-verso-model-version";
    private static final String REQUEST_ID = "x-request-id";
    private static final String VERSO_PREFIX = "x-verso-";

    private final Supplier<RoutingSnapshot> routing;
    private final PodCaller pods;
    private final PodChannels channels;
    private final GrpcProtection protection;
    private final GatewayMetrics metrics;
    private final GrpcShadow shadow;

    GrpcProxy(Supplier<RoutingSnapshot> routing, PodCaller pods, PodChannels channels, GrpcProtection protection,
              GatewayMetrics metrics, GrpcShadow shadow) {
        this.routing = routing;
        this.pods = pods;
        this.channels = channels;
        this.protection = protection;
        this.metrics = metrics;
        this.shadow = shadow;
    }

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
        ProxiedMethod method = ProxiedMethod.named(methodName);
        return method == null ? null : ServerMethodDefinition.create(method.descriptor(),
                ServerCalls.asyncUnaryCall((request, observer) -> handle(method, request, observer)));
    }

    private void handle(ProxiedMethod method, byte[] request, StreamObserver<byte[]> observer) {
        CallMetadata.Current call = CallMetadata.current();
        long start = System.nanoTime();
        RouteDecision[] decided = new RouteDecision[1];
        CompletableFuture<Status> answered = new CompletableFuture<>();
        Disposable running = authorize(call, method, request).flatMap(path -> {
            RouteDecision decision = Router.decide(routing.get(), path, call.header(ROUTING_KEY),
                    ThreadLocalRandom.current());
            decided[0] = decision;
            byte[] sent = decision.version() != null && path.choosesVersion()
                    ? method.pinnedTo(request, decision.version()) : request;
            if (decision.version() != null) {
                call.responseHeaders().put(VERSION, Long.toString(decision.version()));
            }
            channels.retain(routing.get().allEndpoints());
            if (decision.shadow() != null) {
                shadow.mirror(decision.model(), decision.shadow(), method, request, forwarded(call), answered);
            }
            return pods.call(decision.endpoints(), method.fullName(), pod -> send(pod, method, sent, call),
                    () -> false, () -> { });
        }).subscribe(answer -> {
            record(decided[0], answer.status(), start);
            answered.complete(answer.status());
            if (answer.status().isOk()) {
                observer.onNext(answer.body());
                observer.onCompleted();
            } else {
                observer.onError(answer.status().asRuntimeException(answer.trailers()));
            }
        }, failure -> {
            Status status = statusOf(decided[0], failure);
            record(decided[0], status, start);
            answered.complete(status);
            observer.onError(status.asRuntimeException());
        });
        if (observer instanceof ServerCallStreamObserver<byte[]> server) {
            server.setOnCancelHandler(running::dispose);
        }
    }

    /**
     * The REST route's protection, as gRPC statuses: a valid key (UNAUTHENTICATED, or UNAVAILABLE when it cannot be
     * checked now), then the request parsed, then the key's model scope (PERMISSION_DENIED), then the rate limit of
     * the verified key, else of the client's address (RESOURCE_EXHAUSTED). Completes with the parsed path.
     */
    private Mono<InferencePath> authorize(CallMetadata.Current call, ProxiedMethod method, byte[] request) {
        Mono<Optional<VerifiedKey>> verified = Mono.just(Optional.empty());
        if (protection.keys() != null) {
            String key = ClientKey.of(call::header, protection.keyHeader());
            if (key == null) {
                return Mono.error(Status.UNAUTHENTICATED.withDescription("An API key is required: send it in the "
                        + protection.keyHeader().toLowerCase(Locale.ROOT) + " metadata").asRuntimeException());
            }
            verified = protection.keys().verify(key).map(Optional::of)
                    .switchIfEmpty(Mono.error(() -> Status.UNAUTHENTICATED.withDescription("The API key is not valid")
                            .asRuntimeException()))
                    .onErrorMap(KeyCheckUnavailable.class, e -> Status.UNAVAILABLE.withDescription(e.getMessage())
                            .asRuntimeException());
        }
        return verified.flatMap(key -> {
            InferencePath path = method.path(request);
            if (key.isPresent() && !key.get().mayCall(path.model())) {
                return Mono.error(Status.PERMISSION_DENIED.withDescription("The API key may not call model '"
                        + path.model() + "'").asRuntimeException());
            }
            if (protection.limiter() == null) {
                return Mono.just(path);
            }
            // A key nobody verified is a string the client chose: only a verified key names the client.
            String identity = key.map(k -> "key:" + k.id()).orElseGet(() -> "ip:" + protection.addresses().of(
                    call.remote() instanceof InetSocketAddress inet ? inet : null, call.header("X-Forwarded-For")));
            return protection.limiter().acquire(identity).flatMap(decision -> {
                if (decision.allowed()) {
                    return Mono.just(path);
                }
                metrics.rateLimited();
                return Mono.error(Status.RESOURCE_EXHAUSTED.withDescription("Rate limit exceeded; retry after "
                        + decision.retryAfterSeconds() + " s").asRuntimeException());
            });
        });
    }

    /** One call to one pod; completes with the pod's answer, whatever its status, or fails on transport errors. */
    private Mono<PodAnswer> send(String pod, ProxiedMethod method, byte[] request, CallMetadata.Current call) {
        return Mono.create(sink -> {
            ClientCall<byte[], byte[]> forward = channels.channel(pod).newCall(method.descriptor(), CallOptions.DEFAULT);
            forward.start(new ClientCall.Listener<>() {
                private byte[] body;

                @Override
                public void onMessage(byte[] message) {
                    body = message;
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    if (!status.isOk() && status.getCause() != null) {
                        sink.error(status.asRuntimeException(trailers));
                    } else {
                        sink.success(new PodAnswer(body, status, trailers));
                    }
                }
            }, forwarded(call));
            forward.request(2);
            forward.sendMessage(request);
            forward.halfClose();
            sink.onCancel(() -> forward.cancel("cancelled by the gateway", null));
        });
    }

    /** The request id and the x-verso-* metadata go on to the pod, as REST headers do; credentials do not. */
    private static Metadata forwarded(CallMetadata.Current call) {
        Metadata out = new Metadata();
        for (String name : call.headers().keys()) {
            if (name.equals(REQUEST_ID) || name.startsWith(VERSO_PREFIX)) {
                String value = call.header(name);
                if (value != null) {
                    out.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
                }
            }
        }
        return out;
    }

    private static Status statusOf(RouteDecision decision, Throwable failure) {
        if (failure instanceof StatusRuntimeException e && e.getStatus().getCause() == null) {
            return e.getStatus();
        }
        if (failure instanceof RoutingProblem problem) {
            return (problem.status() == 404 ? Status.NOT_FOUND : problem.status() == 400 ? Status.INVALID_ARGUMENT
                    : Status.UNAVAILABLE).withDescription(problem.getMessage());
        }
        String target = decision == null || decision.model() == null ? "the request"
                : decision.model() + (decision.version() == null ? "" : " version " + decision.version());
        if (failure instanceof TimeoutException) {
            return Status.DEADLINE_EXCEEDED.withDescription("The inference pod did not answer " + target + " in time");
        }
        if (failure instanceof NoPodAvailableException || failure instanceof CallNotPermittedException
                || failure instanceof BulkheadFullException) {
            return Status.UNAVAILABLE.withDescription("No inference pod is available for " + target);
        }
        return Status.UNAVAILABLE.withDescription("The inference pod failed while serving " + target + ": "
                + failure.getMessage());
    }

    private void record(RouteDecision decision, Status status, long start) {
        int code = httpEquivalent(status.getCode());
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        if (decision == null) {
            // Never the client's model string as a tag: unknown names would grow the metrics without bound.
            metrics.request(null, null, "none", GatewayMetrics.outcomeOf(code), code, latency);
        } else {
            metrics.request(decision.model(), decision.version(), decision.role().tag(),
                    GatewayMetrics.outcomeOf(code), code, latency);
        }
    }

    /** The HTTP status the REST API answers for the same outcome, so both transports share the metrics. */
    static int httpEquivalent(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case RESOURCE_EXHAUSTED -> 429;
            case CANCELLED -> 499;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            default -> 500;
        };
    }

    /** What a pod answered: the message when OK, else its status and trailers. */
    record PodAnswer(byte[] body, Status status, Metadata trailers) {
    }
}
