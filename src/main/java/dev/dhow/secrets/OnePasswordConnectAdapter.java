package dev.dhow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dhow.core.DhowException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 1Password through a Connect server's REST API, no {@code op} binary needed ({@code OP_CONNECT_HOST},
 * {@code OP_CONNECT_TOKEN}). Secrets are field labels of {@code --from vault/item} (or
 * {@code vault/item/[section/]label}); with none, every field. Keys follow the {@code 1password}
 * adapter: {@code vault/item/[section/]label}, and the item's {@code password} field is {@code vault/item}.
 */
final class OnePasswordConnectAdapter implements SecretAdapter {
    private final Map<String, String> env;
    private final Timeouts timeouts;

    OnePasswordConnectAdapter(Map<String, String> env, Timeouts timeouts) {
        this.env = env;
        this.timeouts = timeouts;
    }

    @Override
    public String name() {
        return "1password-connect";
    }

    @Override
    public boolean requiresAccount() {
        return false;
    }

    @Override
    public Map<String, String> fetch(List<String> secrets, String account, String from) {
        String host = env.get("OP_CONNECT_HOST");
        if (host == null || host.isBlank()) throw fail("OP_CONNECT_HOST is not set (e.g. http://localhost:8080)");
        String token = env.get("OP_CONNECT_TOKEN");
        if (token == null || token.isBlank()) throw fail("OP_CONNECT_TOKEN is not set");
        Api api = new Api(host.replaceAll("/+$", ""), Map.of("Authorization", "Bearer " + token.strip()),
                new HttpJson(name(), timeouts, null));

        // vault -> item -> wanted fields (empty = every field), in first-seen order.
        Map<String, Map<String, List<String>>> wanted = new LinkedHashMap<>();
        if (secrets.isEmpty()) {
            String[] vaultItem = from == null ? new String[0] : from.split("/");
            if (vaultItem.length != 2) throw fail("give field labels, or --from vault/item to fetch every field of an item");
            wanted.computeIfAbsent(vaultItem[0], v -> new LinkedHashMap<>()).put(vaultItem[1], new ArrayList<>());
        }
        for (String secret : CliAdapter.prefixed(secrets, from)) {
            String[] parts = secret.split("/", 3);
            if (parts.length < 3) throw fail("secret '" + secret + "' must be vault/item/field (or use --from vault/item)");
            wanted.computeIfAbsent(parts[0], v -> new LinkedHashMap<>())
                    .computeIfAbsent(parts[1], i -> new ArrayList<>()).add(parts[2]);
        }

        Map<String, String> results = new LinkedHashMap<>();
        wanted.forEach((vault, items) -> {
            String vaultId = api.vaultId(vault);
            items.forEach((item, fields) -> {
                JsonNode full = api.item(vaultId, vault, item);
                Map<String, String> sectionLabels = new HashMap<>();
                full.path("sections").forEach(s -> sectionLabels.put(s.path("id").asText(), s.path("label").asText("")));
                if (fields.isEmpty()) {
                    for (JsonNode f : full.path("fields")) {
                        if (!f.hasNonNull("label") || !f.hasNonNull("value")) continue;
                        results.put(key(vault, item, sectionOf(f, sectionLabels), f.get("label").asText()), f.get("value").asText());
                    }
                }
                for (String field : fields) {
                    int slash = field.indexOf('/');
                    String section = slash < 0 ? null : field.substring(0, slash);
                    String label = slash < 0 ? field : field.substring(slash + 1);
                    JsonNode match = null;
                    for (JsonNode f : full.path("fields")) {
                        if (label.equals(f.path("label").asText(null))
                                && (section == null || section.equals(sectionOf(f, sectionLabels)))) {
                            match = f;
                            break;
                        }
                    }
                    if (match == null) throw fail("no field " + field + " in item " + item + " of vault " + vault);
                    results.put(key(vault, item, section, label), match.path("value").asText(""));
                }
            });
        });
        return results;
    }

    private static String sectionOf(JsonNode field, Map<String, String> sectionLabels) {
        String id = field.path("section").path("id").asText(null);
        if (id == null) return null;
        String label = sectionLabels.getOrDefault(id, "");
        return label.isEmpty() ? null : label;
    }

    private static String key(String vault, String item, String section, String label) {
        String key = vault + "/" + item + "/" + (section == null ? "" : section + "/") + label;
        return key.endsWith("/" + item + "/password") ? vault + "/" + item : key;
    }

    private DhowException fail(String message) {
        return new DhowException(name() + ": " + message);
    }

    /** The three Connect calls: find vault by name, find item by title, read the full item. */
    private final class Api {
        private final String host;
        private final Map<String, String> auth;
        private final HttpJson http;

        Api(String host, Map<String, String> auth, HttpJson http) {
            this.host = host;
            this.auth = auth;
            this.http = http;
        }

        String vaultId(String vault) {
            JsonNode list = get("/v1/vaults?filter=" + HttpJson.encodeQuery("name eq \"" + vault + "\""), "vault " + vault);
            if (list.size() == 0) throw fail("no vault named " + vault + " (or the token may not read it)");
            return list.get(0).path("id").asText();
        }

        JsonNode item(String vaultId, String vault, String item) {
            String what = "item " + item + " in vault " + vault;
            JsonNode list = get("/v1/vaults/" + HttpJson.encodePath(vaultId) + "/items?filter="
                    + HttpJson.encodeQuery("title eq \"" + item + "\""), what);
            if (list.size() == 0) throw fail("no item " + item + " in vault " + vault);
            String itemId = list.get(0).path("id").asText();
            return get("/v1/vaults/" + HttpJson.encodePath(vaultId) + "/items/" + HttpJson.encodePath(itemId), what);
        }

        private JsonNode get(String pathAndQuery, String what) {
            HttpJson.Response response = http.get(URI.create(host + pathAndQuery), auth);
            if (response.ok()) return response.body();
            String message = response.body().path("message").asText("");
            String detail = "HTTP " + response.status() + (message.isEmpty() ? "" : ": " + message);
            throw switch (response.status()) {
                case 401 -> fail("the Connect server at " + host + " rejected OP_CONNECT_TOKEN (" + detail + ")");
                case 403 -> fail("access to " + what + " denied (" + detail + "); does the token's access include that vault?");
                case 404 -> fail(what + " not found (" + detail + ")");
                default -> fail("reading " + what + " failed (" + detail + ")");
            };
        }
    }
}
