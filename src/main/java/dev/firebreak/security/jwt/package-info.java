/**
 * Pure: verification of Google-signed OpenID Connect ID tokens (RS256 JWTs) against a cached JWKS, with the JDK's
 * crypto and Jackson only. No CDI, no Quarkus; built with {@code new} in plain tests.
 */
package dev.firebreak.security.jwt;
