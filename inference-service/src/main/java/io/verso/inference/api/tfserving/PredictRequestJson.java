package io.verso.inference.api.tfserving;

import io.verso.inference.dataplane.InputDecoder;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorSpec;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.JsonTensors;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A {@code :predict} body. The row format ({@code "instances"}) lists one entry per batch element: a value for a
 * single-input signature, or an object of named inputs; the columnar format ({@code "inputs"}) gives whole tensors,
 * as a value or an object of named inputs. Values are read against the signature's dtypes, since JSON has none.
 */
record PredictRequestJson(String signatureName, boolean rowFormat, JsonNode payload) implements InputDecoder {

    static PredictRequestJson parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InferenceException.invalid("request body must be a JSON object with 'instances' or 'inputs'");
        }
        JsonNode instances = body.get("instances");
        JsonNode inputs = body.get("inputs");
        if ((instances == null) == (inputs == null)) {
            throw InferenceException.invalid("Expected exactly one of 'instances' (row format) or 'inputs' "
                    + "(columnar format) keys in the request body");
        }
        return new PredictRequestJson(signatureName(body), instances != null, instances != null ? instances : inputs);
    }

    static String signatureName(JsonNode body) {
        JsonNode name = body.get("signature_name");
        if (name == null || name.isNull()) {
            return null;
        }
        if (!name.isString()) {
            throw InferenceException.invalid("'signature_name' must be a string, not " + name);
        }
        return name.stringValue();
    }

    @Override
    public Map<String, TensorValue> decode(SignatureSpec signature) {
        return rowFormat ? decodeRows(signature) : decodeColumns(signature);
    }

    private Map<String, TensorValue> decodeRows(SignatureSpec signature) {
        if (!payload.isArray() || payload.isEmpty()) {
            throw InferenceException.invalid("'instances' must be a non-empty list");
        }
        if (!isNamedInputs(payload.get(0))) {
            TensorSpec only = singleInput(signature, "instances is a plain list");
            return Map.of(only.key(), JsonTensors.readNested(payload, only.dataType(), only.key()));
        }
        Set<String> keys = new LinkedHashSet<>();
        payload.get(0).propertyNames().forEach(keys::add);
        Map<String, ArrayNode> columns = new LinkedHashMap<>();
        keys.forEach(key -> columns.put(key, JsonNodeFactory.instance.arrayNode()));
        int index = 0;
        for (JsonNode instance : payload) {
            if (!isNamedInputs(instance) || instance.size() != keys.size()) {
                throw InferenceException.invalid("instance " + index + " does not have the named inputs of the "
                        + "first instance " + keys);
            }
            for (String key : keys) {
                JsonNode value = instance.get(key);
                if (value == null) {
                    throw InferenceException.invalid("instance " + index + " lacks input '" + key + "'");
                }
                columns.get(key).add(value);
            }
            index++;
        }
        Map<String, TensorValue> tensors = new LinkedHashMap<>();
        columns.forEach((key, column) -> tensors.put(key, read(signature, key, column)));
        return tensors;
    }

    private Map<String, TensorValue> decodeColumns(SignatureSpec signature) {
        if (!isNamedInputs(payload)) {
            TensorSpec only = singleInput(signature, "inputs is a single tensor");
            return Map.of(only.key(), JsonTensors.readNested(payload, only.dataType(), only.key()));
        }
        Map<String, TensorValue> tensors = new LinkedHashMap<>();
        payload.properties().forEach(entry -> tensors.put(entry.getKey(), read(signature, entry.getKey(), entry.getValue())));
        return tensors;
    }

    private static TensorValue read(SignatureSpec signature, String key, JsonNode value) {
        TensorSpec spec = signature.inputs().get(key);
        if (spec == null) {
            throw InferenceException.invalid("input '" + key + "' is not an input of signature '" + signature.key()
                    + "'; its inputs are " + signature.inputs().keySet());
        }
        return JsonTensors.readNested(value, spec.dataType(), key);
    }

    private static TensorSpec singleInput(SignatureSpec signature, String what) {
        if (signature.inputs().size() != 1) {
            throw InferenceException.invalid(what + ", but signature '" + signature.key() + "' has "
                    + signature.inputs().size() + " inputs " + signature.inputs().keySet()
                    + "; send an object of named inputs");
        }
        return signature.inputs().values().iterator().next();
    }

    /** An object of named inputs, as opposed to a {@code {"b64": ...}} value. */
    private static boolean isNamedInputs(JsonNode node) {
        return node.isObject() && !(node.size() == 1 && node.get("b64") != null);
    }
}
