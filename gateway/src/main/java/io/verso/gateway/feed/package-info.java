/**
 * The registry's routing-table feed: long-poll with ETag, and the copy on disk that lets a restarted gateway route
 * while the registry is down. Produces {@link io.verso.contracts.RoutingTable}s; knows nothing of routing itself.
 */
package io.verso.gateway.feed;
