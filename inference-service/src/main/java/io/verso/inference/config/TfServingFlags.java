package io.verso.inference.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts {@code tensorflow_model_server}'s command-line flags so a deployment can swap binaries without
 * rewriting its command: each known flag becomes the Spring property it means; flags of features this server does
 * not have are logged and ignored; everything else passes through unchanged. As {@code tensorflow_model_server}
 * does, a command line that uses its flags serves gRPC on port {@value #DEFAULT_GRPC_PORT} unless {@code --port}
 * says otherwise.
 */
public final class TfServingFlags {

    private static final Logger log = LoggerFactory.getLogger(TfServingFlags.class);

    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("rest_api_port", "server.port"),
            Map.entry("port", "verso.inference.grpc.port"),
            Map.entry("enable_batching", "verso.inference.enable-batching"),
            Map.entry("batching_parameters_file", "verso.inference.batching-parameters-file"),
            Map.entry("model_name", "verso.inference.model-name"),
            Map.entry("model_base_path", "verso.inference.model-base-path"),
            Map.entry("model_config_file", "verso.inference.model-config-file"),
            Map.entry("file_system_poll_wait_seconds", "verso.inference.poll-interval"),
            Map.entry("tensorflow_intra_op_parallelism", "verso.inference.default-session.intra-op-threads"),
            Map.entry("tensorflow_inter_op_parallelism", "verso.inference.default-session.inter-op-threads"),
            Map.entry("per_process_gpu_memory_fraction", "verso.inference.default-session.gpu-memory-fraction"));

    /** Boolean flags, which TensorFlow Serving also takes bare ({@code --enable_batching}). */
    private static final List<String> BOOLEAN = List.of("enable_batching");

    private static final List<String> IGNORED = List.of("grpc_channel_arguments", "rest_api_num_threads", "rest_api_timeout_in_ms", "monitoring_config_file",
            "model_config_file_poll_wait_seconds", "enable_model_warmup", "xla_cpu_compilation_enabled");

    static final int DEFAULT_GRPC_PORT = 8500;

    private TfServingFlags() {
    }

    public static String[] toSpringArguments(String[] args) {
        List<String> out = new ArrayList<>(args.length + 1);
        boolean tfServingFlags = false;
        boolean grpcPort = false;
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
            tfServingFlags |= PROPERTIES.containsKey(flag) || IGNORED.contains(flag);
            grpcPort |= flag.equals("port");
            if (PROPERTIES.containsKey(flag)) {
                String converted = flag.equals("file_system_poll_wait_seconds") ? value + "s" : value;
                out.add("--" + PROPERTIES.get(flag) + "=" + converted);
            } else if (IGNORED.contains(flag)) {
                log.warn("Ignoring TensorFlow Serving flag --{}: not applicable to Verso (see README)", flag);
            } else {
                out.add(arg);
            }
        }
        if (tfServingFlags && !grpcPort) {
            out.add("--" + PROPERTIES.get("port") + "=" + DEFAULT_GRPC_PORT);
        }
        return out.toArray(String[]::new);
    }
}
