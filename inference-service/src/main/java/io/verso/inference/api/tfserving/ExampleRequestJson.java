package io.verso.inference.api.tfserving;

import io.verso.inference.dataplane.InputDecoder;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A {@code :classify} or {@code :regress} body: {@code "examples"} (objects of features) and an optional
 * {@code "context"} whose features every example shares. Each example becomes a serialized {@code tf.Example}
 * fed to the signature's one string input. Feature values follow TensorFlow Serving: integers make an int64 list,
 * any fractional number a float list, strings or {@code {"b64": ...}} a bytes list.
 *
 * <p>Which signatures take them: see {@link Examples}.
 */
record ExampleRequestJson(String signatureName, String expectedMethod, List<Map<String, TfExampleEncoder.Feature>> examples)
        implements InputDecoder {

    static ExampleRequestJson parse(JsonNode body, String expectedMethod) {
        if (body == null || !body.isObject()) {
            throw InferenceException.invalid("request body must be a JSON object with 'examples'");
        }
        JsonNode examples = body.get("examples");
        if (examples == null || !examples.isArray() || examples.isEmpty()) {
            throw InferenceException.invalid("'examples' must be a non-empty list of objects");
        }
        Map<String, TfExampleEncoder.Feature> context = body.get("context") == null ? Map.of()
                : features(body.get("context"), "context");
        List<Map<String, TfExampleEncoder.Feature>> parsed = new ArrayList<>();
        int index = 0;
        for (JsonNode example : examples) {
            Map<String, TfExampleEncoder.Feature> features = new LinkedHashMap<>(context);
            features.putAll(features(example, "example " + index++));
            parsed.add(features);
        }
        return new ExampleRequestJson(PredictRequestJson.signatureName(body), expectedMethod, parsed);
    }

    @Override
    public Map<String, TensorValue> decode(SignatureSpec signature) {
        byte[][] serialized = new byte[examples.size()][];
        for (int i = 0; i < serialized.length; i++) {
            serialized[i] = TfExampleEncoder.encode(examples.get(i));
        }
        return Examples.input(signature, expectedMethod, serialized);
    }

    private static Map<String, TfExampleEncoder.Feature> features(JsonNode object, String where) {
        if (!object.isObject()) {
            throw InferenceException.invalid(where + " must be an object of features, not " + object.getNodeType());
        }
        Map<String, TfExampleEncoder.Feature> features = new LinkedHashMap<>();
        object.properties().forEach(e -> features.put(e.getKey(), feature(e.getValue(), where + " feature '"
                + e.getKey() + "'")));
        return features;
    }

    private static TfExampleEncoder.Feature feature(JsonNode value, String where) {
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        if (values.isEmpty()) {
            throw InferenceException.invalid(where + " is an empty list");
        }
        if (values.stream().allMatch(JsonNode::isNumber)) {
            if (values.stream().allMatch(JsonNode::isIntegralNumber)) {
                return new TfExampleEncoder.Feature(null, null, values.stream().mapToLong(JsonNode::longValue).toArray());
            }
            float[] floats = new float[values.size()];
            for (int i = 0; i < floats.length; i++) {
                floats[i] = values.get(i).floatValue();
            }
            return new TfExampleEncoder.Feature(null, floats, null);
        }
        List<byte[]> bytes = new ArrayList<>();
        for (JsonNode v : values) {
            if (v.isString()) {
                bytes.add(v.stringValue().getBytes(StandardCharsets.UTF_8));
            } else if (v.isObject() && v.get("b64") != null && v.get("b64").isString()) {
                try {
                    bytes.add(Base64.getDecoder().decode(v.get("b64").stringValue()));
                } catch (IllegalArgumentException e) {
                    throw InferenceException.invalid(where + " has invalid base64: " + e.getMessage());
                }
            } else {
                throw InferenceException.invalid(where + " mixes value kinds or holds " + v.getNodeType()
                        + "; a feature is a number, a string or {\"b64\": ...}, or a list of one kind");
            }
        }
        return new TfExampleEncoder.Feature(bytes, null, null);
    }
}
