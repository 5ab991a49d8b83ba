package io.verso.artifact;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Normalises archive entry names and refuses those that would land outside the extraction directory (zip-slip):
 * absolute paths, Windows drive paths and {@code ..} segments. Backslashes count as separators because Windows
 * tools write them into zips.
 */
public final class EntryNames {

    private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private EntryNames() {
    }

    /** The entry name with {@code .} and empty segments removed. */
    public static String checked(String raw) {
        if (raw == null || raw.isEmpty() || raw.indexOf('\0') >= 0) {
            throw new UnsafeArchiveException("archive entry '" + raw + "' has no usable name");
        }
        String name = raw.replace('\\', '/');
        if (name.startsWith("/") || WINDOWS_DRIVE.matcher(name).matches()) {
            throw new UnsafeArchiveException("archive entry '" + raw
                    + "' is an absolute path; entries must be relative to the archive root");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafeArchiveException("archive entry '" + raw + "' escapes the archive root ('..')");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }
}
