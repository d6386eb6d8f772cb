package dev.dhow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 1Password through the {@code op} CLI. Secrets are {@code [op://]vault/item[/section/field]} (field
 * defaults to {@code password}); with no secrets, every field of {@code --from vault/item}.
 */
final class OnePasswordAdapter extends CliAdapter {
    OnePasswordAdapter(ProcessRunner runner) {
        super(runner);
    }

    @Override
    public String name() {
        return "1password";
    }

    @Override
    protected String program() {
        return "op";
    }

    @Override
    protected String installHint() {
        return "install the 1Password CLI: https://developer.1password.com/docs/cli/get-started/";
    }

    @Override
    protected String login(String account) {
        if (runQuietly("op", "account", "get", "--account", account).ok()) return null;
        ProcessRunner.Result signin = run("op", "signin", "--account", account, "--force", "--raw");
        if (!signin.ok()) throw fail("sign-in to account " + account + " failed", signin);
        String session = signin.stdout().strip();
        return session.isEmpty() ? null : session;
    }

    @Override
    protected Map<String, String> fetchSecrets(List<String> secrets, String account, String from, String session) {
        Map<String, String> results = new LinkedHashMap<>();
        if (secrets.isEmpty()) {
            if (from == null) throw fail("give secret names, or --from vault/item to fetch every field of an item");
            String[] vaultItem = from.replaceFirst("^op://", "").split("/");
            if (vaultItem.length != 2) throw fail("--from must be vault/item to fetch every field of an item, got '" + from + "'");
            JsonNode item = itemGet(vaultItem[0], vaultItem[1], List.of(), account, session);
            JsonNode fields = item.get("fields");
            if (fields == null || !fields.isArray()) throw fail("item " + vaultItem[1] + " in vault " + vaultItem[0] + " has no fields");
            addFields(results, fields);
            return results;
        }
        // vault -> item -> fields, in first-seen order, so each item is read with one `op item get`.
        Map<String, Map<String, List<String>>> vaults = new LinkedHashMap<>();
        for (String secret : prefixed(secrets, from)) {
            String[] parts = secret.replaceFirst("^op://", "").split("/");
            if (parts.length < 2) throw fail("secret '" + secret + "' must be vault/item[/section/field] (or use --from vault)");
            List<String> fieldPath = new ArrayList<>(List.of(parts).subList(2, parts.length));
            if (fieldPath.isEmpty()) fieldPath.add("password");
            vaults.computeIfAbsent(parts[0], v -> new LinkedHashMap<>())
                    .computeIfAbsent(parts[1], i -> new ArrayList<>())
                    .add(String.join(".", fieldPath));
        }
        vaults.forEach((vault, items) -> items.forEach((item, fields) -> {
            JsonNode answer = itemGet(vault, item, fields, account, session);
            // `op` answers a single requested field as an object and several as an array.
            List<JsonNode> list = new ArrayList<>();
            if (answer.isArray()) answer.forEach(list::add);
            else list.add(answer);
            addFields(results, list);
        }));
        return results;
    }

    private JsonNode itemGet(String vault, String item, List<String> fields, String account, String session) {
        List<String> argv = new ArrayList<>(List.of("op", "item", "get", item, "--vault", vault, "--format", "json", "--account", account));
        if (session != null) argv.addAll(List.of("--session", session));
        if (!fields.isEmpty()) {
            argv.add("--fields");
            argv.add(String.join(",", fields.stream().map(f -> "label=" + f).toList()));
        }
        ProcessRunner.Result result = run(argv);
        if (!result.ok()) {
            String what = fields.isEmpty() ? "" : String.join(", ", fields) + " ";
            throw fail("could not read " + what + "from item " + item + " in vault " + vault, result);
        }
        return json(result, "'op item get " + item + "'");
    }

    private void addFields(Map<String, String> results, Iterable<JsonNode> fields) {
        for (JsonNode field : fields) {
            String reference = text(field, "reference");
            if (reference == null) throw fail("field " + text(field, "label") + " has no reference in the 'op' output");
            String key = reference.replaceFirst("^op://", "");
            if (key.endsWith("/password")) key = key.substring(0, key.length() - "/password".length());
            results.put(key, text(field, "value"));
        }
    }
}
