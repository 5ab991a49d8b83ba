package io.verso.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.verso.gateway.testsupport.SelfSignedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
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
 * The gateway's gRPC port with TLS ({@code certificate-chain}, {@code private-key}: a self-signed certificate made
 * for the test) and a fixed {@code pod-port}: the pod is listed by a REST URL whose port minus one is nothing, so
 * only the setting can reach it. A client trusting the certificate is served; a cleartext client is not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "verso.gateway.grpc.port=0",
        "verso.gateway.auth.enabled=false",
        "verso.gateway.backend.health-interval=1h",
        "verso.gateway.models.m.stable-version=1"})
class GrpcGatewayTlsIT {

    private static final GrpcPod pod = new GrpcPod();
    private static final SelfSignedCertificate certificate = certificate();

    @Autowired
    GrpcGatewayServer gateway;

    @DynamicPropertySource
    static void tlsAndPod(DynamicPropertyRegistry properties) {
        properties.add("verso.gateway.grpc.certificate-chain", () -> certificate.certificate().toString());
        properties.add("verso.gateway.grpc.private-key", () -> certificate.privateKey().toString());
        properties.add("verso.gateway.grpc.pod-port", pod::port);
        properties.add("verso.gateway.inference-uri", () -> "http://127.0.0.1:" + (pod.port() + 7));
    }

    private static SelfSignedCertificate certificate() {
        try {
            return SelfSignedCertificate.create(Files.createTempDirectory("verso-grpc-tls"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopPod() {
        pod.close();
    }

    @Test
    void aClientTrustingTheCertificateIsServedThroughThePodPortSetting() throws SSLException, InterruptedException {
        ManagedChannel tls = NettyChannelBuilder.forAddress("localhost", gateway.port())
                .sslContext(GrpcSslContexts.forClient().trustManager(certificate.certificate().toFile()).build())
                .build();
        try {
            PredictRequest request = PredictRequest.newBuilder().setModelSpec(ModelSpec.newBuilder().setName("m"))
                    .putInputs("x", TensorProto.newBuilder().addFloatVal(1).build()).build();
            assertThat(PredictionServiceGrpc.newBlockingStub(tls).predict(request).getModelSpec().getVersion()
                    .getValue()).isEqualTo(1);
        } finally {
            tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCleartextClientIsNotServed() throws InterruptedException {
        ManagedChannel plain = NettyChannelBuilder.forAddress("localhost", gateway.port()).usePlaintext().build();
        int reachedBefore = pod.received.size();
        try {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () ->
                    PredictionServiceGrpc.newBlockingStub(plain).withDeadlineAfter(10, TimeUnit.SECONDS).predict(
                            PredictRequest.newBuilder().setModelSpec(ModelSpec.newBuilder().setName("m")).build()));
            assertThat(e).isNotNull();
            assertThat(e.getStatus().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.INTERNAL,
                    Status.Code.DEADLINE_EXCEEDED);
            assertThat(pod.received).as("nothing reached the pod").hasSize(reachedBefore);
        } finally {
            plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
