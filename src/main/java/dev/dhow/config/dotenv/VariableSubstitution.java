package dev.dhow.config.dotenv;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** dotenv's {@code $VAR} / {@code ${VAR}} expansion: earlier keys of the same file first, then the environment. */
final class VariableSubstitution {
    // Same shape as dotenv's: the braces are independently optional and "$(" is left to command substitution.
    private static final Pattern VARIABLE =
            Pattern.compile("(\\\\)?(\\$)(?!\\()\\{?([A-Z0-9_]+)?\\}?", Pattern.CASE_INSENSITIVE);

    private VariableSubstitution() {}

    /** Expands {@code value}; {@code unset} hears each variable that neither the file nor the environment defines. */
    static String apply(String value, Map<String, String> fileValues, Map<String, String> environment, Consumer<String> unset) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder sb = new StringBuilder(value.length());
        int last = 0;
        while (m.find()) {
            sb.append(value, last, m.start());
            String name = m.group(3);
            if (m.group(1) != null) {
                sb.append(m.group(), 1, m.group().length()); // "\$X" keeps "$X" literally
            } else if (name != null) {
                String v = fileValues.get(name);
                if (v == null) v = environment.get(name);
                if (v == null) unset.accept(name);
                sb.append(v == null ? "" : v);
            } else {
                sb.append(m.group());
            }
            last = m.end();
        }
        return sb.append(value, last, value.length()).toString();
    }
}
