package io.verso.e2e.deployment;

import io.verso.localstack.Http;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * What {@code helm install --dry-run=client} renders for the chart and a values file, read with the real helm binary:
 * the manifests, the hooks (test pod, post-install Jobs) and NOTES.txt. Secrets a user must create beforehand (an
 * {@code existingSecret}) are not rendered; {@link #supply} adds them as the user would.
 */
final class HelmRelease {

    static final String NAMESPACE = "verso";

    private final List<Map<String, Object>> manifests;
    private final List<Map<String, Object>> hooks;
    private final String notes;
    private final Map<String, Map<String, String>> suppliedSecrets = new LinkedHashMap<>();

    private HelmRelease(List<Map<String, Object>> manifests, List<Map<String, Object>> hooks, String notes) {
        this.manifests = manifests;
        this.hooks = hooks;
        this.notes = notes;
    }

    /** Renders {@code chart} as release "verso" in namespace "verso"; {@code values} may be null (default values). */
    static HelmRelease render(Path helm, Path chart, Path values) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(helm.toString(), "install", "verso", chart.toString(),
                "--namespace", NAMESPACE, "--dry-run=client", "-o", "json"));
        if (values != null) {
            command.addAll(List.of("-f", values.toString()));
        }
        Path out = Files.createTempFile("helm-render", ".json");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("helm could not render " + chart + " with " + values);
            }
            JsonNode release = Http.JSON.readTree(Files.readString(out));
            List<Map<String, Object>> hooks = new ArrayList<>();
            for (JsonNode hook : release.get("hooks")) {
                hooks.addAll(documents(hook.get("manifest").stringValue()));
            }
            return new HelmRelease(documents(release.get("manifest").stringValue()), hooks,
                    release.get("info").get("notes").stringValue());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                documents.add((Map<String, Object>) map);
            }
        }
        return documents;
    }

    List<Map<String, Object>> manifests() {
        return manifests;
    }

    String notes() {
        return notes;
    }

    /** Rendered objects of a kind, in the order helm wrote them. */
    List<Map<String, Object>> ofKind(String kind) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
    }

    /** Hooks of a kind whose helm.sh/hook annotation lists {@code event}. */
    List<Map<String, Object>> hooks(String kind, String event) {
        return hooks.stream().filter(h -> kind.equals(h.get("kind")))
                .filter(h -> List.of(String.valueOf(Yamls.map(Yamls.map(h, "metadata"), "annotations")
                        .get("helm.sh/hook")).split(",")).contains(event)).toList();
    }

    /** Adds a Secret the user creates before installing (e.g. {@code externalDatabase.existingSecret}). */
    void supply(String secret, Map<String, String> data) {
        suppliedSecrets.put(secret, data);
    }

    /** A key of a Secret, rendered or supplied; empty when neither has it. */
    Optional<String> secret(String name, String key) {
        for (Map<String, Object> secret : ofKind("Secret")) {
            if (name.equals(Yamls.name(secret))) {
                Object encoded = Yamls.map(secret, "data").get(key);
                if (encoded != null) {
                    return Optional.of(new String(Base64.getDecoder().decode(encoded.toString()),
                            StandardCharsets.UTF_8));
                }
                Object plain = Yamls.map(secret, "stringData").get(key);
                return Optional.ofNullable(plain).map(Object::toString);
            }
        }
        return Optional.ofNullable(suppliedSecrets.getOrDefault(name, Map.of()).get(key));
    }

    /** A ConfigMap's data; empty when it is not rendered. */
    Map<String, String> configMap(String name) {
        Map<String, String> data = new LinkedHashMap<>();
        ofKind("ConfigMap").stream().filter(c -> name.equals(Yamls.name(c))).findFirst()
                .ifPresent(c -> Yamls.map(c, "data").forEach((k, v) -> data.put(k, String.valueOf(v))));
        return data;
    }

    /** Names of the Secrets referenced by workloads and hooks but not rendered: the user creates them. */
    List<String> missingSecrets(List<String> referenced) {
        List<String> rendered = ofKind("Secret").stream().map(Yamls::name).toList();
        return referenced.stream().distinct().filter(name -> !rendered.contains(name)).toList();
    }
}
