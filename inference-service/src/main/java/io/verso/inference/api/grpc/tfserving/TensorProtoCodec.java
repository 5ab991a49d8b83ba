package io.verso.inference.api.grpc.tfserving;

import io.verso.inference.api.BinaryTensorCodec;
import io.verso.inference.api.HalfFloats;
import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.JsonTensors;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * {@code tensorflow.TensorProto} to and from {@link TensorValue}. Requests may carry values in the typed
 * {@code *_val} field of their dtype or packed in {@code tensor_content} (little-endian, as TensorFlow writes it on
 * every platform it runs on); as in TensorFlow, a single typed value fills a tensor of any size. Answers use the
 * typed fields, as TensorFlow Serving's Predict does by default.
 */
final class TensorProtoCodec {

    private TensorProtoCodec() {
    }

    static DataType dataType(String name, org.tensorflow.proto.DataType dtype) {
        return DataType.fromTfName(dtype.name()).orElseThrow(() ->
                InferenceException.invalid("input '" + name + "' has dtype " + dtype + ", which is not supported"));
    }

    static long[] shape(String name, TensorShapeProto shape) {
        if (shape.getUnknownRank()) {
            throw InferenceException.invalid("input '" + name + "' has an unknown rank; a request needs its shape");
        }
        long[] dims = new long[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.getDim(i).getSize();
            if (dims[i] < 0) {
                throw InferenceException.invalid("input '" + name + "' has dimension " + i + " of size " + dims[i]);
            }
        }
        return dims;
    }

    /** Reads a request tensor whose dtype has been checked to be {@code type}. */
    static TensorValue read(String name, DataType type, TensorProto proto) {
        long[] shape = shape(name, proto.getTensorShape());
        int count = JsonTensors.elementCount(name, shape);
        if (!proto.getTensorContent().isEmpty()) {
            if (type == DataType.BYTES) {
                throw InferenceException.invalid("input '" + name + "' is DT_STRING, whose values go in string_val,"
                        + " not tensor_content");
            }
            return TensorValue.of(type, shape, BinaryTensorCodec.decode(name, type, shape,
                    proto.getTensorContent().asReadOnlyByteBuffer()));
        }
        int given = typedCount(type, proto);
        if (given != count && !(given == 1 && count > 0)) {
            throw InferenceException.invalid("input '" + name + "' has " + given + " values in its " + field(type)
                    + " field but shape " + TensorShape.format(shape) + " needs " + count);
        }
        Object data = TensorValue.allocate(type, count);
        for (int i = 0; i < count; i++) {
            int at = given == 1 ? 0 : i;
            switch (type) {
                case FP32 -> ((float[]) data)[i] = proto.getFloatVal(at);
                case FP64 -> ((double[]) data)[i] = proto.getDoubleVal(at);
                case FP16 -> ((float[]) data)[i] = HalfFloats.halfToFloat((short) proto.getHalfVal(at));
                case BF16 -> ((float[]) data)[i] = HalfFloats.bfloat16ToFloat((short) proto.getHalfVal(at));
                case INT8, INT16, INT32, UINT8, UINT16 -> ((int[]) data)[i] = proto.getIntVal(at);
                case INT64 -> ((long[]) data)[i] = proto.getInt64Val(at);
                case UINT32 -> ((long[]) data)[i] = proto.getUint32Val(at) & 0xFFFFFFFFL;
                case UINT64 -> ((long[]) data)[i] = proto.getUint64Val(at);
                case BOOL -> ((boolean[]) data)[i] = proto.getBoolVal(at);
                case BYTES -> ((byte[][]) data)[i] = proto.getStringVal(at).toByteArray();
            }
        }
        return TensorValue.of(type, shape, data);
    }

    static TensorProto write(TensorValue value) {
        TensorProto.Builder proto = TensorProto.newBuilder()
                .setDtype(org.tensorflow.proto.DataType.valueOf(value.dataType().tfName()));
        TensorShapeProto.Builder shape = proto.getTensorShapeBuilder();
        for (int i = 0; i < value.rank(); i++) {
            shape.addDimBuilder().setSize(value.dim(i));
        }
        int count = value.elementCount();
        for (int i = 0; i < count; i++) {
            switch (value.dataType()) {
                case FP32 -> proto.addFloatVal(value.floats()[i]);
                case FP64 -> proto.addDoubleVal(value.doubles()[i]);
                case FP16 -> proto.addHalfVal(HalfFloats.floatToHalf(value.floats()[i]) & 0xFFFF);
                case BF16 -> proto.addHalfVal(HalfFloats.floatToBfloat16(value.floats()[i]) & 0xFFFF);
                case INT8, INT16, INT32, UINT8, UINT16 -> proto.addIntVal(value.ints()[i]);
                case INT64 -> proto.addInt64Val(value.longs()[i]);
                case UINT32 -> proto.addUint32Val((int) value.longs()[i]);
                case UINT64 -> proto.addUint64Val(value.longs()[i]);
                case BOOL -> proto.addBoolVal(value.booleans()[i]);
                case BYTES -> proto.addStringVal(com.google.protobuf.ByteString.copyFrom(value.bytes()[i]));
            }
        }
        return proto.build();
    }

    private static int typedCount(DataType type, TensorProto proto) {
        return switch (type) {
            case FP32 -> proto.getFloatValCount();
            case FP64 -> proto.getDoubleValCount();
            case FP16, BF16 -> proto.getHalfValCount();
            case INT8, INT16, INT32, UINT8, UINT16 -> proto.getIntValCount();
            case INT64 -> proto.getInt64ValCount();
            case UINT32 -> proto.getUint32ValCount();
            case UINT64 -> proto.getUint64ValCount();
            case BOOL -> proto.getBoolValCount();
            case BYTES -> proto.getStringValCount();
        };
    }

    private static String field(DataType type) {
        return switch (type) {
            case FP32 -> "float_val";
            case FP64 -> "double_val";
            case FP16, BF16 -> "half_val";
            case INT8, INT16, INT32, UINT8, UINT16 -> "int_val";
            case INT64 -> "int64_val";
            case UINT32 -> "uint32_val";
            case UINT64 -> "uint64_val";
            case BOOL -> "bool_val";
            case BYTES -> "string_val";
        };
    }
}
