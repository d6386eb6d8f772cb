package dev.dhow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enpass through {@code enpass-cli} (offline, no account). {@code --from} is the vault folder;
 * {@code Title} gives every password of that item, {@code Title/label} one of them.
 */
final class EnpassAdapter extends CliAdapter {
    EnpassAdapter(ProcessRunner runner) {
        super(runner);
    }

    @Override
    public String name() {
        return "enpass";
    }

    @Override
    public boolean requiresAccount() {
        return false;
    }

    @Override
    protected String program() {
        return "enpass-cli";
    }

    @Override
    protected String installHint() {
        return "install enpass-cli: https://github.com/hazcod/enpass-cli";
    }

    @Override
    protected List<String> versionCommand() {
        return List.of("enpass-cli", "version");
    }

    @Override
    protected String login(String account) {
        return null;
    }

    @Override
    protected Map<String, String> fetchSecrets(List<String> secrets, String account, String from, String session) {
        if (from == null || from.isBlank()) throw fail("--from must name the vault folder");
        if (secrets.isEmpty()) throw fail("give the titles of the items to fetch");
        Set<String> titles = new LinkedHashSet<>();
        for (String s : secrets) {
            int slash = s.lastIndexOf('/');
            titles.add(slash < 0 ? s : s.substring(0, slash));
        }
        List<String> argv = new ArrayList<>(List.of("enpass-cli", "-json", "-vault", from, "show"));
        argv.addAll(titles);
        ProcessRunner.Result result = run(argv);
        if (!result.ok()) throw fail("could not read " + String.join(", ", titles) + " from vault " + from, result);
        Map<String, String> results = new LinkedHashMap<>();
        Set<String> found = new LinkedHashSet<>();
        for (JsonNode item : json(result, "'enpass-cli show'")) {
            String title = text(item, "title");
            String label = text(item, "label");
            String password = text(item, "password");
            if (title == null || password == null || password.isBlank()) continue;
            String key = label == null || label.isEmpty() ? title : title + "/" + label;
            for (String wanted : List.of(title, key)) {
                if (secrets.contains(wanted)) found.add(wanted);
            }
            if (secrets.contains(title) || secrets.contains(key)) {
                if (results.containsKey(key)) throw fail(key + " is present more than once in vault " + from);
                results.put(key, password);
            }
        }
        List<String> missing = secrets.stream().filter(s -> !found.contains(s)).toList();
        if (!missing.isEmpty()) throw fail("could not find " + String.join(", ", missing) + " in vault " + from);
        return results;
    }
}
