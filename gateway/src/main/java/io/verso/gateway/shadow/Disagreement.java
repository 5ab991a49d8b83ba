package io.verso.gateway.shadow;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How far two answers of the same request are apart: the maximum absolute difference over their numeric outputs,
 * in order ({@code predictions} for TF Serving predict, {@code results} for classify/regress, each
 * {@code outputs[].data} for V2). Empty when they cannot be compared number by number: different shapes, no
 * numbers, not JSON.
 */
public final class Disagreement {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Disagreement() {
    }

    public static OptionalDouble maxAbsoluteDifference(byte[] answered, byte[] shadow) {
        List<Double> left;
        List<Double> right;
        try {
            left = outputs(JSON.readTree(answered));
            right = outputs(JSON.readTree(shadow));
        } catch (RuntimeException notJson) {
            return OptionalDouble.empty();
        }
        if (left.isEmpty() || left.size() != right.size()) {
            return OptionalDouble.empty();
        }
        double max = 0;
        for (int i = 0; i < left.size(); i++) {
            max = Math.max(max, Math.abs(left.get(i) - right.get(i)));
        }
        return OptionalDouble.of(max);
    }

    private static List<Double> outputs(JsonNode answer) {
        List<Double> numbers = new ArrayList<>();
        if (answer.has("predictions")) {
            collect(answer.get("predictions"), numbers);
        } else if (answer.has("results")) {
            collect(answer.get("results"), numbers);
        } else if (answer.has("outputs")) {
            // V2 outputs also carry name, datatype and shape; only the data are the model's answer.
            answer.get("outputs").forEach(output -> collect(output.path("data"), numbers));
        }
        return numbers;
    }

    private static void collect(JsonNode node, List<Double> numbers) {
        if (node.isNumber()) {
            numbers.add(node.doubleValue());
        } else if (node.isContainer()) {
            node.forEach(child -> collect(child, numbers));
        }
    }
}
