package io.verso.e2e;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.Predict.PredictRequest;
import tensorflow.serving.Predict.PredictResponse;
import tensorflow.serving.PredictionServiceGrpc;

/**
 * Closed-loop gRPC clients of the gateway's gRPC port: each sends TF Serving's Predict for half_plus_two with
 * x = [[1], [5]] through stubs generated from TF Serving's protos, and records, like {@link LoadClient}, when each
 * answer was sent and received, the version {@code x-verso-model-version} named, and what was wrong with it, if
 * anything (a status, other values, or a response model_spec naming another version than the metadata).
 */
final class GrpcLoadClient {

    private static final Metadata.Key<String> VERSION = Metadata.Key.of("x-verso-model-version",
            Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final PredictRequest request;
    private final long deadlineNanos;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ConcurrentLinkedQueue<LoadClient.Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    private GrpcLoadClient(int port, String model, Duration maxDuration) {
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        this.request = PredictRequest.newBuilder().setModelSpec(ModelSpec.newBuilder().setName(model))
                .putInputs("x", TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                        .setTensorShape(TensorShapeProto.newBuilder()
                                .addDim(TensorShapeProto.Dim.newBuilder().setSize(2))
                                .addDim(TensorShapeProto.Dim.newBuilder().setSize(1)))
                        .addFloatVal(1).addFloatVal(5).build()).build();
        this.deadlineNanos = System.nanoTime() + maxDuration.toNanos();
    }

    static GrpcLoadClient start(int port, String model, int clients, Duration maxDuration) {
        GrpcLoadClient load = new GrpcLoadClient(port, model, maxDuration);
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(load::run, "grpc-load-" + i);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    int answered() {
        return outcomes.size();
    }

    /** Stops sending, waits for the calls in flight and returns every outcome, in order of reception. */
    List<LoadClient.Outcome> stop() throws InterruptedException {
        stopping.set(true);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60).toMillis());
        }
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        List<LoadClient.Outcome> all = new ArrayList<>(outcomes);
        all.sort((a, b) -> Long.compare(a.receivedNanos(), b.receivedNanos()));
        return all;
    }

    private void run() {
        while (!stopping.get() && System.nanoTime() < deadlineNanos) {
            AtomicReference<Metadata> headers = new AtomicReference<>();
            long start = System.nanoTime();
            try {
                PredictResponse response = PredictionServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers,
                                new AtomicReference<>()))
                        .predict(request);
                String version = headers.get() == null ? null : headers.get().get(VERSION);
                List<Float> y = response.getOutputsOrThrow("y").getFloatValList();
                String error = !y.equals(List.of(2.5f, 4.5f)) ? "unexpected answer " + y
                        : !String.valueOf(response.getModelSpec().getVersion().getValue()).equals(version)
                        ? "model_spec version " + response.getModelSpec().getVersion().getValue()
                                + " but x-verso-model-version " + version
                        : null;
                outcomes.add(new LoadClient.Outcome(start, System.nanoTime(), 200, version, error));
            } catch (RuntimeException e) {
                outcomes.add(new LoadClient.Outcome(start, System.nanoTime(), 0, null, e.toString()));
            }
        }
    }
}
