/**
 * Ingestion: turns transport messages (Pub/Sub push or pull) into alerts, exactly once, through one pipeline.
 */
package dev.firebreak.ingest;
