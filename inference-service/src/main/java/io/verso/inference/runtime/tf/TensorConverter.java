package io.verso.inference.runtime.tf;

import io.verso.inference.model.DataType;
import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorValue;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint16;
import org.tensorflow.types.TUint8;

/**
 * Moves tensors between {@link TensorValue} arrays and TensorFlow's native buffers, one bulk copy per tensor.
 * TensorFlow Java 1.1.0 has no tensor classes for INT8, INT16, UINT32 and UINT64, so those are refused with
 * UNIMPLEMENTED instead of being silently widened into a type the graph would reject.
 */
final class TensorConverter {

    private TensorConverter() {
    }

    static Tensor toTensor(TensorValue value) {
        Shape shape = Shape.of(value.shape());
        return switch (value.dataType()) {
            case FP32 -> TFloat32.tensorOf(shape, DataBuffers.of(value.floats(), true, false));
            case FP16 -> TFloat16.tensorOf(shape, DataBuffers.of(value.floats(), true, false));
            case BF16 -> TBfloat16.tensorOf(shape, DataBuffers.of(value.floats(), true, false));
            case FP64 -> TFloat64.tensorOf(shape, DataBuffers.of(value.doubles(), true, false));
            case INT32 -> TInt32.tensorOf(shape, DataBuffers.of(value.ints(), true, false));
            case INT64 -> TInt64.tensorOf(shape, DataBuffers.of(value.longs(), true, false));
            case UINT8 -> TUint8.tensorOf(shape, DataBuffers.of(narrowToBytes(value.ints()), true, false));
            case UINT16 -> TUint16.tensorOf(shape, DataBuffers.of(narrowToShorts(value.ints()), true, false));
            case BOOL -> TBool.tensorOf(shape, DataBuffers.of(value.booleans(), true, false));
            case BYTES -> TString.tensorOfBytes(shape, DataBuffers.of(value.bytes(), true, false));
            case INT8, INT16, UINT32, UINT64 -> throw unsupported(value.dataType());
        };
    }

    static TensorValue fromTensor(Tensor tensor) {
        long[] dims = tensor.shape().asArray();
        int n = Math.toIntExact(tensor.shape().size());
        return switch (tensor.dataType()) {
            case DT_FLOAT -> {
                float[] a = new float[n];
                ((TFloat32) tensor).copyTo(DataBuffers.of(a, false, false));
                yield TensorValue.of(DataType.FP32, dims, a);
            }
            case DT_HALF -> {
                float[] a = new float[n];
                ((TFloat16) tensor).copyTo(DataBuffers.of(a, false, false));
                yield TensorValue.of(DataType.FP16, dims, a);
            }
            case DT_BFLOAT16 -> {
                float[] a = new float[n];
                ((TBfloat16) tensor).copyTo(DataBuffers.of(a, false, false));
                yield TensorValue.of(DataType.BF16, dims, a);
            }
            case DT_DOUBLE -> {
                double[] a = new double[n];
                ((TFloat64) tensor).copyTo(DataBuffers.of(a, false, false));
                yield TensorValue.of(DataType.FP64, dims, a);
            }
            case DT_INT32 -> {
                int[] a = new int[n];
                ((TInt32) tensor).copyTo(DataBuffers.of(a, false, false));
                yield TensorValue.of(DataType.INT32, dims, a);
            }
            case DT_INT64 -> {
                long[] a = new long[n];
                ((TInt64) tensor).copyTo(DataBuffers.of(a, false, false));
                yield TensorValue.of(DataType.INT64, dims, a);
            }
            case DT_UINT8 -> {
                byte[] a = new byte[n];
                ((TUint8) tensor).copyTo(DataBuffers.of(a, false, false));
                yield TensorValue.of(DataType.UINT8, dims, widenUnsigned(a));
            }
            case DT_UINT16 -> {
                short[] a = new short[n];
                ((TUint16) tensor).copyTo(DataBuffers.of(a, false, false));
                yield TensorValue.of(DataType.UINT16, dims, widenUnsigned(a));
            }
            case DT_BOOL -> {
                boolean[] a = new boolean[n];
                ((TBool) tensor).copyTo(DataBuffers.of(a, false, false));
                yield TensorValue.of(DataType.BOOL, dims, a);
            }
            case DT_STRING -> {
                byte[][] a = new byte[n][];
                ((TString) tensor).asBytes().copyTo(DataBuffers.of(a, false, false));
                yield TensorValue.of(DataType.BYTES, dims, a);
            }
            default -> throw new InferenceException(ErrorCode.UNIMPLEMENTED,
                    "the model returned a " + tensor.dataType() + " tensor, which cannot be sent to clients");
        };
    }

    static InferenceException unsupported(DataType type) {
        return new InferenceException(ErrorCode.UNIMPLEMENTED, type.tfName()
                + " tensors are not supported by the TensorFlow Java 1.1.0 runtime");
    }

    private static byte[] narrowToBytes(int[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static short[] narrowToShorts(int[] values) {
        short[] out = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (short) values[i];
        }
        return out;
    }

    private static int[] widenUnsigned(byte[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] & 0xFF;
        }
        return out;
    }

    private static int[] widenUnsigned(short[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] & 0xFFFF;
        }
        return out;
    }
}
