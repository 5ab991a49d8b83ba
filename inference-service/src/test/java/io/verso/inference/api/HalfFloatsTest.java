package io.verso.inference.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    @Test
    void convertsKnownHalfPrecisionPatterns() {
        assertThat(HalfFloats.floatToHalf(1.0f)).isEqualTo((short) 0x3C00);
        assertThat(HalfFloats.floatToHalf(-2.0f)).isEqualTo((short) 0xC000);
        assertThat(HalfFloats.floatToHalf(0.5f)).isEqualTo((short) 0x3800);
        assertThat(HalfFloats.floatToHalf(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(HalfFloats.floatToHalf(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(HalfFloats.floatToHalf(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7C00);
        assertThat(HalfFloats.floatToHalf(1e6f)).as("overflow").isEqualTo((short) 0x7C00);
        assertThat(HalfFloats.floatToHalf(1e-10f)).as("underflow").isEqualTo((short) 0);

        assertThat(HalfFloats.halfToFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(HalfFloats.halfToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(HalfFloats.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(HalfFloats.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(HalfFloats.halfToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfFloats.halfToFloat(HalfFloats.floatToHalf(Float.NaN))).isNaN();
    }

    @Test
    void roundsToNearestEven() {
        // 1 + 2^-11 lies exactly between 1 and the next half (1 + 2^-10): ties go to the even mantissa, 1.
        assertThat(HalfFloats.floatToHalf(1f + 0x1p-11f)).isEqualTo((short) 0x3C00);
        // 1 + 3*2^-11 lies between 1 + 2^-10 (odd) and 1 + 2^-9 (even): it rounds up to the even one.
        assertThat(HalfFloats.floatToHalf(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3C02);
    }

    @Test
    void everyHalfSurvivesARoundTrip() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            short half = (short) bits;
            float value = HalfFloats.halfToFloat(half);
            if (!Float.isNaN(value)) {
                assertThat(HalfFloats.floatToHalf(value)).as("0x%04x", bits).isEqualTo(half);
            }
        }
    }

    @Test
    void convertsBfloat16() {
        assertThat(HalfFloats.floatToBfloat16(1.0f)).isEqualTo((short) 0x3F80);
        assertThat(HalfFloats.bfloat16ToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(HalfFloats.bfloat16ToFloat(HalfFloats.floatToBfloat16(3.140625f))).isEqualTo(3.140625f);
        assertThat(HalfFloats.bfloat16ToFloat(HalfFloats.floatToBfloat16(Float.NaN))).isNaN();
    }
}
