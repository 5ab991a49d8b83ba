package io.verso.e2e;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The random choices one generated case is made of, from a seed: the same seed makes the same case, so a failing
 * case is reproduced from the seed its failure names.
 */
final class Choices {

    private final SplittableRandom random;

    Choices(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @SafeVarargs
    final <T> T oneOf(T... options) {
        return options[random.nextInt(options.length)];
    }

    /** A generator and how often it is picked relative to the others it is offered with. */
    record Option(int weight, Supplier<String> generator) {
    }

    static Option option(int weight, Supplier<String> generator) {
        return new Option(weight, generator);
    }

    /** Runs one of the options, picked in proportion to its weight. */
    String weighted(Option... options) {
        int total = 0;
        for (Option option : options) {
            total += option.weight();
        }
        int pick = random.nextInt(total);
        for (Option option : options) {
            pick -= option.weight();
            if (pick < 0) {
                return option.generator().get();
            }
        }
        throw new IllegalStateException("weights must be positive");
    }

    /** {@code min} to {@code max}, both included. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    long anyLong() {
        return random.nextLong();
    }

    /** Any double bit pattern that is finite (JSON has no literal for the others), from tiny to huge. */
    double anyFiniteDouble() {
        double value = Double.longBitsToDouble(random.nextLong());
        return Double.isFinite(value) ? value : random.nextDouble();
    }

    /** Up to {@code maxLength} characters from the whole of UTF-16, lone surrogates and controls included. */
    String anyText(int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append(oneIn(4) ? (char) random.nextInt(0x20, 0x7f) : (char) random.nextInt(Character.MAX_VALUE + 1));
        }
        return text.toString();
    }

    byte[] anyBytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }
}
