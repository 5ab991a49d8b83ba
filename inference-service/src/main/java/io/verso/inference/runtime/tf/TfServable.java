package io.verso.inference.runtime.tf;

import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.Servable;
import io.verso.inference.model.ServableMetadata;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.SignatureValidator;
import io.verso.inference.model.TensorSpec;
import io.verso.inference.model.TensorValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * A loaded SavedModel. Runs a signature by feeding and fetching its graph tensors by name through one
 * {@link Session}, which TensorFlow allows from many threads at once. Every request is validated first, because
 * TensorFlow checks neither names nor shapes of what it is fed.
 */
final class TfServable implements Servable {

    private final SavedModelBundle bundle;
    private final ServableMetadata metadata;

    TfServable(SavedModelBundle bundle, ServableMetadata metadata) {
        this.bundle = bundle;
        this.metadata = metadata;
    }

    @Override
    public ServableMetadata metadata() {
        return metadata;
    }

    @Override
    public Map<String, TensorValue> run(SignatureSpec signature, Map<String, TensorValue> inputs,
                                        Set<String> outputKeys) {
        SignatureValidator.validate(signature, inputs, outputKeys);
        List<TensorSpec> fetched = signature.outputs().values().stream()
                .filter(spec -> outputKeys.isEmpty() || outputKeys.contains(spec.key())).toList();
        List<Tensor> fed = new ArrayList<>(inputs.size());
        try {
            Session.Runner runner = bundle.session().runner();
            for (TensorSpec spec : signature.inputs().values()) {
                Tensor tensor = TensorConverter.toTensor(inputs.get(spec.key()));
                fed.add(tensor);
                runner.feed(spec.tensorName(), tensor);
            }
            fetched.forEach(spec -> runner.fetch(spec.tensorName()));
            try (Result result = runner.run()) {
                Map<String, TensorValue> outputs = new LinkedHashMap<>();
                for (int i = 0; i < fetched.size(); i++) {
                    outputs.put(fetched.get(i).key(), TensorConverter.fromTensor(result.get(i)));
                }
                return outputs;
            }
        } catch (TFInvalidArgumentException | TFOutOfRangeException e) {
            // Inputs were validated against the signature above: what TensorFlow refuses now is the graph's doing.
            throw InferenceException.raisedByModel(ErrorCode.INVALID_ARGUMENT, firstLine(e), e);
        } catch (TensorFlowException e) {
            throw InferenceException.raisedByModel(ErrorCode.INTERNAL, firstLine(e), e);
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /** TensorFlow appends multi-line graph traces to its messages; the client needs the first line. */
    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        bundle.close();
    }
}
