package dev.dhow.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The secrets files as the deploy commands use them: the first time any secret is needed, every secret that
 * deploy.yml names is looked up, and all that are missing are reported together, each with its key path, before
 * a single one is used. Reading stays lazy, as in Kamal: commands that need no secret never run the files'
 * commands (which may prompt for a password).
 */
public final class ReferencedSecrets implements SecretSource {
    private final SecretsFiles files;
    private final Map<String, Reference> references;
    private boolean checked; // guarded by this
    private final List<String> warnings = new ArrayList<>(); // guarded by this

    /** A secret named at a key path; {@code required} values must not be empty (a login needs a password). */
    record Reference(String key, boolean required) {}

    public ReferencedSecrets(Configuration config, SecretsFiles files) {
        this.files = files;
        this.references = references(config.raw());
    }

    @Override
    public Optional<String> find(String key) {
        check();
        return files.find(key);
    }

    @Override
    public Set<String> keys() {
        check();
        return files.keys();
    }

    /**
     * Looks up every secret deploy.yml names (once; later calls return at once) and reports all that are missing.
     * Without any named secret the files are not read here.
     *
     * @throws ConfigurationException one problem per missing or wrongly empty secret, each with its key path
     */
    public synchronized void check() {
        if (checked) return;
        if (references.isEmpty()) {
            checked = true;
            return;
        }
        List<String> problems = new ArrayList<>();
        List<String> existing = files.existingFiles();
        references.forEach((path, ref) -> {
            Optional<String> value = files.find(ref.key());
            if (value.isEmpty()) {
                // Kamal's wording, with the key path in front.
                problems.add(path + ": Secret '" + ref.key() + "' not found" + (existing.isEmpty()
                        ? ", no secret files (" + String.join(", ", files.fileNames()) + ") provided"
                        : " in " + String.join(", ", existing)));
            } else if (value.get().isEmpty()) {
                String why = files.whyEmpty(ref.key()).map(w -> " (" + w + " in dhow's environment)").orElse("");
                if (ref.required()) {
                    problems.add(path + ": Secret '" + ref.key() + "' is empty in " + String.join(", ", existing) + why);
                } else if (!why.isEmpty()) {
                    // Possibly meant (an optional feature switched off), so only a warning; but in CI an unset
                    // variable is the usual reason, and the app would start without its secret.
                    warnings.add(path + ": Secret '" + ref.key() + "' is empty" + why);
                }
            }
        });
        if (!problems.isEmpty()) throw new ConfigurationException(problems);
        checked = true;
    }

    /** Secrets deploy.yml names that came out empty because a variable was unset (after {@link #check()}). */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Key path → secret, for every place deploy.yml names a secret, section by section. */
    static Map<String, Reference> references(Map<String, Object> raw) {
        Map<String, Reference> out = new LinkedHashMap<>();
        env(out, "env", raw.get("env"));
        Raw.map(Raw.map(raw, "env"), "tags").forEach((tag, env) -> env(out, "env/tags/" + tag, env));
        if (raw.get("servers") instanceof Map<?, ?> servers) {
            DeepMerge.cast(servers).forEach((role, spec) -> {
                env(out, "servers/" + role + "/env", Raw.map(spec).get("env"));
                ssl(out, "servers/" + role + "/proxy", Raw.map(spec).get("proxy"));
            });
        }
        registry(out, "registry", raw.get("registry"));
        ssl(out, "proxy", raw.get("proxy"));
        Raw.map(raw, "accessories").forEach((name, spec) -> {
            String path = "accessories/" + name;
            env(out, path + "/env", Raw.map(spec).get("env"));
            registry(out, path + "/registry", Raw.map(spec).get("registry"));
            ssl(out, path + "/proxy", Raw.map(spec).get("proxy"));
        });
        List<String> buildSecrets = Raw.strings(Raw.map(raw, "builder"), "secrets");
        for (int i = 0; i < buildSecrets.size(); i++) out.put("builder/secrets/" + i, new Reference(buildSecrets.get(i), false));
        List<String> keyData = Raw.strings(Raw.map(raw, "ssh"), "key_data");
        for (int i = 0; i < keyData.size(); i++) {
            // An inline PEM (Kamal's deprecated form) is not a secret name.
            if (!keyData.get(i).contains("-----BEGIN")) out.put("ssh/key_data/" + i, new Reference(keyData.get(i), true));
        }
        return out;
    }

    private static void env(Map<String, Reference> out, String path, Object env) {
        List<String> secrets = Raw.strings(Raw.map(env), "secret");
        for (int i = 0; i < secrets.size(); i++) {
            String entry = secrets.get(i);
            out.put(path + "/secret/" + i, new Reference(entry.contains(":") ? entry.substring(entry.indexOf(':') + 1) : entry, false));
        }
    }

    private static void registry(Map<String, Reference> out, String path, Object registry) {
        Map<String, Object> r = Raw.map(registry);
        // A local registry takes no login, so its credentials are never looked up.
        if (Raw.str(r, "server").filter(s -> s.matches("^localhost[:$].*")).isPresent()) return;
        for (String key : List.of("username", "password")) {
            if (r.get(key) instanceof List<?> l && !l.isEmpty() && l.get(0) != null) {
                out.put(path + "/" + key, new Reference(Raw.text(l.get(0)), true));
            }
        }
    }

    private static void ssl(Map<String, Reference> out, String path, Object proxy) {
        Map<String, Object> ssl = Raw.map(Raw.map(proxy).get("ssl"));
        for (String key : List.of("certificate_pem", "private_key_pem")) {
            Raw.str(ssl, key).filter(s -> !s.isBlank()).ifPresent(s -> out.put(path + "/ssl/" + key, new Reference(s, true)));
        }
    }
}
