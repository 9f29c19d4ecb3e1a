/**
 * Authentication and authorization wiring for the HTTP API on Quarkus Security: bearer tokens from
 * {@code firebreak.api.tokens}, roles viewer &lt; responder &lt; admin, the acting user of commands, and the optional
 * protection of {@code /q/metrics} and {@code /q/openapi}. The pure parts live in {@code token} and {@code jwt}.
 */
package dev.firebreak.security;
