package io.verso.gateway.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DisagreementTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void comparesTensorFlowServingPredictions() {
        assertThat(Disagreement.maxAbsoluteDifference(json("{\"predictions\":[[1.0,2.0],[3.0,4.0]]}"),
                json("{\"predictions\":[[1.0,2.5],[3.0,3.0]]}"))).hasValue(1.0);
    }

    @Test
    void comparesV2OutputDataOnly() {
        assertThat(Disagreement.maxAbsoluteDifference(
                json("{\"model_name\":\"m\",\"model_version\":\"1\",\"outputs\":[{\"name\":\"y\",\"shape\":[2],"
                        + "\"datatype\":\"FP32\",\"data\":[0.5,1.5]}]}"),
                json("{\"model_name\":\"m\",\"model_version\":\"2\",\"outputs\":[{\"name\":\"y\",\"shape\":[2],"
                        + "\"datatype\":\"FP32\",\"data\":[0.75,1.5]}]}"))).hasValue(0.25);
    }

    @Test
    void differentShapesOrNonJsonCannotBeCompared() {
        assertThat(Disagreement.maxAbsoluteDifference(json("{\"predictions\":[1]}"), json("{\"predictions\":[1,2]}")))
                .isEmpty();
        assertThat(Disagreement.maxAbsoluteDifference(json("{\"predictions\":[1]}"), json("oops"))).isEmpty();
    }
}
