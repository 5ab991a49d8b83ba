package io.verso.inference.api.v2;

/**
 * An output the client asked for.
 *
 * @param name the signature output key
 * @param binary true or false when the output set {@code parameters.binary_data}; null to follow the request's
 *     {@code binary_data_output}
 */
record V2RequestedOutput(String name, Boolean binary) {
}
