package io.verso.inference.api.tfserving;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/** Checks the hand-written wire encoding against TensorFlow's generated Example classes. */
class TfExampleEncoderTest {

    @Test
    void encodesWhatTensorFlowsExampleClassParses() throws Exception {
        Map<String, TfExampleEncoder.Feature> features = new LinkedHashMap<>();
        features.put("x", new TfExampleEncoder.Feature(null, new float[] {1.5f, -2f}, null));
        features.put("ids", new TfExampleEncoder.Feature(null, null, new long[] {7, -1, Long.MAX_VALUE}));
        features.put("name", new TfExampleEncoder.Feature(List.of("ab".getBytes(StandardCharsets.UTF_8), new byte[] {0}),
                null, null));

        Example example = Example.parseFrom(TfExampleEncoder.encode(features));

        Map<String, Feature> parsed = example.getFeatures().getFeatureMap();
        assertThat(parsed.get("x").getFloatList().getValueList()).containsExactly(1.5f, -2f);
        assertThat(parsed.get("ids").getInt64List().getValueList()).containsExactly(7L, -1L, Long.MAX_VALUE);
        assertThat(parsed.get("name").getBytesList().getValueList())
                .containsExactly(ByteString.copyFromUtf8("ab"), ByteString.copyFrom(new byte[] {0}));
    }
}
