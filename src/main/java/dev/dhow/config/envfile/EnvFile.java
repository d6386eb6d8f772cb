package dev.dhow.config.envfile;

import dev.dhow.core.RubyDump;
import java.util.Map;

/**
 * Renders the env file uploaded to hosts for {@code docker run --env-file}, byte for byte as Kamal writes
 * it, so containers started by either tool see the same values.
 */
public final class EnvFile {
    private EnvFile() {}

    /**
     * One {@code KEY=value} line per entry, in map order; an empty map gives a lone newline (never an empty file).
     * ASCII is escaped as Ruby's {@code String#dump} would (newline becomes {@code \n}, backslash {@code \\},
     * other control characters {@code \e} or {@code \xNN}), except that double quotes and {@code #} stay
     * bare because docker reads env files literally; non-ASCII text is kept verbatim.
     */
    public static String render(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((key, value) -> sb.append(key).append('=').append(escapeValue(value)).append('\n'));
        return sb.length() == 0 ? "\n" : sb.toString();
    }

    /** The escaped form of one value (see {@link #render}). */
    public static String escapeValue(String value) {
        // Kamal dumps each ASCII run, then undoes the \" and \# escapes; doing the same steps keeps odd inputs
        // such as a backslash before a quote identical.
        return RubyDump.mapAsciiRuns(value, run -> RubyDump.dump(run).replace("\\\"", "\"").replace("\\#", "#"));
    }
}
