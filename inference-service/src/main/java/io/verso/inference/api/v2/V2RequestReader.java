package io.verso.inference.api.v2;

import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.json.Json;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON header of an infer request and hands each binary input its slice of the body. With Triton's
 * binary tensor extension the body is {@code <JSON header><raw tensors>}, the header's length in
 * {@code Inference-Header-Content-Length}, and the raw tensors follow in input order, each as long as its
 * {@code parameters.binary_data_size}; the sizes must account for every byte. Only the structure is checked here;
 * values are decoded later against the model's signature, on an inference thread.
 */
final class V2RequestReader {

    static final String HEADER_LENGTH = "Inference-Header-Content-Length";
    private static final String SUPPORTED_TYPES = Arrays.stream(DataType.values())
            .map(DataType::v2Name).collect(Collectors.joining(", "));

    private V2RequestReader() {
    }

    /**
     * @param body the whole request body
     * @param headerLength the {@code Inference-Header-Content-Length} header's value; null when absent, in which
     *     case the whole body is JSON
     * @throws InferenceException INVALID_ARGUMENT naming what is wrong
     * @throws tools.jackson.core.JacksonException when the JSON header does not parse
     */
    static V2InferRequest read(byte[] body, String headerLength) {
        int jsonLength = headerLength == null ? body.length : parseHeaderLength(headerLength, body.length);
        if (jsonLength == 0) {
            throw InferenceException.invalid("the request body is empty; expected a JSON inference request");
        }
        JsonNode root = Json.MAPPER.readTree(body, 0, jsonLength);
        if (root == null || !root.isObject()) {
            throw InferenceException.invalid("the inference request must be a JSON object");
        }
        ByteBuffer binary = headerLength == null ? null
                : ByteBuffer.wrap(body, jsonLength, body.length - jsonLength).slice();
        JsonNode parameters = object(root, "parameters", "the request");
        String id = optionalString(root, "id", "the request");
        String signatureName = optionalString(parameters, "signature_name", "the request's parameters");
        boolean binaryOutputs = Boolean.TRUE.equals(
                optionalBoolean(parameters, "binary_data_output", "the request's parameters"));
        List<V2Input> inputs = readInputs(root, binary);
        return new V2InferRequest(id, signatureName, binaryOutputs, inputs, readOutputs(root));
    }

    private static int parseHeaderLength(String value, int bodyLength) {
        long length;
        try {
            length = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw InferenceException.invalid(HEADER_LENGTH + " must be a number of bytes, not '" + value + "'");
        }
        if (length < 0 || length > bodyLength) {
            throw InferenceException.invalid(HEADER_LENGTH + " is " + length + " but the body has only "
                    + bodyLength + " bytes");
        }
        return (int) length;
    }

    private static List<V2Input> readInputs(JsonNode root, ByteBuffer binary) {
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray()) {
            throw InferenceException.invalid("the request needs an 'inputs' array");
        }
        List<V2Input> result = new ArrayList<>(inputs.size());
        Set<String> names = new HashSet<>();
        int offset = 0;
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            if (!input.isObject()) {
                throw InferenceException.invalid("inputs[" + i + "] must be a JSON object");
            }
            String name = requiredString(input, "name", "inputs[" + i + "]");
            String what = "input '" + name + "'";
            if (!names.add(name)) {
                throw InferenceException.invalid(what + " appears more than once");
            }
            DataType datatype = datatype(requiredString(input, "datatype", what), what);
            long[] shape = shape(input.get("shape"), what);
            Long binarySize = optionalSize(object(input, "parameters", what), what);
            JsonNode data = input.get("data");
            ByteBuffer slice = null;
            if (binarySize != null) {
                if (data != null) {
                    throw InferenceException.invalid(what + " has both 'data' and parameters.binary_data_size");
                }
                if (binary == null) {
                    throw InferenceException.invalid(what + " sets parameters.binary_data_size but the request has "
                            + "no " + HEADER_LENGTH + " header to say where the binary data starts");
                }
                if (binarySize > binary.remaining() - offset) {
                    throw InferenceException.invalid(what + " has binary_data_size " + binarySize + " but only "
                            + (binary.remaining() - offset) + " bytes of binary data are left for it");
                }
                slice = binary.slice(offset, (int) (long) binarySize);
                offset += (int) (long) binarySize;
            } else if (data == null) {
                throw InferenceException.invalid(what + " has neither 'data' nor parameters.binary_data_size");
            }
            result.add(new V2Input(name, datatype, shape, data, slice));
        }
        if (binary != null && offset != binary.remaining()) {
            throw InferenceException.invalid("the binary part of the body is " + binary.remaining()
                    + " bytes but the inputs' binary_data_size add up to " + offset);
        }
        return result;
    }

    private static List<V2RequestedOutput> readOutputs(JsonNode root) {
        JsonNode outputs = root.get("outputs");
        if (outputs == null || outputs.isNull()) {
            return List.of();
        }
        if (!outputs.isArray()) {
            throw InferenceException.invalid("'outputs' must be an array");
        }
        List<V2RequestedOutput> result = new ArrayList<>(outputs.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < outputs.size(); i++) {
            JsonNode output = outputs.get(i);
            if (!output.isObject()) {
                throw InferenceException.invalid("outputs[" + i + "] must be a JSON object");
            }
            String name = requiredString(output, "name", "outputs[" + i + "]");
            String what = "output '" + name + "'";
            if (!names.add(name)) {
                throw InferenceException.invalid(what + " is requested more than once");
            }
            Boolean binary = optionalBoolean(object(output, "parameters", what), "binary_data", what);
            result.add(new V2RequestedOutput(name, binary));
        }
        return result;
    }

    private static DataType datatype(String name, String what) {
        return DataType.fromV2Name(name).orElseThrow(() -> InferenceException.invalid(what
                + " has unknown datatype '" + name + "'; supported: " + SUPPORTED_TYPES));
    }

    private static long[] shape(JsonNode shape, String what) {
        if (shape == null || !shape.isArray()) {
            throw InferenceException.invalid(what + " needs a 'shape' array");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode dim = shape.get(i);
            if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.longValue() < 0) {
                throw InferenceException.invalid(what + " has an invalid shape " + shape
                        + ": dimensions must be non-negative integers");
            }
            dims[i] = dim.longValue();
        }
        return dims;
    }

    private static Long optionalSize(JsonNode parameters, String what) {
        JsonNode size = parameters.get("binary_data_size");
        if (size == null || size.isNull()) {
            return null;
        }
        if (!size.isIntegralNumber() || !size.canConvertToInt() || size.intValue() < 0) {
            throw InferenceException.invalid(what + " has an invalid binary_data_size " + size
                    + ": it must be a non-negative number of bytes");
        }
        return size.longValue();
    }

    /** The object at {@code field}, or an empty object when absent, so callers need no null checks. */
    private static JsonNode object(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!value.isObject()) {
            throw InferenceException.invalid("'" + field + "' of " + what + " must be a JSON object");
        }
        return value;
    }

    private static String requiredString(JsonNode node, String field, String what) {
        String value = optionalString(node, field, what);
        if (value == null || value.isEmpty()) {
            throw InferenceException.invalid(what + " needs a '" + field + "' string");
        }
        return value;
    }

    private static String optionalString(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw InferenceException.invalid("'" + field + "' of " + what + " must be a string, not " + value);
        }
        return value.stringValue();
    }

    private static Boolean optionalBoolean(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw InferenceException.invalid("'" + field + "' of " + what + " must be true or false, not " + value);
        }
        return value.booleanValue();
    }
}
