package io.verso.inference.monitoring.drift;

import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.monitoring.AnalysisSample;
import java.util.Set;

/**
 * Hands the inputs of successful predict calls on the default signature to the {@link DriftWorker}: that is where
 * numeric (and string) features arrive as themselves. Classify and regress take serialized tf.Examples, other
 * signatures may take other inputs, and failed calls may carry inputs the model refused; none of them are counted,
 * nor are calls a client steered to its version ({@link AnalysisSample}): a client pinning skewed inputs to a
 * canary would otherwise make the canary look drifted.
 */
public final class DriftObserver implements InferenceObserver {

    private static final Set<String> PREDICT_METHODS = Set.of("predict", "infer");

    private final DriftWorker worker;

    public DriftObserver(DriftWorker worker) {
        this.worker = worker;
    }

    @Override
    public void completed(InferenceRecord record) {
        if (record.succeeded() && AnalysisSample.routed(record) && record.inputs() != null && record.version() > 0
                && PREDICT_METHODS.contains(record.method())
                && SignatureSpec.DEFAULT_KEY.equals(record.signature())) {
            worker.offer(record.model(), record.version(), record.inputs());
        }
    }
}
