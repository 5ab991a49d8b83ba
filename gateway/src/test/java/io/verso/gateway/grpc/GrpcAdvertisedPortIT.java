package io.verso.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.verso.gateway.routing.CurrentRouting;
import io.verso.gateway.testsupport.FakeRegistry;
import io.verso.gateway.testsupport.Routes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tensorflow.proto.TensorProto;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.PredictionServiceGrpc;

/**
 * The gRPC port a pod advertises through the registry's routing table comes first: a real HTTP server serving the
 * feed lists one pod by a REST URL whose port minus one is a gRPC server ({@code offset}) while {@code pod-port}
 * names another ({@code configured}); real gRPC calls through the gateway reach whichever server the table
 * advertises for the pod, follow it when the pod advertises a new port, and go to {@code pod-port} once it
 * advertises none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "verso.gateway.registry-token=" + FakeRegistry.MACHINE_TOKEN,
        "verso.gateway.grpc.port=0",
        "verso.gateway.auth.enabled=false",
        "verso.gateway.rate-limit.enabled=false",
        "verso.gateway.backend.health-interval=1h"})
class GrpcAdvertisedPortIT {

    private static final FakeRegistry registry = FakeRegistry.start();
    private static final GrpcPod offset = new GrpcPod();
    private static final GrpcPod configured = new GrpcPod();
    private static final GrpcPod advertised = new GrpcPod();
    private static final GrpcPod movedTo = new GrpcPod();
    /** The pod as the table lists it: its REST port minus one is {@code offset}'s gRPC port. */
    private static final String POD = "http://127.0.0.1:" + (offset.port() + 1);

    @Autowired
    GrpcGatewayServer gateway;
    @Autowired
    CurrentRouting routing;

    private ManagedChannel channel;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry properties) {
        properties.add("verso.gateway.registry-uri", registry::url);
        properties.add("verso.gateway.grpc.pod-port", configured::port);
    }

    @AfterAll
    static void stopServers() {
        registry.close();
        List.of(offset, configured, advertised, movedTo).forEach(GrpcPod::close);
    }

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void callsGoToTheAdvertisedPortThenToTheNewOneThenToThePodPortSetting() {
        registry.publishAndAwait(List.of(Routes.model("m").stable(1, POD).grpcPort(POD, advertised.port()).build()),
                routing);
        assertThat(reachedBy(this::predict)).containsExactly(advertised);

        // The pod restarted on another free port: the gateway drops the old channel and follows.
        registry.publishAndAwait(List.of(Routes.model("m").stable(1, POD).grpcPort(POD, movedTo.port()).build()),
                routing);
        assertThat(reachedBy(this::predict)).containsExactly(movedTo);

        // A pod that advertises nothing (one older than the field) is reached by the gateway's own setting.
        registry.publishAndAwait(List.of(Routes.model("m").stable(1, POD).build()), routing);
        assertThat(reachedBy(this::predict)).containsExactly(configured);
    }

    private long predict() {
        return PredictionServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .predict(PredictRequest.newBuilder().setModelSpec(ModelSpec.newBuilder().setName("m"))
                        .putInputs("x", TensorProto.newBuilder().addFloatVal(1).build()).build())
                .getModelSpec().getVersion().getValue();
    }

    /** The stand-in pods that received a call while {@code call} ran (and answered version 1). */
    private static List<GrpcPod> reachedBy(LongSupplier call) {
        List<GrpcPod> pods = List.of(offset, configured, advertised, movedTo);
        List<Integer> before = pods.stream().map(pod -> pod.received.size()).toList();
        assertThat(call.getAsLong()).isEqualTo(1);
        return pods.stream().filter(pod -> pod.received.size() > before.get(pods.indexOf(pod))).toList();
    }
}
