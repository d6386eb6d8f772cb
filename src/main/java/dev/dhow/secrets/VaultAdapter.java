package dev.dhow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dhow.core.DhowException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HashiCorp Vault KV v2 over its REST API, no {@code vault} binary needed. {@code VAULT_ADDR},
 * {@code VAULT_TOKEN} (or {@code ~/.vault-token}), optional {@code VAULT_NAMESPACE} and
 * {@code VAULT_CACERT}. Secrets are keys of {@code --from mount/path}, or {@code mount/path/KEY};
 * with no secrets, every key of {@code --from}. Results are keyed {@code mount/path/KEY}.
 */
final class VaultAdapter implements SecretAdapter {
    private final Map<String, String> env;
    private final Timeouts timeouts;

    VaultAdapter(Map<String, String> env, Timeouts timeouts) {
        this.env = env;
        this.timeouts = timeouts;
    }

    @Override
    public String name() {
        return "vault";
    }

    @Override
    public boolean requiresAccount() {
        return false;
    }

    @Override
    public Map<String, String> fetch(List<String> secrets, String account, String from) {
        String addr = env.get("VAULT_ADDR");
        if (addr == null || addr.isBlank()) throw fail("VAULT_ADDR is not set (e.g. https://vault.example.com:8200)");
        String token = token();
        String cacert = env.get("VAULT_CACERT");
        HttpJson http = new HttpJson(name(), timeouts,
                cacert == null || cacert.isBlank() ? null : HttpJson.trusting(name(), Path.of(cacert)));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Vault-Token", token);
        String namespace = env.get("VAULT_NAMESPACE");
        if (namespace != null && !namespace.isBlank()) headers.put("X-Vault-Namespace", namespace);

        // "mount/path" -> keys wanted (empty = all keys), in first-seen order: one request per path.
        Map<String, List<String>> paths = new LinkedHashMap<>();
        if (secrets.isEmpty()) {
            if (from == null || from.isBlank()) throw fail("give key names, or --from mount/path to fetch every key of a secret");
            paths.put(stripSlashes(from), new ArrayList<>());
        }
        for (String secret : CliAdapter.prefixed(secrets, from)) {
            int slash = secret.lastIndexOf('/');
            if (slash < 0 || stripSlashes(secret.substring(0, slash)).indexOf('/') < 0) {
                throw fail("secret '" + secret + "' must be mount/path/KEY (or use --from mount/path)");
            }
            paths.computeIfAbsent(stripSlashes(secret.substring(0, slash)), p -> new ArrayList<>()).add(secret.substring(slash + 1));
        }

        Map<String, String> results = new LinkedHashMap<>();
        paths.forEach((mountPath, keys) -> {
            int slash = mountPath.indexOf('/');
            if (slash < 0) throw fail("--from must be mount/path, got '" + mountPath + "'");
            String mount = mountPath.substring(0, slash);
            String path = mountPath.substring(slash + 1);
            URI uri = URI.create(addr.replaceAll("/+$", "") + "/v1/" + HttpJson.encodePath(mount) + "/data/" + HttpJson.encodePath(path));
            HttpJson.Response response = http.get(uri, headers);
            if (!response.ok()) throw failure(response, mountPath);
            JsonNode data = response.body().path("data").path("data");
            if (!data.isObject()) throw fail(mountPath + " has no data (deleted, or not a KV v2 secret)");
            if (keys.isEmpty()) {
                data.fields().forEachRemaining(e -> results.put(mountPath + "/" + e.getKey(), stringify(e.getValue())));
            }
            for (String key : keys) {
                if (!data.has(key)) throw fail(mountPath + " has no key " + key);
                results.put(mountPath + "/" + key, stringify(data.get(key)));
            }
        });
        return results;
    }

    private String token() {
        String token = env.get("VAULT_TOKEN");
        if (token != null && !token.isBlank()) return token.strip();
        // `vault login` leaves the token here, so users who signed in with the CLI need nothing else.
        String home = env.get("HOME");
        if (home != null) {
            Path file = Path.of(home, ".vault-token");
            try {
                if (Files.isRegularFile(file)) return Files.readString(file).strip();
            } catch (IOException e) {
                throw fail("cannot read " + file + ": " + e.getMessage());
            }
        }
        throw fail("VAULT_TOKEN is not set and there is no ~/.vault-token (run 'vault login' or export VAULT_TOKEN)");
    }

    private DhowException failure(HttpJson.Response response, String mountPath) {
        List<String> errors = new ArrayList<>();
        response.body().path("errors").forEach(e -> errors.add(e.asText()));
        String detail = "HTTP " + response.status() + (errors.isEmpty() ? "" : ": " + String.join("; ", errors));
        return switch (response.status()) {
            case 401, 403 -> fail("permission denied reading " + mountPath + " (" + detail + "); check VAULT_TOKEN and its policies");
            case 404 -> fail("no secret at " + mountPath + " (" + detail + "); is " + mountPath.substring(0, mountPath.indexOf('/')) + " a KV v2 mount?");
            default -> fail("reading " + mountPath + " failed (" + detail + ")");
        };
    }

    private static String stripSlashes(String s) {
        return s.replaceAll("^/+|/+$", "");
    }

    private static String stringify(JsonNode value) {
        return value.isTextual() ? value.textValue() : KamalJson.dump(value);
    }

    private DhowException fail(String message) {
        return new DhowException(name() + ": " + message);
    }
}
