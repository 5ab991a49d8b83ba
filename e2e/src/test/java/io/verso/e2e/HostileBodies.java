package io.verso.e2e;

import static io.verso.e2e.Choices.option;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Generators of malformed and adversarial inference requests: valid request shapes with one slot filled by a
 * hostile value (wrong type, huge or non-finite number, deep nesting, invalid base64, a 5 MB string...), bodies
 * truncated mid-way, wrong tensor shapes, unknown fields, non-JSON bytes, and for Triton's binary extension
 * lying length headers and sizes. The huge bodies are a small fraction so that thousands of cases stay quick.
 */
final class HostileBodies {

    /** A binary-extension request: its body and the Inference-Header-Content-Length to send (null: none). */
    record BinaryRequest(byte[] body, String headerLength) {
        @Override
        public String toString() {
            return "Inference-Header-Content-Length " + headerLength + ", body " + preview(body);
        }
    }

    static final String VALID_PREDICT = "{\"instances\": [[1.0], [5.0]]}";
    static final String VALID_EXAMPLES = "{\"examples\": [{\"x\": 1.0}, {\"x\": 5.0}]}";
    static final String SIXTEEN = numbers(16);
    static final String VALID_V2 = "{\"inputs\": [" + v2Input("\"INPUT0\"", "[1, 16]", "\"INT32\"", SIXTEEN) + ", "
            + v2Input("\"INPUT1\"", "[1, 16]", "\"INT32\"", SIXTEEN) + "]}";

    private static final int FIVE_MB = 5 * 1024 * 1024;
    private static final String[] TF_SERVING_SLOTS = {
        "{\"instances\": %s}",
        "{\"instances\": [%s]}",
        "{\"instances\": [[%s], [1.0]]}",
        "{\"inputs\": %s}",
        "{\"inputs\": {\"x\": %s}}",
        "{\"signature_name\": %s, \"instances\": [[1.0]]}",
        "{\"instances\": [[1.0]], \"unknown_field\": %s}",
        "{\"instances\": [[1.0]], \"inputs\": %s}",
        "{\"examples\": %s}",
        "{\"examples\": [{\"x\": %s}]}",
        "{\"examples\": [{\"x\": {\"b64\": %s}}]}",
        "{\"context\": %s, \"examples\": [{\"x\": 1.0}]}",
        "{\"signature_name\": %s, \"examples\": [{\"x\": 1.0}]}",
        "%s"};
    private static final String[] TF_SERVING_SHAPES = {
        "{\"instances\": [[1.0], [1.0, 2.0]]}",
        "{\"instances\": [[[1.0]], [2.0]]}",
        "{\"instances\": []}",
        "{\"instances\": [[]]}",
        "{\"inputs\": {\"x\": [[1.0], [2.0, 3.0]]}}",
        "{\"instances\": [{\"x\": [1.0]}, [2.0]]}",
        "{\"examples\": [{\"x\": [1.0, 2.0]}, {\"x\": \"text\"}]}",
        "{\"examples\": []}",
        "{}",
        "[]"};
    private static final String[] HOSTILE_TOKENS = {
        "NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "1e309", "-1e400", "1E-400",
        "123456789012345678901234567890123456789", "9223372036854775808", "-9223372036854775809", "2147483648",
        "-0", "0x10", "01", "1.", ".5", "+1", "null", "true", "false", "{}", "[]", "[[]]", "\"\"",
        "{\"b64\": \"%%% not base64 %%%\"}", "{\"b64\": 12}", "{\"b64\": \"QUJ\"}", "{\"b64\": \"QUJD\"}",
        "{\"b64\": null}", "{\"b64\": \"QUJD\", \"x\": 1}", "\"%%% not base64 %%%\"", "\"\\u0000\"", "\"\\ud800\"",
        "{\"x\": }", "[1, 2,]", "'single'", "undefined"};
    private static final String[] SHAPES = {
        "[1, 16]", "[16]", "[2, 8]", "[1, 15]", "[1, 17]", "[]", "[0, 16]", "[-1, 16]", "[1, -16]",
        "[1000000000, 1000000000]", "[2147483647, 2147483647, 2147483647]", "[9223372036854775807]", "[1, 16.5]",
        "[\"1\", 16]", "null", "{}", "16"};

    private HostileBodies() {
    }

    /** A body for the TF Serving REST API's {@code :predict}, {@code :classify} and {@code :regress}. */
    static String tfServing(Choices c) {
        return c.weighted(
                option(12, () -> c.oneOf(TF_SERVING_SLOTS).formatted(value(c, 3))),
                option(2, () -> c.oneOf(TF_SERVING_SHAPES)),
                option(2, () -> truncated(c, c.oneOf(VALID_PREDICT, VALID_EXAMPLES))),
                option(1, () -> garbage(c)));
    }

