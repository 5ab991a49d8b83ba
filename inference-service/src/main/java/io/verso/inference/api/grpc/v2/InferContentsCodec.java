package io.verso.inference.api.grpc.v2;

import com.google.protobuf.ByteString;
import inference.GrpcPredictV2.InferTensorContents;
import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.JsonTensors;

/**
 * V2's typed {@code InferTensorContents} to and from {@link TensorValue}: each datatype has its field (INT8, INT16
 * and INT32 in {@code int_contents}, UINT8 to UINT32 in {@code uint_contents}, ...). FP16 and BF16 have none; they
 * travel as raw contents only.
 */
final class InferContentsCodec {

    private InferContentsCodec() {
    }

    static boolean hasTypedField(DataType type) {
        return type != DataType.FP16 && type != DataType.BF16;
    }

    static TensorValue read(String name, DataType type, long[] shape, InferTensorContents contents) {
        if (!hasTypedField(type)) {
            throw InferenceException.invalid("input '" + name + "' is " + type.v2Name()
                    + ", which has no typed contents field; send it in raw_input_contents");
        }
        int count = JsonTensors.elementCount(name, shape);
        int given = switch (type) {
            case BOOL -> contents.getBoolContentsCount();
            case INT8, INT16, INT32 -> contents.getIntContentsCount();
            case INT64 -> contents.getInt64ContentsCount();
            case UINT8, UINT16, UINT32 -> contents.getUintContentsCount();
            case UINT64 -> contents.getUint64ContentsCount();
            case FP32 -> contents.getFp32ContentsCount();
            case FP64 -> contents.getFp64ContentsCount();
            case BYTES -> contents.getBytesContentsCount();
            case FP16, BF16 -> throw new IllegalStateException("checked above");
        };
        if (given != count) {
            throw InferenceException.invalid("input '" + name + "' has " + given + " " + type.v2Name()
                    + " values but shape " + TensorShape.format(shape) + " needs " + count);
        }
        Object data = TensorValue.allocate(type, count);
        for (int i = 0; i < count; i++) {
            switch (type) {
                case BOOL -> ((boolean[]) data)[i] = contents.getBoolContents(i);
                case INT8, INT16, INT32 -> ((int[]) data)[i] = contents.getIntContents(i);
                case INT64 -> ((long[]) data)[i] = contents.getInt64Contents(i);
                case UINT8, UINT16 -> ((int[]) data)[i] = contents.getUintContents(i);
                case UINT32 -> ((long[]) data)[i] = contents.getUintContents(i) & 0xFFFFFFFFL;
                case UINT64 -> ((long[]) data)[i] = contents.getUint64Contents(i);
                case FP32 -> ((float[]) data)[i] = contents.getFp32Contents(i);
                case FP64 -> ((double[]) data)[i] = contents.getFp64Contents(i);
                case BYTES -> ((byte[][]) data)[i] = contents.getBytesContents(i).toByteArray();
                case FP16, BF16 -> throw new IllegalStateException("checked above");
            }
        }
        return TensorValue.of(type, shape, data);
    }

    static InferTensorContents write(TensorValue value) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (int i = 0; i < value.elementCount(); i++) {
            switch (value.dataType()) {
                case BOOL -> contents.addBoolContents(value.booleans()[i]);
                case INT8, INT16, INT32 -> contents.addIntContents(value.ints()[i]);
                case INT64 -> contents.addInt64Contents(value.longs()[i]);
                case UINT8, UINT16 -> contents.addUintContents(value.ints()[i]);
                case UINT32 -> contents.addUintContents((int) value.longs()[i]);
                case UINT64 -> contents.addUint64Contents(value.longs()[i]);
                case FP32 -> contents.addFp32Contents(value.floats()[i]);
                case FP64 -> contents.addFp64Contents(value.doubles()[i]);
                case BYTES -> contents.addBytesContents(ByteString.copyFrom(value.bytes()[i]));
                case FP16, BF16 -> throw new IllegalStateException(value.dataType() + " goes in raw contents");
            }
        }
        return contents.build();
    }
}
