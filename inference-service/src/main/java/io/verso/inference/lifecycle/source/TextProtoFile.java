package io.verso.inference.lifecycle.source;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.protobuf.TextFormatParseInfoTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a protobuf text-format file (TensorFlow Serving's configuration files) into a message builder: a generated
 * one ({@code ModelServerConfig} from grpc-api) or a dynamic one. A singular field given twice is an error, as in
 * TensorFlow Serving's C++ parser; every error names the file and, where the parser knows them, the line and column.
 */
final class TextProtoFile {

    private TextProtoFile() {
    }

    /**
     * @param root receives the fields of the file
     * @param what how the error messages call the file, e.g. "model config file"
     * @param locations receives the line of every field, for errors found after parsing
     * @param allowUnknownFields skip fields the schema does not declare (newer versions of a format) instead of
     *     refusing the file
     * @throws IllegalArgumentException when the file cannot be read or parsed
     */
    static <B extends Message.Builder> B parse(Path file, B root, String what,
                                               TextFormatParseInfoTree.Builder locations, boolean allowUnknownFields) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + what + " " + file + ": " + e, e);
        }
        try {
            TextFormat.Parser.newBuilder()
                    .setSingularOverwritePolicy(TextFormat.Parser.SingularOverwritePolicy.FORBID_SINGULAR_OVERWRITES)
                    .setAllowUnknownFields(allowUnknownFields)
                    .setParseInfoTreeBuilder(locations)
                    .build()
                    .merge(text, root);
        } catch (TextFormat.ParseException e) {
            // The parser's message already starts with "line:column: " when it knows them.
            String separator = e.getLine() >= 0 ? ":" : ": ";
            throw new IllegalArgumentException("Invalid " + what + " " + file + separator + e.getMessage(), e);
        }
        return root;
    }
}
