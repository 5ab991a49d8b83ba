package io.verso.inference.lifecycle.source;

import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.JsonTensors;
import java.util.Arrays;

/**
 * Reads the tensors of {@link JsonWarmup}'s file into {@link TensorValue}s: the Open Inference Protocol's form of a
 * tensor (a datatype name, a shape and flat or nested data), read by the same rules as requests.
 */
final class WarmupTensors {

    private WarmupTensors() {
    }

    static TensorValue decode(String key, JsonWarmup.WarmupTensor tensor) {
        if (tensor == null || tensor.datatype() == null || tensor.shape() == null || tensor.data() == null) {
            throw new IllegalArgumentException("input '" + key + "' needs datatype, shape and data");
        }
        DataType type = DataType.fromV2Name(tensor.datatype()).orElseThrow(() -> new IllegalArgumentException(
                "input '" + key + "' has the unknown datatype '" + tensor.datatype() + "'; one of "
                        + Arrays.stream(DataType.values()).map(DataType::v2Name).toList()));
        return JsonTensors.readShaped(tensor.data(), type, tensor.shape(), key);
    }
}
