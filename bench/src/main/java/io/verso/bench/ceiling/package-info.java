/**
 * The transport ceilings a serving cost is measured against: nginx answering a fixed body, and a bare Reactor Netty
 * server doing the same. Both run as their own processes, started and stopped by the suite.
 */
package io.verso.bench.ceiling;
