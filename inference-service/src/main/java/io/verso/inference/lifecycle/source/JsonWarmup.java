package io.verso.inference.lifecycle.source;

import io.verso.inference.lifecycle.Warmup;
import io.verso.inference.model.Servable;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.SignatureValidator;
import io.verso.inference.model.TensorValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Warms a freshly loaded version up with the requests in {@code <version>/assets.extra/verso_warmup.json}, the
 * place TensorFlow Serving keeps its warmup data, so the file travels with the SavedModel:
 * <pre>{@code
 * [{"signature_name": "serving_default",
 *   "inputs": {"x": {"datatype": "FP32", "shape": [3, 1], "data": [1.0, 2.0, 5.0]}},
 *   "repeat": 5}]
 * }</pre>
 * Tensors use the Open Inference Protocol's names ({@code FP32}, {@code INT64}, {@code BYTES} as UTF-8 strings,
 * ...), {@code data} flat in row-major order or nested; {@code signature_name} defaults to
 * {@code serving_default} and {@code repeat} to 1. Every request is checked against its signature before any
 * runs. No file means no warmup; an unreadable or invalid file, or a request the model fails, fails the load.
 *
 * <p>TensorFlow Serving's own {@code assets.extra/tf_serving_warmup_requests} is not read: it is a TFRecord file of
 * {@code PredictionLog} protos, whose request messages ({@code PredictRequest}, {@code ClassificationRequest} with
 * {@code tf.Example} inputs, ...) come from TF Serving's API protos, which neither TensorFlow Java nor this service
 * ships. A model exported with such a file keeps loading; it is just not warmed up until it gets this JSON file.
 */
public final class JsonWarmup implements Warmup {

    static final String FILE = "assets.extra/verso_warmup.json";
    /** A bound on {@code repeat}, so a typo cannot keep a version in LOADING for hours. */
    static final int MAX_REPEAT = 1000;

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // NaN and Infinity are valid float inputs; TF Serving's JSON accepts them as bare tokens too.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    @Override
    public int run(String model, long version, Path directory, Servable servable) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        List<Prepared> prepared = prepare(file, servable);
        int count = 0;
        for (Prepared request : prepared) {
            for (int i = 0; i < request.repeat; i++) {
                try {
                    servable.run(request.signature, request.inputs, Set.of());
                } catch (RuntimeException e) {
                    throw new IllegalStateException(request.name + " of " + file + " failed: " + e.getMessage(), e);
                }
                count++;
            }
        }
        return count;
    }

    /** Reads and checks every request before running any, so a bad file fails fast and says where. */
    private List<Prepared> prepare(Path file, Servable servable) {
        List<WarmupRequest> requests;
        try {
            requests = mapper.readValue(file, new TypeReference<List<WarmupRequest>>() { });
        } catch (JacksonException e) {
            throw new IllegalArgumentException("invalid warmup file " + file + ": " + e.getMessage(), e);
        }
        if (requests == null) {
            throw new IllegalArgumentException("invalid warmup file " + file + ": expected an array of requests");
        }
        List<Prepared> prepared = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            String name = "warmup request #" + i;
            try {
                prepared.add(prepare(name, requests.get(i), servable));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + " of " + file + " is invalid: " + e.getMessage(), e);
            }
        }
        return prepared;
    }

    private static Prepared prepare(String name, WarmupRequest request, Servable servable) {
        if (request == null) {
            throw new IllegalArgumentException("a request is null");
        }
        int repeat = request.repeat() == null ? 1 : request.repeat();
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("repeat must be within [1, " + MAX_REPEAT + "], was " + repeat);
        }
        if (request.inputs() == null) {
            throw new IllegalArgumentException("it has no inputs");
        }
        SignatureSpec signature = servable.metadata().signature(request.signatureName());
        Map<String, TensorValue> inputs = new LinkedHashMap<>();
        request.inputs().forEach((key, tensor) -> inputs.put(key, WarmupTensors.decode(key, tensor)));
        // TensorFlow does not check fed tensors against the signature; Servable.run expects them checked.
        SignatureValidator.validate(signature, inputs, Set.of());
        return new Prepared(name, signature, inputs, repeat);
    }

    /** One request of the file, as written. */
    record WarmupRequest(String signatureName, Map<String, WarmupTensor> inputs, Integer repeat) {
    }

    /** One input tensor of a request, as written; {@code data} is read once its datatype is known. */
    record WarmupTensor(String datatype, long[] shape, JsonNode data) {
    }

    private record Prepared(String name, SignatureSpec signature, Map<String, TensorValue> inputs, int repeat) {
    }
}
