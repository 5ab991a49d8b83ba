package io.verso.inference.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.model.DataType;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BinaryTensorCodecTest {

    private static ByteBuffer littleEndian(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void readsLittleEndianFloatsAndInts() {
        ByteBuffer floats = littleEndian(12).putFloat(1f).putFloat(2f).putFloat(5f).flip();
        assertThat((float[]) BinaryTensorCodec.decode("x", DataType.FP32, new long[] {3, 1}, floats))
                .containsExactly(1f, 2f, 5f);

        ByteBuffer ints = littleEndian(8).putInt(-7).putInt(0x01020304).flip();
        assertThat(ints.get(4)).as("least significant byte first").isEqualTo((byte) 0x04);
        assertThat((int[]) BinaryTensorCodec.decode("i", DataType.INT32, new long[] {2}, ints))
                .containsExactly(-7, 0x01020304);
    }

    @Test
    void readsABufferThatStartsInsideALargerBody() {
        ByteBuffer body = littleEndian(3 + 8).put(new byte[] {'{', '}', ' '}).putInt(1).putInt(2).flip();
        ByteBuffer slice = body.slice(3, 8);
        assertThat((int[]) BinaryTensorCodec.decode("i", DataType.INT32, new long[] {2}, slice))
                .containsExactly(1, 2);
    }

    @Test
    void widensNarrowAndUnsignedTypesIntoTheirStorage() {
        byte[] bytes = {(byte) 0xFF, 0x7F};
        assertThat((int[]) BinaryTensorCodec.decode("u", DataType.UINT8, new long[] {2}, ByteBuffer.wrap(bytes)))
                .containsExactly(255, 127);
        assertThat((int[]) BinaryTensorCodec.decode("s", DataType.INT8, new long[] {2}, ByteBuffer.wrap(bytes)))
                .containsExactly(-1, 127);
        ByteBuffer uint32 = littleEndian(4).putInt(0xFFFFFFFF).flip();
        assertThat((long[]) BinaryTensorCodec.decode("u", DataType.UINT32, new long[] {1}, uint32))
                .containsExactly(4294967295L);
        ByteBuffer uint16 = littleEndian(2).putShort((short) 0xFFFF).flip();
        assertThat((int[]) BinaryTensorCodec.decode("u", DataType.UINT16, new long[] {1}, uint16))
                .containsExactly(65535);
        ByteBuffer half = littleEndian(2).putShort((short) 0x3C00).flip();
        assertThat((float[]) BinaryTensorCodec.decode("h", DataType.FP16, new long[] {1}, half)).containsExactly(1f);
        assertThat((boolean[]) BinaryTensorCodec.decode("b", DataType.BOOL, new long[] {3},
                ByteBuffer.wrap(new byte[] {1, 0, 2}))).containsExactly(true, false, true);
    }

    @Test
    void everyFixedWidthTypeRoundTrips() {
        for (DataType type : DataType.values()) {
            if (type == DataType.BYTES) {
                continue;
            }
            Object storage = TensorValue.allocate(type, 3);
            switch (type) {
                case FP16, BF16, FP32 -> System.arraycopy(new float[] {1.5f, -2f, 0f}, 0, storage, 0, 3);
                case FP64 -> System.arraycopy(new double[] {1.5, -2, 1e300}, 0, storage, 0, 3);
                case INT8, INT16, INT32 -> System.arraycopy(new int[] {-1, 0, 100}, 0, storage, 0, 3);
                case UINT8, UINT16 -> System.arraycopy(new int[] {255, 0, 100}, 0, storage, 0, 3);
                case UINT32 -> System.arraycopy(new long[] {4294967295L, 0, 1}, 0, storage, 0, 3);
                case INT64, UINT64 -> System.arraycopy(new long[] {-1, Long.MAX_VALUE, Long.MIN_VALUE}, 0, storage, 0, 3);
                case BOOL -> System.arraycopy(new boolean[] {true, false, true}, 0, storage, 0, 3);
                case BYTES -> throw new IllegalStateException();
            }
            TensorValue value = TensorValue.of(type, new long[] {3}, storage);
            byte[] raw = BinaryTensorCodec.encode(value);
            assertThat(raw).as(type.name()).hasSize(3 * type.byteSize());
            Object decoded = BinaryTensorCodec.decode("t", type, new long[] {3}, ByteBuffer.wrap(raw));
            assertThat(TensorValue.of(type, new long[] {3}, decoded)).as(type.name()).isEqualTo(value);
        }
    }

    @Test
    void bytesElementsCarryALengthPrefix() {
        TensorValue value = TensorValue.of(DataType.BYTES, new long[] {2},
                new byte[][] {"hi".getBytes(StandardCharsets.UTF_8), new byte[0]});
        byte[] raw = BinaryTensorCodec.encode(value);
        assertThat(raw).containsExactly(2, 0, 0, 0, 'h', 'i', 0, 0, 0, 0);
        byte[][] decoded = (byte[][]) BinaryTensorCodec.decode("s", DataType.BYTES, new long[] {2},
                ByteBuffer.wrap(raw));
        assertThat(decoded[0]).containsExactly('h', 'i');
        assertThat(decoded[1]).isEmpty();
    }

    @Test
    void refusesAByteCountThatDoesNotFitTheShape() {
        assertThatThrownBy(() -> BinaryTensorCodec.decode("INPUT0", DataType.INT32, new long[] {1, 16},
                ByteBuffer.allocate(60)))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("input 'INPUT0'").hasMessageContaining("60").hasMessageContaining("64 bytes");
    }

    @Test
    void refusesBytesDataThatIsTooShortOrTooLong() {
        byte[] oneElement = {2, 0, 0, 0, 'h', 'i'};
        assertThatThrownBy(() -> BinaryTensorCodec.decode("s", DataType.BYTES, new long[] {2},
                ByteBuffer.wrap(oneElement)))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("input 's'").hasMessageContaining("ends after 1 elements");
        byte[] lengthPastTheEnd = {9, 0, 0, 0, 'h', 'i'};
        assertThatThrownBy(() -> BinaryTensorCodec.decode("s", DataType.BYTES, new long[] {1},
                ByteBuffer.wrap(lengthPastTheEnd)))
                .isInstanceOf(InferenceException.class).hasMessageContaining("declares 9 bytes");
        byte[] trailing = {1, 0, 0, 0, 'h', 'i'};
        assertThatThrownBy(() -> BinaryTensorCodec.decode("s", DataType.BYTES, new long[] {1},
                ByteBuffer.wrap(trailing)))
                .isInstanceOf(InferenceException.class).hasMessageContaining("1 bytes left");
    }
}
