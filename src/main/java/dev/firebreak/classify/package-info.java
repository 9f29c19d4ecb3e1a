/**
 * Explainable classification of an alert into critical, warning or info by ordered first-match rules kept as data
 * ({@code firebreak/classification-rules.yaml}), plus a short human incident title. Pure: no framework, no I/O
 * beyond reading a catalog file.
 */
package dev.firebreak.classify;
