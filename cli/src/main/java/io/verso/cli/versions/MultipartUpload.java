package io.verso.cli.versions;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;

/**
 * The {@code multipart/form-data} body the registry's upload takes: an optional {@code metadata} JSON part, then the
 * archive as the {@code file} part, streamed from disk (never held in memory) with its exact length declared.
 */
final class MultipartUpload {

    private final String boundary = "verso-" + UUID.randomUUID();

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** @param metadata the metadata part's JSON text, or null for none */
    HttpRequest.BodyPublisher body(UploadArchive archive, String metadata, Progress progress) throws IOException {
        StringBuilder head = new StringBuilder();
        if (metadata != null) {
            head.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"metadata\"\r\n")
                    .append("Content-Type: application/json\r\n\r\n")
                    .append(metadata).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"")
                .append(archive.fileName().replaceAll("[^A-Za-z0-9._-]", "_")).append("\"\r\n")
                .append("Content-Type: ").append(archive.contentType()).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tailBytes = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long length = headBytes.length + archive.size() + tailBytes.length;
        HttpRequest.BodyPublisher file = HttpRequest.BodyPublishers.ofInputStream(() -> counted(archive, progress));
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(headBytes), file,
                HttpRequest.BodyPublishers.ofByteArray(tailBytes)), length);
    }

    /** The archive's bytes, each read reported to the progress bar as the client sends it. */
    private static InputStream counted(UploadArchive archive, Progress progress) {
        try {
            return new FilterInputStream(Files.newInputStream(archive.file())) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        progress.advance(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        progress.advance(n);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
