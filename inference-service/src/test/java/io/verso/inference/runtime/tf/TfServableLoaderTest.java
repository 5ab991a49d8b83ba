package io.verso.inference.runtime.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.Servable;
import io.verso.inference.model.SessionOptions;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorValue;
import io.verso.inference.testsupport.Fixtures;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TfServableLoaderTest {

    private final TfServableLoader loader = new TfServableLoader();

    @Test
    void runsHalfPlusTwoFromTheTf1Fixture() {
        try (Servable servable = loader.load(Fixtures.version("saved_model_half_plus_two_cpu", 123), SessionOptions.DEFAULTS)) {
            SignatureSpec signature = servable.metadata().signature(null);
            assertThat(signature.inputs().get("x").shape()).isEqualTo(TensorShape.of(-1, 1));
            TensorValue x = TensorValue.of(DataType.FP32, new long[] {3, 1}, new float[] {1, 2, 5});
            Map<String, TensorValue> out = servable.run(signature, Map.of("x", x), Set.of());
            assertThat(out.get("y").floats()).containsExactly(2.5f, 3.0f, 4.5f);
            assertThat(out.get("y").shape()).containsExactly(3, 1);
        }
    }

    @Test
    void readsTf2SignaturesAndSkipsTheInitOp() {
        try (Servable servable = loader.load(Fixtures.version("saved_model_half_plus_two_tf2_cpu", 123), SessionOptions.DEFAULTS)) {
            assertThat(servable.metadata().signatures()).containsKeys("serving_default", "regress_x_to_y",
                    "classify_x2_to_y3").doesNotContainKey(SignatureReader.INIT_OP_SIGNATURE);
            SignatureSpec signature = servable.metadata().signature("serving_default");
            TensorValue x = TensorValue.of(DataType.FP32, new long[] {1}, new float[] {5});
            assertThat(servable.run(signature, Map.of("x", x), Set.of()).get("y").floats()).containsExactly(4.5f);
        }
    }

    @Test
    void repairsHalfPlusThreeAndReportsTheBrokenSignature() {
        try (Servable servable = loader.load(Fixtures.version("saved_model_half_plus_three", 123), SessionOptions.DEFAULTS)) {
            assertThat(servable.metadata().unavailableSignatures()).containsOnlyKeys("tensorflow/serving/regress");
            assertThat(servable.metadata().unavailableSignatures().get("tensorflow/serving/regress"))
                    .contains("DT_FLOAT").contains("DT_STRING");
            SignatureSpec signature = servable.metadata().signature(null);
            TensorValue x = TensorValue.of(DataType.FP32, new long[] {3, 1}, new float[] {1, 2, 5});
            assertThat(servable.run(signature, Map.of("x", x), Set.of()).get("y").floats())
                    .containsExactly(3.5f, 4.0f, 5.5f);
            assertThatThrownBy(() -> servable.metadata().signature("tensorflow/serving/regress"))
                    .isInstanceOf(InferenceException.class).hasMessageContaining("unavailable");
        }
    }

    @Test
    void keepsUnknownRankAsDeclared() {
        try (Servable servable = loader.load(Fixtures.version("saved_model_half_plus_two_mlmd", 123), SessionOptions.DEFAULTS)) {
            SignatureSpec signature = servable.metadata().signature(null);
            assertThat(signature.inputs().get("x").shape().isUnknownRank()).isTrue();
            TensorValue x = TensorValue.of(DataType.FP32, new long[] {3}, new float[] {1, 2, 5});
            assertThat(servable.run(signature, Map.of("x", x), Set.of()).get("y").floats())
                    .containsExactly(2.5f, 3.0f, 4.5f);
        }
    }
}
