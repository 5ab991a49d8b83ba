package io.verso.bench.profile;

import java.util.List;

/**
 * Buckets a sampled stack by what it is doing for the request. A stack is read from its top frame down and
 * categorised by the first frame outside the JDK, so {@code Float.parseFloat} called by Jackson counts as JSON and
 * {@code System.arraycopy} called by the batcher counts as copying. Only JDK frames: "JDK".
 */
public enum StackCategory {
    JSON("JSON parse/write (Jackson, JSON tensor codecs)"),
    COPIES("tensor copies and binary codec"),
    TENSORFLOW("TensorFlow Java / JavaCPP (session run, tensor alloc)"),
    BATCHING("batching (queue, stack/slice)"),
    HTTP("HTTP (Netty, Reactor Netty)"),
    REACTOR_SPRING("Reactor / Spring WebFlux plumbing"),
    METRICS("metrics (Micrometer)"),
    VERSO_OTHER("other Verso code"),
    OTHER("other libraries"),
    JDK("JDK frames only (threads, locks, I/O)");

    private final String label;

    StackCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The category of a stack given as class names, top frame first. */
    public static StackCategory of(List<String> classNamesTopFirst) {
        for (String type : classNamesTopFirst) {
            StackCategory category = ofClass(type);
            if (category != null) {
                return category;
            }
        }
        return JDK;
    }

    /** The category of one frame's class, or null for JDK classes, which defer to their caller. */
    static StackCategory ofClass(String type) {
        if (type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("com.sun.")) {
            return null;
        }
        if (type.startsWith("tools.jackson.") || type.startsWith("com.fasterxml.jackson.")
                || type.startsWith("io.verso.inference.model.json.") || type.contains("JsonTensorWriter")
                || type.contains("V2OutputData") || type.contains("PredictResponseJson")
                || type.contains("PredictRequestJson") || type.contains("V2RequestReader")
                || type.contains("V2ResponseWriter")) {
            return JSON;
        }
        if (type.contains("BinaryTensorCodec") || type.contains("TensorConverter") || type.contains("RequestBodies")) {
            return COPIES;
        }
        if (type.startsWith("org.tensorflow.") || type.startsWith("org.bytedeco.") || type.contains(".runtime.tf.")) {
            return TENSORFLOW;
        }
        if (type.startsWith("io.verso.inference.batching.")) {
            return BATCHING;
        }
        if (type.startsWith("io.netty.") || type.startsWith("reactor.netty.")) {
            return HTTP;
        }
        if (type.startsWith("reactor.") || type.startsWith("org.springframework.")) {
            return REACTOR_SPRING;
        }
        if (type.startsWith("io.micrometer.") || type.startsWith("org.HdrHistogram.")
                || type.startsWith("io.prometheus.")) {
            return METRICS;
        }
        if (type.startsWith("io.verso.")) {
            return VERSO_OTHER;
        }
        return OTHER;
    }
}
