/**
 * Pure: API roles and the static bearer-token table ({@code name:role:sha256hex}); no CDI, no Quarkus.
 */
package dev.firebreak.security.token;
