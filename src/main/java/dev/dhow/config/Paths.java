package dev.dhow.config;

import java.util.Optional;

/**
 * Local and remote paths. Defaults (Kamal): hooks {@code .kamal/hooks}, secrets {@code .kamal/secrets}, run
 * directory {@code .kamal} (Kamal accepts {@code run_directory} but ignores it, and so does dhow).
 *
 * @param assetPath root {@code asset_path} ({@code path[:options]}); roles may override it
 */
public record Paths(Optional<String> assetPath, String hooksPath, String secretsPath, Optional<String> errorPagesPath, String runDirectory) {
    public static final String DEFAULT_HOOKS_PATH = ".kamal/hooks";
    public static final String DEFAULT_SECRETS_PATH = ".kamal/secrets";
    public static final String RUN_DIRECTORY = ".kamal";
}
