/**
 * Where the server's time goes: a JFR recording taken with {@code jcmd} around one load phase, summarised by top
 * frames and by the first Verso-relevant frame of each stack (JSON, copies, HTTP, TensorFlow), next to the CPU of
 * each thread group, which also sees TensorFlow's native threads that JFR cannot.
 */
package io.verso.bench.profile;
