package dev.dhow.config;

import dev.dhow.config.dotenv.DotenvParser;
import dev.dhow.config.dotenv.InProcessCommands;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders an ERB template outside deploy.yml (an accessory's {@code *.erb} file) with the same subset dhow
 * supports in deploy.yml: {@code ENV[...]}, {@code ENV.fetch(...)}, {@code Dotenv.load}. Anything else is an
 * error naming {@code label} and the line.
 */
public final class Erb {
    private Erb() {}

    /**
     * @param label   the file name for error messages
     * @param env     the variables {@code ENV} holds while rendering (not modified)
     * @param baseDir where relative dotenv paths resolve
     */
    public static String render(String label, String template, Map<String, String> env, Path baseDir) {
        Map<String, String> scope = new HashMap<>(env);
        DotenvParser dotenv = new DotenvParser(env, InProcessCommands.none(), baseDir);
        return new ErbRenderer(scope, dotenv::parse, baseDir).render(label, template);
    }
}
