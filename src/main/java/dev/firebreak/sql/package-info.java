/**
 * Small JDBC helpers for the hand-written SQL of the write paths.
 */
package dev.firebreak.sql;
