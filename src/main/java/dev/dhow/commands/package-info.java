/**
 * Pure command builders: each class turns the configuration (plus role, accessory or host, and any version,
 * clock, identity or random suffix passed in) into {@link dev.dhow.core.Cmd} values whose rendering matches
 * Kamal's command strings. Nothing here runs a process, opens a connection or reads a file.
 */
package dev.dhow.commands;
