/**
 * Cloud Monitoring notifications: the only code that knows their field names.
 */
package dev.firebreak.ingest.gcm;
