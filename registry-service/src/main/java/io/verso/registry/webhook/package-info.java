/**
 * Outbound webhooks: admins register URLs; version registrations and every audited deployment action become
 * delivery rows in the transaction that records them (a transactional outbox), and a dispatcher on each registry
 * replica posts them, HMAC-signed, retrying with exponential backoff and jitter.
 */
package io.verso.registry.webhook;
