package io.verso.inference.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The element types a request can carry, with their names in TensorFlow ({@code DT_FLOAT}) and in the Open
 * Inference Protocol ({@code FP32}). Each type has one Java storage array kind in {@link TensorValue}.
 */
public enum DataType {
    BOOL("DT_BOOL", "BOOL", 1),
    UINT8("DT_UINT8", "UINT8", 1),
    UINT16("DT_UINT16", "UINT16", 2),
    UINT32("DT_UINT32", "UINT32", 4),
    UINT64("DT_UINT64", "UINT64", 8),
    INT8("DT_INT8", "INT8", 1),
    INT16("DT_INT16", "INT16", 2),
    INT32("DT_INT32", "INT32", 4),
    INT64("DT_INT64", "INT64", 8),
    FP16("DT_HALF", "FP16", 2),
    BF16("DT_BFLOAT16", "BF16", 2),
    FP32("DT_FLOAT", "FP32", 4),
    FP64("DT_DOUBLE", "FP64", 8),
    /** Variable-length byte strings; {@link #byteSize()} is 0 because elements have no fixed width. */
    BYTES("DT_STRING", "BYTES", 0);

    private final String tfName;
    private final String v2Name;
    private final int byteSize;

    DataType(String tfName, String v2Name, int byteSize) {
        this.tfName = tfName;
        this.v2Name = v2Name;
        this.byteSize = byteSize;
    }

    /** TensorFlow's enum name, as TensorFlow Serving's metadata shows it, e.g. {@code DT_FLOAT}. */
    public String tfName() {
        return tfName;
    }

    /** The Open Inference Protocol name, e.g. {@code FP32}. */
    public String v2Name() {
        return v2Name;
    }

    /** Bytes per element in a dense little-endian buffer; 0 for {@link #BYTES}. */
    public int byteSize() {
        return byteSize;
    }

    public boolean isFloatingPoint() {
        return this == FP16 || this == BF16 || this == FP32 || this == FP64;
    }

    public boolean isInteger() {
        return !isFloatingPoint() && this != BOOL && this != BYTES;
    }

    public boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
    }

    /**
     * Looks up a TensorFlow type name. Reference types ({@code DT_FLOAT_REF}, read from variables in TF1
     * graphs) map to their value type, because fetching them yields ordinary tensors.
     */
    public static Optional<DataType> fromTfName(String name) {
        String base = name.endsWith("_REF") ? name.substring(0, name.length() - 4) : name;
        return Arrays.stream(values()).filter(t -> t.tfName.equals(base)).findFirst();
    }

    public static Optional<DataType> fromV2Name(String name) {
        return Arrays.stream(values()).filter(t -> t.v2Name.equals(name)).findFirst();
    }
}
