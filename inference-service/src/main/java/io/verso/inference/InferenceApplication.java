package io.verso.inference;

import io.verso.inference.config.TfServingFlags;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The inference pod. Accepts Spring properties and, as a drop-in, {@code tensorflow_model_server}'s flags. */
@SpringBootApplication
public class InferenceApplication {

    public static void main(String[] args) {
        SpringApplication.run(InferenceApplication.class, TfServingFlags.toSpringArguments(args));
    }
}
