/**
 * Wire records the registry serves to inference pods and gateways (desired state, routing table) and receives
 * from pods (pod status). Plain Java records, no Spring, no Jackson: each side maps them with its own JSON
 * library, and the JSON field names are the record component names.
 */
package io.verso.contracts;
