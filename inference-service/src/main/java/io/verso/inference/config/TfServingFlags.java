package io.verso.inference.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts {@code tensorflow_model_server}'s command-line flags so a deployment can swap binaries without
 * rewriting its command: each known flag becomes the Spring property it means; flags of features this server does
 * not have (the gRPC port, for one) are logged and ignored; everything else passes through unchanged.
 */
public final class TfServingFlags {

    private static final Logger log = LoggerFactory.getLogger(TfServingFlags.class);

    private static final Map<String, String> PROPERTIES = Map.of(
            "rest_api_port", "server.port",
            "enable_batching", "verso.inference.enable-batching",
            "batching_parameters_file", "verso.inference.batching-parameters-file",
            "model_name", "verso.inference.model-name",
            "model_base_path", "verso.inference.model-base-path",
            "model_config_file", "verso.inference.model-config-file",
            "file_system_poll_wait_seconds", "verso.inference.poll-interval",
            "tensorflow_intra_op_parallelism", "verso.inference.default-session.intra-op-threads",
            "tensorflow_inter_op_parallelism", "verso.inference.default-session.inter-op-threads",
            "per_process_gpu_memory_fraction", "verso.inference.default-session.gpu-memory-fraction");

    /** Boolean flags, which TensorFlow Serving also takes bare ({@code --enable_batching}). */
    private static final List<String> BOOLEAN = List.of("enable_batching");

    private static final List<String> IGNORED = List.of("port", "grpc_channel_arguments", "rest_api_num_threads", "rest_api_timeout_in_ms", "monitoring_config_file",
            "model_config_file_poll_wait_seconds", "enable_model_warmup", "xla_cpu_compilation_enabled");

    private TfServingFlags() {
    }

    public static String[] toSpringArguments(String[] args) {
        List<String> out = new ArrayList<>(args.length);
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                out.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            // TF Serving's boolean flags may be given bare: they mean true, or are dropped for ignored features.
            String flag = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String value = equals < 0 ? (BOOLEAN.contains(flag) ? "true" : null) : arg.substring(equals + 1);
            if (value == null && PROPERTIES.containsKey(flag)) {
                // Spring would take the bare flag as an unrelated, empty property and start without the setting.
                throw new IllegalArgumentException("TensorFlow Serving flag --" + flag + " needs a value: --"
                        + flag + "=...");
            }
            if (PROPERTIES.containsKey(flag)) {
                String converted = flag.equals("file_system_poll_wait_seconds") ? value + "s" : value;
                out.add("--" + PROPERTIES.get(flag) + "=" + converted);
            } else if (IGNORED.contains(flag)) {
                log.warn("Ignoring TensorFlow Serving flag --{}: not applicable to Verso (see README)", flag);
            } else {
                out.add(arg);
            }
        }
        return out.toArray(String[]::new);
    }
}
