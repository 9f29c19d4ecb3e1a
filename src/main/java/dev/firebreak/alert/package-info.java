/**
 * Shared kernel: the normalized alert every feature speaks. No dependencies, no I/O.
 */
package dev.firebreak.alert;
