package dev.dhow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bitwarden through the {@code bw} CLI. {@code item} gives the login password; {@code item/field} a
 * custom field; an item without a login password gives all its custom fields. The session from
 * {@code bw unlock --raw} travels in {@code BW_SESSION}, never in argv.
 */
final class BitwardenAdapter extends CliAdapter {
    BitwardenAdapter(ProcessRunner runner) {
        super(runner);
    }

    @Override
    public String name() {
        return "bitwarden";
    }

    @Override
    protected String program() {
        return "bw";
    }

    @Override
    protected String installHint() {
        return "install the Bitwarden CLI: https://bitwarden.com/help/cli/";
    }

    @Override
    protected String login(String account) {
        String status = status(null);
        if (status.equals("unauthenticated")) {
            ProcessRunner.Result login = run("bw", "login", account);
            if (!login.ok()) throw fail("login as " + account + " failed", login);
            status = status(null);
        }
        String session = null;
        if (status.equals("locked")) {
            ProcessRunner.Result unlock = run("bw", "unlock", "--raw");
            if (!unlock.ok()) throw fail("unlocking the vault of " + account + " failed", unlock);
            session = unlock.stdout().strip().isEmpty() ? null : unlock.stdout().strip();
            status = status(session);
        }
        if (!status.equals("unlocked")) {
            throw fail("could not log in to and unlock the vault of " + account + " (bw status says '" + status + "')");
        }
        ProcessRunner.Result sync = bw(session, "sync");
        if (!sync.ok()) throw fail("'bw sync' failed", sync);
        return session;
    }

    private String status(String session) {
        ProcessRunner.Result result = bw(session, "status");
        if (!result.ok()) throw fail("'bw status' failed", result);
        String status = text(json(result, "'bw status'"), "status");
        return status == null ? "unknown" : status;
    }

    private ProcessRunner.Result bw(String session, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("bw");
        argv.addAll(List.of(args));
        return runner.run(argv, session == null ? Map.of() : Map.of("BW_SESSION", session), false);
    }

    @Override
    protected Map<String, String> fetchSecrets(List<String> secrets, String account, String from, String session) {
        Map<String, List<String>> items = new LinkedHashMap<>();
        for (String secret : prefixed(secrets, from)) {
            String[] parts = secret.split("/");
            List<String> fields = items.computeIfAbsent(parts[0], i -> new ArrayList<>());
            if (parts.length > 1) fields.add(parts[1]);
        }
        Map<String, String> results = new LinkedHashMap<>();
        items.forEach((item, fields) -> {
            ProcessRunner.Result result = bw(session, "get", "item", item);
            if (!result.ok()) throw fail("could not read item " + item, result);
            JsonNode itemJson = json(result, "'bw get item " + item + "'");
            String password = text(itemJson.path("login"), "password");
            if (!fields.isEmpty()) {
                fields.forEach(f -> results.put(item + "/" + f, field(itemJson, item, f)));
            } else if (password != null) {
                results.put(item, password);
            } else if (itemJson.path("fields").size() > 0) {
                itemJson.get("fields").forEach(f -> results.put(item + "/" + text(f, "name"), text(f, "value")));
            } else {
                throw fail("item " + item + " is not a login type item and no fields were specified");
            }
        });
        return results;
    }

    private String field(JsonNode itemJson, String item, String name) {
        for (JsonNode f : itemJson.path("fields")) {
            if (name.equals(text(f, "name"))) return text(f, "value");
        }
        throw fail("could not find field " + name + " in item " + item);
    }
}
