/**
 * The incident REST API ({@code /api/v1}): JAX-RS resources, wire records and their mappers. Entities never cross it.
 */
package dev.firebreak.api;
