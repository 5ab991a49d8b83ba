package io.verso.inference.model;

/**
 * How a runtime should execute one model: CPU thread pools and GPU memory behaviour. Zero threads means the
 * runtime's default (one per core). TensorFlow fixes its thread pools for the whole process with the first
 * session it creates, so differing thread counts between models only take effect for the first model loaded.
 *
 * @param intraOpThreads threads that parallelise a single op (0: default)
 * @param interOpThreads threads that run independent ops at once (0: default)
 * @param gpuAllowGrowth allocate GPU memory as needed instead of all at start
 * @param gpuMemoryFraction upper bound of the GPU memory this process takes, 0 for no bound
 * @param visibleDevices comma-separated GPU ids the model may use, empty for all
 * @param allowSoftPlacement run ops on CPU when the device a graph names is missing (a GPU-exported model on CPU)
 */
public record SessionOptions(int intraOpThreads, int interOpThreads, boolean gpuAllowGrowth,
                             double gpuMemoryFraction, String visibleDevices, boolean allowSoftPlacement) {

    public static final SessionOptions DEFAULTS = new SessionOptions(0, 0, true, 0.0, "", true);

    public SessionOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0");
        }
        if (gpuMemoryFraction < 0 || gpuMemoryFraction > 1) {
            throw new IllegalArgumentException("gpuMemoryFraction must be within [0, 1], was " + gpuMemoryFraction);
        }
        visibleDevices = visibleDevices == null ? "" : visibleDevices;
    }
}
