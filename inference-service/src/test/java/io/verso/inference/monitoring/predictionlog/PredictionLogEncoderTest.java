package io.verso.inference.monitoring.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PredictionLogEncoderTest {

    private static final Instant TIME = Instant.parse("2026-11-26T06:00:00.123Z");

    @Test
    void writesTensorsInTheV2FormWithTheirFullShape() {
        JsonNode line = encode(new PredictionLogEncoder(1 << 20), 3);
        assertThat(line.get("truncated").booleanValue()).isFalse();
        assertThat(line.get("time").stringValue()).isEqualTo("2026-11-26T06:00:00.123Z");
        assertThat(line.get("trace_id").stringValue()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.at("/inputs/x/datatype").stringValue()).isEqualTo("FP32");
        assertThat(line.at("/inputs/x/shape").toString()).isEqualTo("[3]");
        assertThat(line.at("/inputs/x/data").toString()).isEqualTo("[0.0,1.0,2.0]");
        assertThat(line.at("/outputs/label/data").toString()).isEqualTo("[\"cat\"]");
    }

    @Test
    void aRecordOverTheLimitKeepsShapesButOnlyAPrefixOfTheData() {
        byte[] bytes = new PredictionLogEncoder(2_000).encode(record(100_000), TIME);
        assertThat(bytes.length).isLessThanOrEqualTo(2_000);
        JsonNode line = Json.MAPPER.readTree(bytes);
        assertThat(line.get("truncated").booleanValue()).isTrue();
        assertThat(line.at("/inputs/x/shape").toString()).isEqualTo("[100000]");
        assertThat(line.at("/inputs/x/truncated").booleanValue()).isTrue();
        assertThat(line.at("/inputs/x/data").size()).isPositive().isLessThan(100_000);
        assertThat(line.at("/inputs/x/data/1").floatValue()).isEqualTo(1f);
        // The small output fits whole.
        assertThat(line.at("/outputs/label/truncated").isMissingNode()).isTrue();
    }

    private static JsonNode encode(PredictionLogEncoder encoder, int elements) {
        byte[] bytes = encoder.encode(record(elements), TIME);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        return Json.MAPPER.readTree(bytes);
    }

    private static InferenceRecord record(int elements) {
        float[] x = new float[elements];
        for (int i = 0; i < elements; i++) {
            x[i] = i;
        }
        return new InferenceRecord("id-1", "v2", "infer", "m", 3, "serving_default",
                Map.of("x", TensorValue.of(DataType.FP32, new long[] {elements}, x)),
                Map.of("label", TensorValue.of(DataType.BYTES, new long[] {1}, new byte[][] {"cat".getBytes()})),
                null, false, Map.of(), 10, 1, 2, 3, "4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
