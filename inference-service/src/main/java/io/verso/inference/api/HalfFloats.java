package io.verso.inference.api;

/**
 * Conversions between {@code float} and the 16-bit float formats of the binary tensor extension: IEEE 754 half
 * precision (FP16) and bfloat16 (BF16). Java 17 has no {@code Float.float16ToFloat} (it came in Java 20), and
 * {@link io.verso.inference.model.TensorValue} keeps both types as {@code float[]}. Narrowing rounds to nearest,
 * ties to even, as TensorFlow does; overflow becomes infinity and NaN stays NaN.
 */
public final class HalfFloats {

    private HalfFloats() {
    }

    public static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24, exact in float.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    public static short floatToHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xFF;
        int mantissa = bits & 0x7FFFFF;
        if (exponent == 0xFF) {
            // Infinity keeps a zero mantissa; NaN keeps its top bits and is forced quiet so it stays a NaN.
            return (short) (sign | 0x7C00 | (mantissa == 0 ? 0 : 0x200 | (mantissa >>> 13)));
        }
        int halfExponent = exponent - 127 + 15;
        if (halfExponent >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (halfExponent <= 0) {
            if (halfExponent < -10) {
                return (short) sign;
            }
            // Subnormal half: shift the full significand (with its implicit bit) down to units of 2^-24.
            int significand = mantissa | 0x800000;
            int shift = 14 - halfExponent;
            int half = significand >>> shift;
            int rest = significand & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = sign | (halfExponent << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1FFF;
        // A carry out of the mantissa correctly bumps the exponent, up to infinity.
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++;
        }
        return (short) half;
    }

    public static float bfloat16ToFloat(short value) {
        return Float.intBitsToFloat((value & 0xFFFF) << 16);
    }

    public static short floatToBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }
}
