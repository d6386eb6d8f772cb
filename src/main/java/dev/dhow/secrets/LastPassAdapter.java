package dev.dhow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** LastPass through the {@code lpass} CLI: each secret is an entry's full name, its value the password. */
final class LastPassAdapter extends CliAdapter {
    LastPassAdapter(ProcessRunner runner) {
        super(runner);
    }

    @Override
    public String name() {
        return "lastpass";
    }

    @Override
    protected String program() {
        return "lpass";
    }

    @Override
    protected String installHint() {
        return "install the LastPass CLI: https://github.com/lastpass/lastpass-cli";
    }

    @Override
    protected String login(String account) {
        ProcessRunner.Result status = run("lpass", "status", "--color", "never");
        if (status.stdout().strip().equals("Logged in as " + account + ".")) return null;
        ProcessRunner.Result login = run("lpass", "login", account);
        if (!login.ok()) throw fail("login as " + account + " failed", login);
        return null;
    }

    @Override
    protected Map<String, String> fetchSecrets(List<String> secrets, String account, String from, String session) {
        List<String> names = prefixed(secrets, from);
        List<String> argv = new ArrayList<>(List.of("lpass", "show"));
        argv.addAll(names);
        argv.add("--json");
        ProcessRunner.Result result = run(argv);
        if (!result.ok()) throw fail("could not read " + String.join(", ", names), result);
        Map<String, String> results = new LinkedHashMap<>();
        for (JsonNode item : json(result, "'lpass show'")) results.put(text(item, "fullname"), text(item, "password"));
        List<String> missing = names.stream().filter(n -> !results.containsKey(n)).toList();
        if (!missing.isEmpty()) throw fail("could not find " + String.join(", ", missing));
        return results;
    }
}
