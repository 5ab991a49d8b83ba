package io.verso.inference.lifecycle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.model.DataType;
import io.verso.inference.model.Servable;
import io.verso.inference.model.ServableMetadata;
import io.verso.inference.model.SessionOptions;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorValue;
import io.verso.inference.runtime.tf.TfServableLoader;
import io.verso.inference.testsupport.Fixtures;
import io.verso.inference.testsupport.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonWarmupTest {

    private final JsonWarmup warmup = new JsonWarmup();

    @TempDir
    Path dir;

    private Path version;
    private Servable servable;

    @BeforeEach
    void loadHalfPlusTwo() throws IOException {
        version = dir.resolve("00000123");
        TestFiles.copyTree(Fixtures.version("saved_model_half_plus_two_cpu", 123), version);
        servable = new TfServableLoader().load(version, SessionOptions.DEFAULTS);
    }

    @AfterEach
    void close() {
        servable.close();
    }

    @Test
    void runsEveryRequestAsOftenAsItsRepeatSays() throws IOException {
        writeWarmup("""
                [{"signature_name": "serving_default",
                  "inputs": {"x": {"datatype": "FP32", "shape": [3, 1], "data": [1.0, 2.0, 5.0]}},
                  "repeat": 5},
                 {"inputs": {"x": {"datatype": "FP32", "shape": [2, 1], "data": [[1.0], [NaN]]}}},
                 {"signature_name": "regress_x2_to_y3",
                  "inputs": {"inputs": {"datatype": "FP32", "shape": [1, 1], "data": [4]}}, "repeat": 2}]
                """);

        assertThat(warmup.run("half_plus_two", 123, version, servable)).isEqualTo(8);
    }

    @Test
    void feedsTheDecodedTensorsToTheServable() throws IOException {
        writeWarmup("""
                [{"inputs": {"x": {"datatype": "FP32", "shape": [3, 1], "data": [1.0, 2.0, 5.0]}}, "repeat": 2}]
                """);
        RecordingServable recording = new RecordingServable(servable);

        assertThat(warmup.run("half_plus_two", 123, version, recording)).isEqualTo(2);
        assertThat(recording.calls).hasSize(2).allSatisfy(inputs -> assertThat(inputs.get("x"))
                .isEqualTo(TensorValue.of(DataType.FP32, new long[] {3, 1}, new float[] {1, 2, 5})));
        assertThat(recording.outputs).allSatisfy(y -> assertThat(y.floats()).containsExactly(2.5f, 3.0f, 4.5f));
    }

    @Test
    void noFileMeansNoWarmup() {
        assertThat(warmup.run("half_plus_two", 123, version, servable)).isZero();
    }

    @Test
    void aFileThatIsNotJsonFailsNamingTheFile() throws IOException {
        Path file = writeWarmup("[{\"inputs\": ");

        assertThatThrownBy(() -> warmup.run("half_plus_two", 123, version, servable))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid warmup file " + file);
    }

    @Test
    void unknownPropertiesFail() throws IOException {
        writeWarmup("[{\"signature\": \"serving_default\", \"inputs\": {}}]");

        assertThatThrownBy(() -> warmup.run("half_plus_two", 123, version, servable))
                .hasMessageContaining("invalid warmup file").hasMessageContaining("signature");
    }

    @Test
    void requestsTheSignatureRefusesFailBeforeAnyRuns() throws IOException {
        writeWarmup("""
                [{"inputs": {"x": {"datatype": "FP32", "shape": [3, 1], "data": [1.0, 2.0, 5.0]}}},
                 {"inputs": {"x": {"datatype": "INT32", "shape": [1, 1], "data": [1]}}}]
                """);
        RecordingServable recording = new RecordingServable(servable);

        assertThatThrownBy(() -> warmup.run("half_plus_two", 123, version, recording))
                .hasMessageContaining("warmup request #1").hasMessageContaining("expects DT_FLOAT");
        assertThat(recording.calls).isEmpty();
    }

    @Test
    void malformedTensorsFailWithTheirInputAndReason() throws IOException {
        writeWarmup("[{\"inputs\": {\"x\": {\"datatype\": \"FP32\", \"shape\": [2, 1], \"data\": [1.0]}}}]");
        assertThatThrownBy(() -> warmup.run("half_plus_two", 123, version, servable))
                .hasMessageContaining("input 'x' has shape [2,1] (2 elements) but its data holds 1 elements");

        writeWarmup("[{\"inputs\": {\"x\": {\"datatype\": \"FLOAT\", \"shape\": [1], \"data\": [1.0]}}}]");
        assertThatThrownBy(() -> warmup.run("half_plus_two", 123, version, servable))
                .hasMessageContaining("unknown datatype 'FLOAT'");

        writeWarmup("[{\"inputs\": {\"x\": {\"datatype\": \"FP32\", \"shape\": [1, 1], \"data\": [\"a\"]}}}]");
        assertThatThrownBy(() -> warmup.run("half_plus_two", 123, version, servable))
                .hasMessageContaining("input 'x' has datatype FP32 but element 0 of its data is \"a\"; expected a number");
    }

    @Test
    void anUnknownSignatureOrAnAbsurdRepeatFails() throws IOException {
        writeWarmup("[{\"signature_name\": \"nope\", \"inputs\": {}}]");
        assertThatThrownBy(() -> warmup.run("half_plus_two", 123, version, servable))
                .hasMessageContaining("\"nope\" not found");

        writeWarmup("[{\"inputs\": {\"x\": {\"datatype\": \"FP32\", \"shape\": [1, 1], \"data\": [1]}}, "
                + "\"repeat\": 0}]");
        assertThatThrownBy(() -> warmup.run("half_plus_two", 123, version, servable))
                .hasMessageContaining("repeat must be within [1, 1000], was 0");
    }

    @Test
    void readsIntegerBoolAndBytesTensors() {
        TensorValue uint64 = WarmupTensors.decode("u", new JsonWarmup.WarmupTensor("UINT64", new long[] {2},
                json("[0, 18446744073709551615]")));
        assertThat(uint64.longs()).containsExactly(0L, -1L);

        TensorValue bools = WarmupTensors.decode("b", new JsonWarmup.WarmupTensor("BOOL", new long[] {2},
                json("[true, false]")));
        assertThat(bools.booleans()).containsExactly(true, false);

        TensorValue bytes = WarmupTensors.decode("s", new JsonWarmup.WarmupTensor("BYTES", new long[] {1},
                json("[\"héllo\"]")));
        assertThat(new String(bytes.bytes()[0], StandardCharsets.UTF_8)).isEqualTo("héllo");

        assertThatThrownBy(() -> WarmupTensors.decode("i", new JsonWarmup.WarmupTensor("INT8", new long[] {1},
                json("[200]")))).hasMessageContaining("expected an integer from -128 to 127");
        assertThatThrownBy(() -> WarmupTensors.decode("i", new JsonWarmup.WarmupTensor("INT32", new long[] {1},
                json("[1.5]")))).hasMessageContaining("expected an integer");
    }

    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text);
    }

    private Path writeWarmup(String json) throws IOException {
        Path file = version.resolve(JsonWarmup.FILE);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, json);
    }

    /** Delegates to the real servable and records what warmup fed it. */
    private static final class RecordingServable implements Servable {
        final List<Map<String, TensorValue>> calls = new ArrayList<>();
        final List<TensorValue> outputs = new ArrayList<>();
        private final Servable delegate;

        RecordingServable(Servable delegate) {
            this.delegate = delegate;
        }

        @Override
        public ServableMetadata metadata() {
            return delegate.metadata();
        }

        @Override
        public Map<String, TensorValue> run(SignatureSpec signature, Map<String, TensorValue> inputs,
                                            Set<String> outputKeys) {
            calls.add(inputs);
            Map<String, TensorValue> out = delegate.run(signature, inputs, outputKeys);
            outputs.add(out.get("y"));
            return out;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
