/**
 * The closed-loop load generator (reactor-netty's HttpClient on loopback) and the request bodies of the three wire
 * formats it sends: TensorFlow Serving REST JSON, V2 JSON and V2 with Triton's binary tensor extension. Knows HTTP
 * and the wire formats, nothing about how the server is started.
 */
package io.verso.bench.load;
