package io.verso.e2e.deployment;

import java.util.List;
import java.util.Map;

/** Typed access to parsed Kubernetes manifests (maps and lists from SnakeYAML); absent keys read as empty. */
final class Yamls {

    private Yamls() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    static String string(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value == null ? null : String.valueOf(value);
    }

    static String name(Map<String, Object> object) {
        return string(map(object, "metadata"), "name");
    }

    /** The pod template of a Deployment, StatefulSet or Job, or the spec of a bare Pod, as {metadata, spec}. */
    static Map<String, Object> podTemplate(Map<String, Object> workload) {
        if ("Pod".equals(workload.get("kind"))) {
            return workload;
        }
        return map(map(workload, "spec"), "template");
    }
}
