/**
 * Shadow traffic: a copy of a request goes to another version off the client's path; its latency and its
 * disagreement with the client's answer become metrics, and its answer is dropped. Builds on {@code routing} and
 * {@code metrics}.
 */
package io.verso.gateway.shadow;
