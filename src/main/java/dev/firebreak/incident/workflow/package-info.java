/**
 * Pure incident workflow: status and step enums, the transition tables as data, and the decision function the
 * persistence layer calls inside its transaction. No framework or I/O dependencies.
 */
package dev.firebreak.incident.workflow;
