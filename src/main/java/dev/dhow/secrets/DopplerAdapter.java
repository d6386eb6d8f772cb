package dev.dhow.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Doppler through the {@code doppler} CLI. {@code --from project/config} (or secrets written
 * {@code project/config/NAME}) picks the config, unless {@code DOPPLER_TOKEN} is a service token.
 */
final class DopplerAdapter extends CliAdapter {
    DopplerAdapter(ProcessRunner runner) {
        super(runner);
    }

    @Override
    public String name() {
        return "doppler";
    }

    @Override
    public boolean requiresAccount() {
        return false;
    }

    @Override
    protected String program() {
        return "doppler";
    }

    @Override
    protected String installHint() {
        return "install the Doppler CLI: https://docs.doppler.com/docs/install-cli";
    }

    @Override
    protected String login(String account) {
        if (runQuietly("doppler", "me", "--json").ok()) return null;
        ProcessRunner.Result login = run("doppler", "login", "-y");
        if (!login.ok()) throw fail("login failed", login);
        return null;
    }

    @Override
    protected Map<String, String> fetchSecrets(List<String> secrets, String account, String from, String session) {
        List<String> paths = prefixed(secrets, from);
        if (paths.isEmpty()) throw fail("give the names of the secrets to fetch");
        List<String> argv = new ArrayList<>(List.of("doppler", "secrets", "get"));
        for (String p : paths) argv.add(p.substring(p.lastIndexOf('/') + 1));
        argv.add("--json");
        String token = runner.env().get("DOPPLER_TOKEN");
        // A service token is bound to one project and config, so the CLI must not be told another.
        if (token == null || !token.startsWith("dp.st")) {
            String[] parts = paths.get(0).split("/");
            if (parts.length < 3) throw fail("missing project or config from '--from=project/config' option");
            argv.addAll(List.of("-p", parts[0], "-c", parts[1]));
        }
        ProcessRunner.Result result = run(argv);
        if (!result.ok()) throw fail("could not read " + String.join(", ", paths), result);
        Map<String, String> results = new LinkedHashMap<>();
        json(result, "'doppler secrets get'").fields()
                .forEachRemaining(e -> results.put(e.getKey(), text(e.getValue(), "computed")));
        return results;
    }
}
