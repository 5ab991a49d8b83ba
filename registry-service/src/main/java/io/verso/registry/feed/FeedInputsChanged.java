package io.verso.registry.feed;

/** Published in a transaction that may change what the feeds say (a pod report or expiry). */
record FeedInputsChanged(String cause) {
}
