package io.verso.registry.pipeline;

/**
 * One gate's verdict on a version.
 *
 * @param gate   {@code stable}, {@code accuracy} or {@code schema}
 * @param detail the values compared, or why it failed (e.g. the input that is missing)
 */
record GateCheck(String gate, boolean passed, String detail) {
}
