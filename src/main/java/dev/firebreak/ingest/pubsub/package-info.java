/**
 * Pub/Sub transport: the only code that knows the push envelope, its headers and the pull client.
 */
package dev.firebreak.ingest.pubsub;