    /** A JSON body for {@code /v2/models/simple/infer}. */
    static String v2Json(Choices c) {
        String open = VALID_V2.substring(0, VALID_V2.length() - 1);
        String second = ", " + v2Input("\"INPUT1\"", "[1, 16]", "\"INT32\"", SIXTEEN) + "]}";
        return c.weighted(
                option(2, () -> "{\"inputs\": [" + v2Input(value(c, 3), "[1, 16]", "\"INT32\"", SIXTEEN) + "]}"),
                option(2, () -> "{\"inputs\": [" + v2Input("\"INPUT0\"", value(c, 3), "\"INT32\"", SIXTEEN) + second),
                option(2, () -> "{\"inputs\": [" + v2Input("\"INPUT0\"", "[1, 16]", value(c, 3), SIXTEEN) + second),
                option(2, () -> "{\"inputs\": [" + v2Input("\"INPUT0\"", "[1, 16]", "\"INT32\"", value(c, 3)) + second),
                option(1, () -> "{\"inputs\": " + value(c, 3) + "}"),
                option(1, () -> open + ", \"outputs\": " + value(c, 3) + "}"),
                option(1, () -> open + ", \"outputs\": [{\"name\": \"OUTPUT0\", \"parameters\": {\"binary_data\": "
                        + value(c, 3) + "}}]}"),
                option(1, () -> open + ", \"parameters\": " + value(c, 3) + "}"),
                option(1, () -> open + ", \"id\": " + value(c, 3) + "}"),
                option(1, () -> open + ", \"unknown_field\": " + value(c, 3) + "}"),
                option(4, () -> "{\"inputs\": [" + v2Input("\"INPUT0\"", shape(c), "\"" + c.oneOf("INT32", "FP32",
                        "FP64", "BYTES", "BOOL", "INT8", "UINT64", "FP16", "BF16", "XYZ") + "\"",
                        numbers(c.between(0, 40))) + second),
                option(2, () -> truncated(c, VALID_V2)),
                option(1, () -> garbage(c)));
    }

    /** A binary-extension request: a JSON header naming binary inputs, raw bytes, and a length header. */
    static BinaryRequest v2Binary(Choices c) {
        String json = c.oneIn(5) ? v2Json(c) : "{\"inputs\": [{\"name\": \"INPUT0\", \"shape\": " + shape(c)
                + ", \"datatype\": \"" + c.oneOf("INT32", "FP32", "BYTES", "BOOL", "XYZ") + "\", \"parameters\": "
                + "{\"binary_data_size\": " + binarySize(c) + "}}, {\"name\": \"INPUT1\", \"shape\": [1, 16], "
                + "\"datatype\": \"INT32\", \"parameters\": {\"binary_data_size\": " + binarySize(c) + "}}], "
                + "\"outputs\": [{\"name\": \"OUTPUT0\", \"parameters\": {\"binary_data\": true}}]}";
        byte[] head = json.getBytes(StandardCharsets.UTF_8);
        byte[] raw = c.anyBytes(300);
        byte[] body = new byte[head.length + raw.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(raw, 0, body, head.length, raw.length);
        String length = c.oneOf(
                Integer.toString(head.length),
                Integer.toString(head.length + c.between(-50, 50)),
                "-" + c.between(1, 50),
                "99999999999999999999",
                "sixty-four",
                null);
        return new BinaryRequest(body, length);
    }

    /** A JSON value of any kind that a careless server might choke on; {@code depth} bounds nested arrays of them. */
    static String value(Choices c, int depth) {
        if (c.oneIn(400)) {
            char filler = c.oneOf('a', '9', 'é');
            return quoted(String.valueOf(filler).repeat(filler == 'é' ? FIVE_MB / 2 : FIVE_MB));
        }
        if (depth > 0 && c.oneIn(3)) {
            List<String> items = new ArrayList<>();
            int count = c.between(0, 5);
            for (int i = 0; i < count; i++) {
                items.add(value(c, depth - 1));
            }
            return c.oneIn(2) ? "[" + String.join(", ", items) + "]" : object(items);
        }
        return c.weighted(
                option(40, () -> c.oneOf(HOSTILE_TOKENS)),
                option(20, () -> Double.toString(c.anyFiniteDouble())),
                option(10, () -> Long.toString(c.anyLong())),
                option(10, () -> quoted(c.anyText(40))),
                option(3, () -> nestedArrays(c.between(2, 5_000))),
                option(3, () -> nestedObjects(c.between(2, 5_000))),
                option(1, () -> "[" + "1.5, ".repeat(c.between(1_000, 200_000)) + "1.5]"));
    }

    private static String shape(Choices c) {
        if (c.oneIn(4)) {
            return IntStream.range(0, c.between(0, 5)).mapToObj(i -> Long.toString(c.anyLong()))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        return c.oneOf(SHAPES);
    }

    private static String binarySize(Choices c) {
        return c.oneIn(3) ? Integer.toString(c.between(-100, 200)) : c.oneOf("64", "0", "-1", "63", "65", "1e3",
                "\"64\"", "9223372036854775807", "2147483648", "null");
    }

    private static String truncated(Choices c, String valid) {
        return valid.substring(0, c.between(0, valid.length() - 1));
    }

    /** Bytes that are not JSON at all, sent as if they were. */
    private static String garbage(Choices c) {
        return c.oneIn(3) ? c.oneOf("", " ", "\u0000", "\uFEFF{}", VALID_PREDICT + VALID_PREDICT) : c.anyText(200);
    }

    private static String v2Input(String name, String shape, String datatype, String data) {
        return "{\"name\": " + name + ", \"shape\": " + shape + ", \"datatype\": " + datatype + ", \"data\": " + data
                + "}";
    }

    private static String numbers(int count) {
        return IntStream.range(0, count).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String object(List<String> values) {
        return IntStream.range(0, values.size()).mapToObj(i -> "\"k" + i + "\": " + values.get(i))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static String nestedArrays(int depth) {
        return "[".repeat(depth) + "1.0" + "]".repeat(depth);
    }

    private static String nestedObjects(int depth) {
        return "{\"x\": ".repeat(depth) + "1.0" + "}".repeat(depth);
    }

    /** {@code text} as a JSON string, escaped so that only its content is hostile, not its syntax. */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"' || ch == '\\') {
                out.append('\\').append(ch);
            } else if (ch < 0x20) {
                out.append(String.format("\\u%04x", (int) ch));
            } else {
                out.append(ch);
            }
        }
        return out.append('"').toString();
    }

    static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return body.length > 300 ? text + "... (" + body.length + " bytes)" : text;
    }
}
