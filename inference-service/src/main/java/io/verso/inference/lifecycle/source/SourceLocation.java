package io.verso.inference.lifecycle.source;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.TextFormatParseInfoTree;
import com.google.protobuf.TextFormatParseLocation;
import java.nio.file.Path;

/**
 * Where a message of a parsed text-format file was written, so that errors found after parsing (a duplicate
 * name, an unsupported platform) point at a line as parse errors do. The parser's locations are 0-based; the
 * lines and columns reported here are 1-based, as in its own error messages and in editors.
 */
final class SourceLocation {

    private final Path file;
    private final TextFormatParseInfoTree tree;
    private final TextFormatParseLocation start;

    SourceLocation(Path file, TextFormatParseInfoTree tree) {
        this(file, tree, TextFormatParseLocation.EMPTY);
    }

    private SourceLocation(Path file, TextFormatParseInfoTree tree, TextFormatParseLocation start) {
        this.file = file;
        this.tree = tree;
        this.start = start;
    }

    /** The location of the {@code index}-th message value of {@code field}. */
    SourceLocation nested(FieldDescriptor field, int index) {
        return new SourceLocation(file, tree.getNestedTree(field, index), location(field, index));
    }

    /** The 1-based line of the first value of {@code field}, or of this message when the field is absent. */
    int line(FieldDescriptor field) {
        return location(field, 0).getLine() + 1;
    }

    /** An error about the {@code index}-th value of {@code field} (this message itself when it is absent). */
    IllegalArgumentException error(FieldDescriptor field, int index, String message) {
        return error(location(field, index), message);
    }

    IllegalArgumentException error(FieldDescriptor field, String message) {
        return error(field, 0, message);
    }

    /** An error about this message as a whole. */
    IllegalArgumentException error(String message) {
        return error(start, message);
    }

    /** A warning's prefix, the same as an error's: {@code file:line:column}. */
    String describe(FieldDescriptor field, int index) {
        return format(location(field, index));
    }

    private TextFormatParseLocation location(FieldDescriptor field, int index) {
        return index < tree.getLocations(field).size() ? tree.getLocation(field, index) : start;
    }

    private IllegalArgumentException error(TextFormatParseLocation location, String message) {
        return new IllegalArgumentException("Invalid model config file " + format(location) + ": " + message);
    }

    private String format(TextFormatParseLocation location) {
        return location.getLine() < 0 ? file.toString()
                : file + ":" + (location.getLine() + 1) + ":" + (location.getColumn() + 1);
    }
}
