/**
 * Wiring: the main class, CDI producers, startup checks and the local profile's embedded database. No business logic.
 */
package dev.firebreak.app;
