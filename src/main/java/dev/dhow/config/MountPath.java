package dev.dhow.config;

import java.util.Optional;

/**
 * An accessory {@code files:} or {@code directories:} entry, from {@code "local:remote[:options]"} or the hash
 * form. {@code mode} defaults to 755 for files and is unset for directories.
 */
public record MountPath(String local, String remote, Optional<String> options, Optional<String> mode, Optional<String> owner) {}
