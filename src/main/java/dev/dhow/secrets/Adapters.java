package dev.dhow.secrets;

import dev.dhow.core.DhowException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds an adapter by the name given to {@code --adapter}, the way Kamal does: its aliases
 * ({@code 1password}, {@code lastpass}, {@code gcp}, {@code bitwarden-sm}) or the class-style
 * name in any casing Rails' {@code camelize} maps to the same class ({@code one_password}, {@code OnePassword}).
 */
public final class Adapters {
    private record Entry(String canonical, Function<Adapters, SecretAdapter> factory) {}

    private static final Map<String, String> ALIASES = Map.of(
            "1password", "one_password",
            "lastpass", "last_pass",
            "gcp", "gcp_secret_manager",
            "bitwarden-sm", "bitwarden_secrets_manager",
            "1password-connect", "one_password_connect");

    private static final List<Entry> ENTRIES = List.of(
            new Entry("one_password", a -> new OnePasswordAdapter(a.runner)),
            new Entry("bitwarden", a -> new BitwardenAdapter(a.runner)),
            new Entry("bitwarden_secrets_manager", a -> new BitwardenSecretsManagerAdapter(a.runner)),
            new Entry("last_pass", a -> new LastPassAdapter(a.runner)),
            new Entry("aws_secrets_manager", a -> new AwsSecretsManagerAdapter(a.runner)),
            new Entry("gcp_secret_manager", a -> new GcpSecretManagerAdapter(a.runner)),
            new Entry("doppler", a -> new DopplerAdapter(a.runner)),
            new Entry("enpass", a -> new EnpassAdapter(a.runner)),
            new Entry("passbolt", a -> new PassboltAdapter(a.runner)),
            new Entry("one_password_connect", a -> new OnePasswordConnectAdapter(a.runner.env(), a.timeouts)),
            new Entry("vault", a -> new VaultAdapter(a.runner.env(), a.timeouts)),
            new Entry("test", a -> new TestAdapter()));

    private final ProcessRunner runner;
    private final Timeouts timeouts;

    /**
     * @param runner runs vendor CLIs; its environment is also what the REST adapters read
     *               ({@code VAULT_ADDR}, {@code OP_CONNECT_TOKEN}, …)
     */
    public Adapters(ProcessRunner runner, Timeouts timeouts) {
        this.runner = runner;
        this.timeouts = timeouts;
    }

    /** The adapter for {@code name}; {@code Unknown secrets adapter: x} (with the known names) otherwise. */
    public SecretAdapter lookup(String name) {
        String resolved = ALIASES.getOrDefault(name.toLowerCase(Locale.ROOT), name);
        String camel = camelize(resolved);
        for (Entry e : ENTRIES) {
            if (camelize(e.canonical()).equals(camel)) return e.factory().apply(this);
        }
        throw new DhowException("Unknown secrets adapter: " + resolved + " (known: " + String.join(", ", known()) + ")");
    }

    /** The names users usually type, aliases first. */
    public static List<String> known() {
        return List.of("1password", "1password-connect", "aws_secrets_manager", "bitwarden", "bitwarden-sm", "doppler",
                "enpass", "gcp", "lastpass", "passbolt", "vault");
    }

    // Rails' camelize for plain names: "one_password" and "onePassword" both become "OnePassword".
    private static String camelize(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("_", -1)) {
            if (part.isEmpty()) {
                sb.append('_');
                continue;
            }
            sb.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
        }
        return sb.toString();
    }

}
