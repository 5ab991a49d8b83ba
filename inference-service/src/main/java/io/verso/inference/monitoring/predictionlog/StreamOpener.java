package io.verso.inference.monitoring.predictionlog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the stream a prediction log file is written through; tests pass a slow one to play a slow disk. */
@FunctionalInterface
public interface StreamOpener {

    StreamOpener FILES = Files::newOutputStream;

    OutputStream open(Path file) throws IOException;
}
