package io.verso.e2e.deployment;

import io.verso.localstack.Http;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A container image as its Dockerfile in deploy/docker builds it, assembled on the host from the jars the Maven build
 * wrote, without a Docker engine: the build stage's {@code cp <jar> /out/<name>} lines and its
 * {@code java -Djarmode=tools ... extract --layers} are replayed, the runtime stage's {@code COPY --from=build} lines
 * fill its WORKDIR (a directory bind-mounted at that path in the pod), and its ENV and ENTRYPOINT are what a container
 * of the image gets. The base image's own files (the JRE, curl, sh) are the host's.
 */
record Image(String workdir, Path root, Map<String, String> env, List<String> entrypoint) {

    private static final Pattern CP = Pattern.compile("\\bcp (\\S+) /out/(\\S+)");
    private static final Pattern COPY_FROM_BUILD = Pattern.compile("^COPY --from=build (\\S+) (\\S+)$");
    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    /** Assembles {@code dockerfile} (under {@code repository}) into {@code into}, once per directory. */
    static Image build(Path repository, Path dockerfile, Path into) throws IOException, InterruptedException {
        List<String> instructions = instructions(Files.readAllLines(dockerfile));
        int runtimeStart = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).startsWith("FROM ")) {
                runtimeStart = i;
            }
        }
        Path out = into.resolve("out");
        Path root = into.resolve("root");
        boolean fresh = !Files.isDirectory(root);
        if (fresh) {
            Files.createDirectories(out);
        }
        for (String instruction : instructions.subList(0, runtimeStart)) {
            if (!instruction.startsWith("RUN ") || !fresh) {
                continue;
            }
            Matcher cp = CP.matcher(instruction);
            while (cp.find()) {
                Files.copy(single(repository, cp.group(1)), out.resolve(cp.group(2)),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            if (instruction.contains("extract --layers --destination /out/layers")) {
                run(List.of(javaBinary(), "-Djarmode=tools", "-jar", out.resolve("app.jar").toString(), "extract",
                        "--layers", "--destination", out.resolve("layers").toString()));
            }
        }
        String workdir = "/";
        Map<String, String> env = new LinkedHashMap<>();
        List<String> entrypoint = List.of();
        for (String instruction : instructions.subList(runtimeStart, instructions.size())) {
            if (instruction.startsWith("WORKDIR ")) {
                workdir = instruction.substring(8).trim();
            } else if (instruction.startsWith("ENV ")) {
                Matcher pair = ENV_PAIR.matcher(instruction.substring(4));
                while (pair.find()) {
                    env.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
                }
            } else if (instruction.startsWith("ENTRYPOINT ")) {
                List<String> words = new ArrayList<>();
                Http.JSON.readTree(instruction.substring(11)).forEach(word -> words.add(word.stringValue()));
                entrypoint = List.copyOf(words);
            } else if (instruction.startsWith("COPY --from=build") && fresh) {
                Matcher copy = COPY_FROM_BUILD.matcher(instruction);
                if (!copy.matches()) {
                    throw new IllegalStateException(dockerfile + ": cannot read " + instruction);
                }
                Path target = root.resolve(relativeToRoot(workdir, copy.group(2)));
                copy(out.resolve(copy.group(1).substring("/out/".length())), target, copy.group(2).endsWith("/"));
            }
        }
        return new Image(workdir, root.resolve(workdir.substring(1)), env, entrypoint);
    }

    /** Dockerfile lines with continuations joined and comments dropped. */
    private static List<String> instructions(List<String> lines) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            instructions.add(current.toString().replaceAll("\\s+", " ").trim());
            current.setLength(0);
        }
        return instructions;
    }

    private static String relativeToRoot(String workdir, String destination) {
        String absolute = destination.startsWith("/") ? destination : workdir + "/" + destination;
        return Path.of(absolute).normalize().toString().substring(1);
    }

    private static Path single(Path repository, String glob) throws IOException {
        Path pattern = repository.resolve(glob);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> files = Files.list(pattern.getParent())) {
            List<Path> matches = files.filter(matcher::matches).toList();
            if (matches.size() != 1) {
                throw new IllegalStateException(glob + " matches " + matches + "; build the modules first");
            }
            return matches.get(0);
        }
    }

    private static void copy(Path source, Path target, boolean contents) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.createDirectories(target.getParent());
            Files.copy(source, contents ? target.resolve(source.getFileName()) : target,
                    StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> tree = Files.walk(source)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
    }
}
