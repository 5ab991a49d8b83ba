package io.verso.inference.monitoring.drift;

import java.time.Duration;

/**
 * How serving statistics are windowed.
 *
 * @param length        the sliding window
 * @param buckets       time buckets the window is cut into (it slides one bucket at a time)
 * @param maxCategories distinct categories tracked per string feature
 */
public record DriftWindow(Duration length, int buckets, int maxCategories) {
}
