package io.verso.gateway.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Reads and replaces one top-level length-delimited field of a serialized message without parsing the rest: the
 * other fields (tensors, examples) are skipped over and copied as they are, whatever their size.
 */
final class ProtoFields {

    private ProtoFields() {
    }

    /** The last occurrence of field {@code number}, or null. */
    static ByteString find(byte[] message, int number) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(message);
            ByteString found = null;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == number
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    found = in.readBytes();
                } else {
                    in.skipField(tag);
                }
            }
            return found;
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** The message with every occurrence of field {@code number} replaced by one holding {@code value}. */
    static byte[] replace(byte[] message, int number, ByteString value) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(message);
            ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + value.size() + 8);
            int start = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int fieldStart = in.getTotalBytesRead() - CodedOutputStream.computeUInt32SizeNoTag(tag);
                in.skipField(tag);
                if (WireFormat.getTagFieldNumber(tag) == number) {
                    out.write(message, start, fieldStart - start);
                    start = in.getTotalBytesRead();
                }
            }
            out.write(message, start, message.length - start);
            CodedOutputStream field = CodedOutputStream.newInstance(out);
            field.writeBytes(number, value);
            field.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static RuntimeException malformed(IOException e) {
        return Status.INVALID_ARGUMENT.withDescription("the request is not a valid protobuf message: "
                + e.getMessage()).asRuntimeException();
    }
}
