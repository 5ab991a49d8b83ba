package io.verso.inference.testsupport;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** TensorFlow Serving's SavedModel fixtures, copied into the test resources (see tfserving/README.md). */
public final class Fixtures {

    private Fixtures() {
    }

    /** The base path of a fixture model, e.g. {@code saved_model_half_plus_two_cpu}. */
    public static Path model(String name) {
        URL url = Fixtures.class.getResource("/tfserving/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path version(String name, long version) {
        return model(name).resolve(String.format("%08d", version));
    }
}
