package dev.dhow.commands;

import dev.dhow.core.RubyDump;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kamal's quoting of option values ({@code Kamal::Utils.escape_shell_value}): ASCII runs become a Ruby
 * {@code String#dump} (double quotes, {@code \"}, {@code \\}, {@code \n}…) with backticks escaped and
 * {@code $} escaped unless it starts {@code ${…}}, so the remote shell still expands {@code ${VAR}};
 * non-ASCII runs are kept verbatim. Matching it byte for byte keeps dhow's commands identical to Kamal's.
 */
public final class ShellValue {
    private static final Pattern DOLLAR_WITHOUT_EXPANSION = Pattern.compile("\\$(?!\\{[^}]*\\})");

    private ShellValue() {}

    /** {@code he said "hi"} → {@code "he said \"hi\""}. */
    public static String quote(String value) {
        if (value.isEmpty()) return "\"\"";
        return RubyDump.mapAsciiRuns(value, ShellValue::quoteAscii);
    }

    private static String quoteAscii(String run) {
        String dumped = ("\"" + RubyDump.dump(run) + "\"").replace("`", "\\`");
        return DOLLAR_WITHOUT_EXPANSION.matcher(dumped).replaceAll(Matcher.quoteReplacement("\\$"));
    }
}
