/**
 * Turns results into {@code docs/benchmarks.md}: Markdown tables, number formats, and the generated section of the
 * file, which is replaced between markers so the hand-written analysis around it survives a rerun.
 */
package io.verso.bench.report;
