package io.verso.inference.api.tfserving;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Serializes {@code tensorflow.Example} protos from feature lists with protobuf's wire encoder. The generated
 * Example classes ship with the TensorFlow runtime, which this API must not depend on; the message is small and
 * stable (example.proto, feature.proto):
 * {@code Example{features=1} Features{feature=1 map<string,Feature>} Feature{bytes_list=1|float_list=2|int64_list=3}}.
 */
final class TfExampleEncoder {

    /** One feature's values: exactly one of the lists is non-null. */
    record Feature(List<byte[]> bytes, float[] floats, long[] int64s) {
    }

    private TfExampleEncoder() {
    }

    static byte[] encode(Map<String, Feature> features) {
        ByteArrayOutputStream featuresMessage = new ByteArrayOutputStream();
        features.forEach((name, feature) -> {
            byte[] entry = message(out -> {
                out.writeString(1, name);
                out.writeByteArray(2, encodeFeature(feature));
            });
            writeField(featuresMessage, 1, entry);
        });
        return message(out -> out.writeByteArray(1, featuresMessage.toByteArray()));
    }

    private static byte[] encodeFeature(Feature feature) {
        if (feature.bytes() != null) {
            byte[] list = message(out -> {
                for (byte[] value : feature.bytes()) {
                    out.writeBytes(1, ByteString.copyFrom(value));
                }
            });
            return message(out -> out.writeByteArray(1, list));
        }
        if (feature.floats() != null) {
            byte[] packed = message(out -> {
                for (float value : feature.floats()) {
                    out.writeFloatNoTag(value);
                }
            });
            return message(out -> out.writeByteArray(2, message(list -> list.writeByteArray(1, packed))));
        }
        byte[] packed = message(out -> {
            for (long value : feature.int64s()) {
                out.writeInt64NoTag(value);
            }
        });
        return message(out -> out.writeByteArray(3, message(list -> list.writeByteArray(1, packed))));
    }

    private static void writeField(ByteArrayOutputStream target, int field, byte[] value) {
        target.writeBytes(message(out -> out.writeByteArray(field, value)));
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
