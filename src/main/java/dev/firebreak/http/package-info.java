/**
 * HTTP errors: the one place that maps failures to status codes and RFC 9457 problem+json bodies.
 */
package dev.firebreak.http;
