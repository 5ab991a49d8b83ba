package io.verso.bench.inprocess;

import io.verso.bench.stats.LatencyStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Calls one SavedModel's session from N threads in closed loops, as the server's {@code TfServable} does per
 * request: wrap the Java input array as a tensor (one copy into native memory), run feeding {@code x} and fetching
 * {@code y}, copy the output back into a Java array. The session is shared, as in the server.
 */
public final class InProcessBenchmark implements AutoCloseable {

    private final String model;
    private final int inputWidth;
    private final int outputWidth;
    private final SavedModelBundle bundle;

    public InProcessBenchmark(String model, Path versionDirectory, int inputWidth, int outputWidth) {
        this.model = model;
        this.inputWidth = inputWidth;
        this.outputWidth = outputWidth;
        this.bundle = SavedModelBundle.load(versionDirectory.toString(), "serve");
    }

    /** The model's outputs for {@code rows} rows of {@code input}; the reference the server's answers are checked against. */
    public float[] predict(float[] input, int rows) {
        return call(bundle.session(), input, rows);
    }

    /**
     * Runs {@code threads} callers of {@code batchSize}-row calls: a warmup, then a measured phase that ends at
     * {@code measure} or after {@code maxCalls} calls, whichever comes first.
     */
    public InProcessResult measure(float[] batchInput, int batchSize, int threads, Duration warmup, Duration measure,
                                   long maxCalls) throws InterruptedException {
        Session session = bundle.session();
        Recorder recorder = new Recorder(3);
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread caller = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long started = System.nanoTime();
                        call(session, batchInput, batchSize);
                        if (measuring.get()) {
                            recorder.recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
                            calls.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "inprocess-caller-" + t);
            caller.setDaemon(true);
            callers.add(caller);
            caller.start();
        }
        Thread.sleep(warmup.toMillis());
        recorder.reset();
        calls.set(0);
        measuring.set(true);
        double cpuBefore = processCpuSeconds();
        long start = System.nanoTime();
        long deadline = start + measure.toNanos();
        while (System.nanoTime() < deadline && calls.get() < maxCalls && done.getCount() == threads) {
            Thread.sleep(5);
        }
        measuring.set(false);
        long elapsed = System.nanoTime() - start;
        double cpu = processCpuSeconds() - cpuBefore;
        long counted = calls.get();
        Histogram latency = recorder.getIntervalHistogram();
        stop.set(true);
        done.await();
        if (counted == 0) {
            throw new IllegalStateException("no call of " + model + " completed; see the caller threads' errors");
        }
        return new InProcessResult(model, batchSize, threads, counted / (elapsed / 1e9),
                LatencyStats.fromMicros(latency), cpu / (elapsed / 1e9));
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private float[] call(Session session, float[] input, int rows) {
        float[] output = new float[rows * outputWidth];
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(rows, inputWidth), DataBuffers.of(input, true, false));
             Result result = session.runner().feed("x", x).fetch("y").run()) {
            ((TFloat32) result.get(0)).copyTo(DataBuffers.of(output, false, false));
        }
        return output;
    }

    @Override
    public void close() {
        bundle.close();
    }
}
