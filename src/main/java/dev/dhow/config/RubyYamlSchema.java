package dev.dhow.config;

import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * Plain scalars typed the way Ruby's YAML (Psych, YAML 1.1) types them, because Kamal configs are written
 * for it: {@code yes/no/on/off} are booleans, {@code 40_000_000} is an integer, {@code 0600} is octal.
 * Quoted scalars are always strings.
 */
final class RubyYamlSchema implements Schema {
    private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
    private static final Pattern BOOL = Pattern.compile("^(?i:yes|true|on|no|false|off)$");
    private static final Pattern TRUE = Pattern.compile("^(?i:yes|true|on)$");
    private static final Pattern DECIMAL = Pattern.compile("^[-+]?(?:0|[1-9][0-9_]*)$");
    private static final Pattern OCTAL = Pattern.compile("^[-+]?0[0-7_]+$");
    private static final Pattern HEX = Pattern.compile("^[-+]?0x[0-9a-fA-F_]+$");
    private static final Pattern BINARY = Pattern.compile("^[-+]?0b[01_]+$");
    private static final Pattern FLOAT = Pattern.compile("^[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*(?:[eE][-+]?[0-9]+)?$|^[-+]?\\.(?:inf|Inf|INF)$|^\\.(?:nan|NaN|NAN)$");

    private static final ScalarResolver RESOLVER = (value, implicit) -> {
        if (!implicit) return Tag.STR;
        if (NULL.matcher(value).matches()) return Tag.NULL;
        if (BOOL.matcher(value).matches()) return Tag.BOOL;
        if (DECIMAL.matcher(value).matches() || OCTAL.matcher(value).matches()
                || HEX.matcher(value).matches() || BINARY.matcher(value).matches()) return Tag.INT;
        if (FLOAT.matcher(value).matches() && !value.equals(".")) return Tag.FLOAT;
        return Tag.STR;
    };

    @Override
    public ScalarResolver getScalarResolver() {
        return RESOLVER;
    }

    @Override
    public Map<Tag, ConstructNode> getSchemaTagConstructors() {
        return Map.of(
                Tag.NULL, node -> null,
                Tag.BOOL, node -> TRUE.matcher(text(node)).matches(),
                Tag.INT, node -> integer(text(node)),
                Tag.FLOAT, node -> floating(text(node)));
    }

    private static String text(Node node) {
        return ((ScalarNode) node).getValue();
    }

    static Number integer(String raw) {
        String s = raw.replace("_", "");
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) s = s.substring(1);
        BigInteger value;
        if (s.startsWith("0x")) value = new BigInteger(s.substring(2), 16);
        else if (s.startsWith("0b")) value = new BigInteger(s.substring(2), 2);
        else if (s.length() > 1 && s.startsWith("0")) value = new BigInteger(s.substring(1), 8);
        else value = new BigInteger(s);
        if (negative) value = value.negate();
        if (value.bitLength() < 32) return value.intValue();
        if (value.bitLength() < 64) return value.longValue();
        return value;
    }

    private static Double floating(String raw) {
        String s = raw.replace("_", "");
        if (s.matches("^[-+]?\\.(?i:inf)$")) return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (s.matches("^\\.(?i:nan)$")) return Double.NaN;
        return Double.valueOf(s);
    }
}
