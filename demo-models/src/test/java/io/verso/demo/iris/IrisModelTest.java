package io.verso.demo.iris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.verso.contracts.FeatureBaseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IrisModelTest {

    /** CSV rows 1, 51 and 101: the first flower of each species. */
    private static final float[][] ONE_PER_CLASS = {{5.1f, 3.5f, 1.4f, 0.2f}, {7.0f, 3.2f, 4.7f, 1.4f},
            {6.3f, 3.3f, 6.0f, 2.5f}};

    @TempDir
    static Path root;

    static IrisModel.Training v1;
    static IrisModel.Training v2;

    @BeforeAll
    static void trainAndWrite() throws IOException {
        v1 = IrisModel.train(1);
        v2 = IrisModel.train(2);
        assertThat(IrisModel.writeTo(root)).isTrue();
    }

    @Test
    void trainingIsDeterministic() {
        for (IrisModel.Training first : List.of(v1, v2)) {
            IrisModel.Training again = IrisModel.train(first == v1 ? 1 : 2);
            assertThat(again.metadata()).isEqualTo(first.metadata());
            assertThat(again.classifier().layers()).hasSameSizeAs(first.classifier().layers());
            for (int i = 0; i < first.classifier().layers().size(); i++) {
                TrainedClassifier.Weights a = first.classifier().layers().get(i);
                TrainedClassifier.Weights b = again.classifier().layers().get(i);
                assertThat(Arrays.deepEquals(a.kernel(), b.kernel())).as("layer %d kernel", i).isTrue();
                assertThat(b.bias()).containsExactly(a.bias());
            }
        }
    }

    @Test
    void bothVersionsClassifyHeldOutFlowersWell() {
        for (IrisModel.Training training : List.of(v1, v2)) {
            assertThat(training.classifier().testAccuracy()).isGreaterThanOrEqualTo(0.9);
            assertThat(training.classifier().trainAccuracy()).isGreaterThanOrEqualTo(0.9);
            assertThat(training.metadata().metrics())
                    .containsEntry("test_accuracy", training.classifier().testAccuracy())
                    .containsEntry("train_accuracy", training.classifier().trainAccuracy());
        }
    }

    @Test
    void theVersionsAreDifferentModels() {
        assertThat(v1.classifier().layers()).hasSize(1);
        assertThat(v2.classifier().layers()).hasSize(2);
        assertThat(v2.classifier().layers().get(0).bias()).hasSize(16);
        assertThat(v1.metadata().tags()).containsEntry("hidden_units", "0").containsEntry("learning_rate", "0.5");
        assertThat(v2.metadata().tags()).containsEntry("hidden_units", "16").containsEntry("learning_rate", "0.1");
        assertThat(v1.metadata().metrics()).isNotEqualTo(v2.metadata().metrics());
    }

    @Test
    void baselinesDescribeTheTrainingRowsAndTheModelStandardisesWithThem() {
        IrisDataset train = IrisDataset.load().split(IrisModel.TEST_ROWS_PER_CLASS, IrisModel.SPLIT_SEED).train();
        Map<String, FeatureBaseline> features = v1.metadata().features();
        assertThat(features.keySet()).containsExactlyElementsOf(IrisDataset.FEATURES);
        for (int i = 0; i < 4; i++) {
            FeatureBaseline baseline = features.get(IrisDataset.FEATURES.get(i));
            double[] values = train.column(i);
            assertThat(baseline.count()).isEqualTo(120);
            assertThat(baseline.mean()).isCloseTo(Arrays.stream(values).average().orElseThrow(), within(1e-12));
            assertThat(baseline.min()).isEqualTo(Arrays.stream(values).min().orElseThrow());
            assertThat(baseline.max()).isEqualTo(Arrays.stream(values).max().orElseThrow());
            assertThat(v1.classifier().mean()[i]).isEqualTo(baseline.mean().floatValue());
            assertThat(v2.classifier().stddev()[i]).isEqualTo(baseline.stddev().floatValue());
        }
        assertThat(v2.metadata().features()).isEqualTo(features);
    }

    @Test
    void eachVersionCarriesItsMetadataAsRegistryJson() throws IOException {
        assertThat(IrisModel.writeTo(root)).as("second call keeps the first export").isFalse();
        for (long version : List.of(1L, 2L)) {
            JsonNode json = JsonMapper.builder().build().readTree(Files.readString(IrisModel.metadataFile(root, version)));
            IrisModel.Training training = version == 1 ? v1 : v2;
            assertThat(json.at("/metrics/test_accuracy").asDouble()).isEqualTo(training.classifier().testAccuracy());
            assertThat(json.at("/dataset").asString()).contains("doi:10.24432/C56C76", "CC BY 4.0");
            assertThat(json.at("/tags/steps").asString()).isEqualTo(training.metadata().tags().get("steps"));
            assertThat(json.at("/features/petal_length/count").asLong()).isEqualTo(120);
            assertThat(json.at("/features/petal_length/missingFraction").asDouble()).isZero();
            assertThat(json.at("/features/petal_length/quantiles/p50").isNumber()).isTrue();
            assertThat(json.at("/features/petal_length/histogram/boundaries").size()).isEqualTo(9);
            assertThat(json.at("/features/petal_length/histogram/fractions").size()).isEqualTo(10);
        }
    }

    @Test
    void servingDefaultPredictsTheSpeciesOfKnownRows() {
        for (long version : List.of(1L, 2L)) {
            try (SavedModelBundle bundle = load(version);
                 TFloat32 features = TFloat32.tensorOf(StdArrays.ndCopyOf(ONE_PER_CLASS));
                 Result result = bundle.function("serving_default").call(Map.<String, Tensor>of("features", features))) {
                long[] classIds = StdArrays.array1dCopyOf((TInt64) result.get("class_ids").orElseThrow());
                float[][] probabilities = StdArrays.array2dCopyOf((TFloat32) result.get("probabilities").orElseThrow());
                assertThat(classIds).as("version %d", version).containsExactly(0, 1, 2);
                for (float[] row : probabilities) {
                    assertThat(row[0] + row[1] + row[2]).isCloseTo(1f, within(1e-5f));
                }
            }
        }
    }

    @Test
    void classifyAnswersClassNamesAndScoresForSerializedExamples() {
        for (long version : List.of(1L, 2L)) {
            try (SavedModelBundle bundle = load(version);
                 TString examples = TString.tensorOfBytes(NdArrays.vectorOfObjects(
                         example(ONE_PER_CLASS[0]), example(ONE_PER_CLASS[1]), example(ONE_PER_CLASS[2])));
                 TFloat32 features = TFloat32.tensorOf(StdArrays.ndCopyOf(ONE_PER_CLASS));
                 Result classified = bundle.function("classify").call(Map.<String, Tensor>of("inputs", examples));
                 Result predicted = bundle.function("serving_default").call(Map.<String, Tensor>of("features", features))) {
                TString classes = (TString) classified.get("classes").orElseThrow();
                float[][] scores = StdArrays.array2dCopyOf((TFloat32) classified.get("scores").orElseThrow());
                assertThat(classes.shape().asArray()).containsExactly(3, 3);
                for (int row = 0; row < 3; row++) {
                    assertThat(List.of(classes.getObject(row, 0), classes.getObject(row, 1), classes.getObject(row, 2)))
                            .containsExactly("setosa", "versicolor", "virginica");
                    assertThat(argMax(scores[row])).as("version %d row %d", version, row).isEqualTo(row);
                }
                float[][] probabilities = StdArrays.array2dCopyOf((TFloat32) predicted.get("probabilities").orElseThrow());
                assertThat(scores).isDeepEqualTo(probabilities);
            }
        }
    }

    @Test
    void signaturesHaveTheShapesTensorFlowServingClientsExpect() {
        try (SavedModelBundle bundle = load(2)) {
            Map<String, SignatureDef> signatures = bundle.metaGraphDef().getSignatureDefMap();
            SignatureDef predict = signatures.get("serving_default");
            assertThat(predict.getMethodName()).isEqualTo("tensorflow/serving/predict");
            assertThat(dims(predict.getInputsOrThrow("features"))).containsExactly(-1L, 4L);
            assertThat(dims(predict.getOutputsOrThrow("probabilities"))).containsExactly(-1L, 3L);
            assertThat(predict.getOutputsOrThrow("class_ids").getDtype()).isEqualTo(DataType.DT_INT64);

            SignatureDef classify = signatures.get("classify");
            assertThat(classify.getMethodName()).isEqualTo("tensorflow/serving/classify");
            assertThat(classify.getInputsMap()).containsOnlyKeys("inputs");
            assertThat(classify.getInputsOrThrow("inputs").getDtype()).isEqualTo(DataType.DT_STRING);
            assertThat(classify.getOutputsOrThrow("classes").getDtype()).isEqualTo(DataType.DT_STRING);
            assertThat(dims(classify.getOutputsOrThrow("classes"))).containsExactly(-1L, 3L);
            assertThat(dims(classify.getOutputsOrThrow("scores"))).containsExactly(-1L, 3L);
        }
    }

    @Test
    void anExampleWithoutAFeatureIsRefused() {
        Example partial = Example.newBuilder().setFeatures(Features.newBuilder()
                .putFeature("sepal_length", floats(5.1f))).build();
        try (SavedModelBundle bundle = load(1);
             TString examples = TString.tensorOfBytes(NdArrays.vectorOfObjects(partial.toByteArray()))) {
            assertThatThrownBy(() -> bundle.function("classify").call(Map.<String, Tensor>of("inputs", examples)))
                    .isInstanceOf(TFInvalidArgumentException.class)
                    .hasMessageContaining("sepal_width");
        }
    }

    private static SavedModelBundle load(long version) {
        return SavedModelBundle.loader(IrisModel.versionDirectory(root, version).toString()).withTags("serve").load();
    }

    private static byte[] example(float[] row) {
        Features.Builder features = Features.newBuilder();
        for (int i = 0; i < 4; i++) {
            features.putFeature(IrisDataset.FEATURES.get(i), floats(row[i]));
        }
        return Example.newBuilder().setFeatures(features).build().toByteArray();
    }

    private static Feature floats(float value) {
        return Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(value)).build();
    }

    private static List<Long> dims(TensorInfo info) {
        return info.getTensorShape().getDimList().stream().map(d -> d.getSize()).toList();
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
