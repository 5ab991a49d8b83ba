package io.verso.inference.monitoring;

import io.verso.inference.monitoring.predictionlog.StreamOpener;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Prediction log files on a disk that a test can stall: while {@link #stall()} holds, every write waits until
 * {@link #resume()}, as on a disk that stopped answering. {@link #writerStalled()} tells when the writer is stuck.
 */
public class GatedStreamOpener implements StreamOpener {

    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean writerWaiting;

    @Override
    public OutputStream open(Path file) throws IOException {
        return new FilterOutputStream(Files.newOutputStream(file)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                awaitDisk();
                out.write(bytes, offset, length);
            }
        };
    }

    public void stall() {
        gate = new CountDownLatch(1);
    }

    public void resume() {
        gate.countDown();
    }

    public boolean writerStalled() {
        return writerWaiting;
    }

    private void awaitDisk() throws IOException {
        CountDownLatch current = gate;
        if (current.getCount() == 0) {
            return;
        }
        writerWaiting = true;
        try {
            current.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the disk was stalled", e);
        } finally {
            writerWaiting = false;
        }
    }
}
