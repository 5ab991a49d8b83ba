package io.verso.inference.model;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignatureValidatorTest {

    private static final SignatureSpec SIMPLE = new SignatureSpec("serving_default", SignatureSpec.PREDICT_METHOD,
            Map.of("INPUT0", new TensorSpec("INPUT0", "INPUT0:0", DataType.INT32, TensorShape.of(-1, 16)),
                    "INPUT1", new TensorSpec("INPUT1", "INPUT1:0", DataType.INT32, TensorShape.of(-1, 16))),
            Map.of("OUTPUT0", new TensorSpec("OUTPUT0", "add:0", DataType.INT32, TensorShape.of(-1, 16))));

    private static final SignatureSpec COLUMN = new SignatureSpec("serving_default", SignatureSpec.PREDICT_METHOD,
            Map.of("x", new TensorSpec("x", "x:0", DataType.FP32, TensorShape.of(-1, 1))), Map.of());

    private static TensorValue ints(long... shape) {
        return TensorValue.of(DataType.INT32, shape, new int[(int) TensorShape.elementCount(shape)]);
    }

    private static TensorValue floats(long... shape) {
        return TensorValue.of(DataType.FP32, shape, new float[(int) TensorShape.elementCount(shape)]);
    }

    @Test
    void acceptsMatchingInputs() {
        assertThatCode(() -> SignatureValidator.validate(SIMPLE, Map.of("INPUT0", ints(2, 16), "INPUT1", ints(2, 16)),
                Set.of("OUTPUT0"))).doesNotThrowAnyException();
    }

    @Test
    void namesAnUnknownInput() {
        assertThatThrownBy(() -> SignatureValidator.validate(SIMPLE,
                Map.of("INPUT0", ints(1, 16), "INPUT1", ints(1, 16), "INPUT2", ints(1, 16)), Set.of()))
                .hasMessageContaining("input 'INPUT2' is not an input of signature 'serving_default'");
    }

    @Test
    void namesAMissingInput() {
        assertThatThrownBy(() -> SignatureValidator.validate(SIMPLE, Map.of("INPUT0", ints(1, 16)), Set.of()))
                .hasMessageContaining("missing input 'INPUT1'");
    }

    @Test
    void namesAnUnknownOutput() {
        assertThatThrownBy(() -> SignatureValidator.validate(SIMPLE,
                Map.of("INPUT0", ints(1, 16), "INPUT1", ints(1, 16)), Set.of("OUTPUT9")))
                .hasMessageContaining("output 'OUTPUT9' is not an output");
    }

    @Test
    void refusesTheWrongDtype() {
        assertThatThrownBy(() -> SignatureValidator.validate(SIMPLE,
                Map.of("INPUT0", floats(1, 16), "INPUT1", ints(1, 16)), Set.of()))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("input 'INPUT0' expects DT_INT32 (INT32) but got DT_FLOAT (FP32)");
    }

    @Test
    void refusesTheWrongRankAndFixedDimension() {
        assertThatThrownBy(() -> SignatureValidator.validate(SIMPLE,
                Map.of("INPUT0", ints(16), "INPUT1", ints(1, 16)), Set.of()))
                .hasMessageContaining("input 'INPUT0' expects shape [-1,16] (rank 2) but got shape [16] (rank 1)");
        assertThatThrownBy(() -> SignatureValidator.validate(SIMPLE,
                Map.of("INPUT0", ints(1, 15), "INPUT1", ints(1, 16)), Set.of()))
                .hasMessageContaining("dimension 1 must be 16, not 15");
    }

    @Test
    void refusesInputsThatDisagreeOnTheBatchSize() {
        assertThatThrownBy(() -> SignatureValidator.validate(SIMPLE,
                Map.of("INPUT0", ints(2, 16), "INPUT1", ints(3, 16)), Set.of()))
                .hasMessageContaining("disagree on the batch size");
    }

    @Test
    void letsAVectorOmitTrailingUnitDimensionsAsTensorFlowServingDoes() {
        assertThatCode(() -> SignatureValidator.validate(COLUMN, Map.of("x", floats(3)), Set.of()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SignatureValidator.validate(COLUMN, Map.of("x", floats()), Set.of()))
                .hasMessageContaining("rank");
    }

    @Test
    void elementCountMustMatchTheShape() {
        assertThatThrownBy(() -> TensorValue.of(DataType.FP32, new long[] {2, 2}, new float[3]))
                .hasMessageContaining("shape [2,2] needs 4 elements but 3 were given");
    }
}
