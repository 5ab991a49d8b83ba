package io.verso.inference.model.json;

import io.verso.inference.model.TensorValue;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JsonGenerator;

/**
 * Streams a tensor as nested JSON arrays, element by element straight from its storage array. Floats are written
 * as floats (shortest text that reads back to the same float), NaN and infinities as bare tokens, unsigned 64-bit
 * values without sign, and byte strings as text when they are UTF-8, otherwise as {@code {"b64": "..."}}.
 */
public final class JsonTensorWriter {

    private JsonTensorWriter() {
    }

    /** Writes the whole tensor. */
    public static void write(JsonGenerator out, TensorValue tensor, boolean base64Strings) {
        long[] shape = tensor.shape();
        writeRange(out, tensor, shape, 0, 0, base64Strings);
    }

    /** Writes the first {@code limit} elements in row-major order as one flat array (the V2 {@code data} form). */
    public static void writeFlat(JsonGenerator out, TensorValue tensor, int limit, boolean base64Strings) {
        out.writeStartArray();
        for (int i = 0; i < Math.min(limit, tensor.elementCount()); i++) {
            writeElement(out, tensor, i, base64Strings);
        }
        out.writeEndArray();
    }

    /** Writes {@code tensor[index]}, the slice at position {@code index} of dimension 0. */
    public static void writeSlice(JsonGenerator out, TensorValue tensor, int index, boolean base64Strings) {
        long[] shape = tensor.shape();
        writeRange(out, tensor, shape, 1, index * stride(shape, 1), base64Strings);
    }

    private static void writeRange(JsonGenerator out, TensorValue tensor, long[] shape, int depth, int offset,
                                   boolean base64Strings) {
        if (depth == shape.length) {
            writeElement(out, tensor, offset, base64Strings);
            return;
        }
        int stride = stride(shape, depth + 1);
        out.writeStartArray();
        for (int i = 0; i < shape[depth]; i++) {
            writeRange(out, tensor, shape, depth + 1, offset + i * stride, base64Strings);
        }
        out.writeEndArray();
    }

    private static int stride(long[] shape, int from) {
        int stride = 1;
        for (int i = from; i < shape.length; i++) {
            stride *= (int) shape[i];
        }
        return stride;
    }

    private static void writeElement(JsonGenerator out, TensorValue tensor, int i, boolean base64Strings) {
        switch (tensor.dataType()) {
            case FP16, BF16, FP32 -> out.writeNumber(tensor.floats()[i]);
            case FP64 -> out.writeNumber(tensor.doubles()[i]);
            case INT8, INT16, INT32, UINT8, UINT16 -> out.writeNumber(tensor.ints()[i]);
            case INT64, UINT32 -> out.writeNumber(tensor.longs()[i]);
            case UINT64 -> {
                long v = tensor.longs()[i];
                if (v >= 0) {
                    out.writeNumber(v);
                } else {
                    out.writeNumber(new BigInteger(Long.toUnsignedString(v)));
                }
            }
            case BOOL -> out.writeBoolean(tensor.booleans()[i]);
            case BYTES -> writeBytes(out, tensor.bytes()[i], base64Strings);
        }
    }

    private static void writeBytes(JsonGenerator out, byte[] value, boolean base64) {
        String text = base64 ? null : utf8(value);
        if (text != null) {
            out.writeString(text);
        } else {
            out.writeStartObject();
            out.writeStringProperty("b64", Base64.getEncoder().encodeToString(value));
            out.writeEndObject();
        }
    }

    /** The text, or null when the bytes are not valid UTF-8 and must travel as base64. */
    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
