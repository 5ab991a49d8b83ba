package io.verso.bench.load;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.verso.bench.loadgen.Request;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.PredictionServiceGrpc;

/**
 * Sends one request of a cell with a real client (Java's HttpClient, grpc-java's generated stub) and returns the
 * output tensor, so the suite can check a server's answers against the in-process ones before and after measuring.
 * A status other than 200 / OK is an exception naming it.
 */
public final class Probe {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public float[] outputs(Protocol protocol, Request request) throws IOException, InterruptedException {
        return protocol.grpc() ? grpc(request) : rest(protocol, request);
    }

    /** The whole answer to a REST request, as bytes. */
    public byte[] answer(Request request) throws IOException, InterruptedException {
        return send(request).body();
    }

    private float[] rest(Protocol protocol, Request request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(request);
        return Responses.outputs(protocol, response.headers().firstValue(Payloads.HEADER_LENGTH).orElse(null),
                response.body());
    }

    private HttpResponse<byte[]> send(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response;
    }

    private static float[] grpc(Request request) throws IOException, InterruptedException {
        URI uri = request.uri();
        Metadata metadata = new Metadata();
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (!header.getKey().equals("content-type") && !header.getKey().equals("te")) {
                metadata.put(Metadata.Key.of(header.getKey(), Metadata.ASCII_STRING_MARSHALLER), header.getValue());
            }
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
        try {
            PredictRequest predict = PredictRequest.parseFrom(Payloads.grpcMessage(request.body()));
            return Responses.outputs(Protocol.TFSERVING_GRPC, null, PredictionServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                    .withDeadlineAfter(TIMEOUT.toSeconds(), TimeUnit.SECONDS).predict(predict).toByteArray());
        } catch (StatusRuntimeException e) {
            throw new IllegalStateException(uri + " answered " + e.getStatus(), e);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
