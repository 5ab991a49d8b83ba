/**
 * Wire records the registry serves to inference pods and gateways (desired state, routing table) and receives
 * from pods (pod status), and the naming rules every side applies to what those records carry
 * ({@link io.verso.contracts.ModelNames}). Plain Java records, no Spring, no Jackson: each side maps them with its
 * own JSON library, and the JSON field names are the record component names. Imports the JDK only.
 */
package io.verso.contracts;
