package dev.dhow.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Google Secret Manager through {@code gcloud}. Secrets are {@code [project/]name[/version]}
 * ({@code default} project, {@code latest} version); {@code --account} is {@code user[|sa1,sa2]}
 * where {@code user} may be {@code default} and the list after {@code |} is the impersonation chain.
 */
final class GcpSecretManagerAdapter extends CliAdapter {
    GcpSecretManagerAdapter(ProcessRunner runner) {
        super(runner);
    }

    @Override
    public String name() {
        return "gcp";
    }

    @Override
    protected String program() {
        return "gcloud";
    }

    @Override
    protected String installHint() {
        return "install the Google Cloud CLI: https://cloud.google.com/sdk/docs/install";
    }

    @Override
    protected String login(String account) {
        if (!loggedIn()) {
            run("gcloud", "auth", "login");
            if (!loggedIn()) throw fail("could not log in to gcloud ('gcloud auth login' did not add an account)");
        }
        return null;
    }

    private boolean loggedIn() {
        ProcessRunner.Result result = run("gcloud", "auth", "list", "--format=json");
        if (!result.ok()) throw fail("'gcloud auth list' failed", result);
        return json(result, "'gcloud auth list'").size() > 0;
    }

    @Override
    protected Map<String, String> fetchSecrets(List<String> secrets, String account, String from, String session) {
        String[] userAndChain = account.split("\\|", 2);
        String user = userAndChain[0];
        String chain = userAndChain.length > 1 && !userAndChain[1].isEmpty() ? userAndChain[1] : null;
        Map<String, String> results = new LinkedHashMap<>();
        for (String secret : prefixed(secrets, from)) {
            List<String> parts = new ArrayList<>(List.of(secret.split("/")));
            if (parts.size() == 1) parts.add(0, "default");
            String project = parts.get(0);
            String name = parts.get(1);
            String version = parts.size() > 2 ? parts.get(2) : "latest";
            List<String> argv = new ArrayList<>(List.of("gcloud", "secrets", "versions", "access", version, "--secret=" + name));
            if (!project.equals("default")) argv.add("--project=" + project);
            if (!user.equals("default")) argv.add("--account=" + user);
            if (chain != null) argv.add("--impersonate-service-account=" + chain);
            argv.add("--format=json");
            String item = project + "/" + name;
            ProcessRunner.Result result = run(argv);
            if (!result.ok()) throw fail("could not read " + item + " (version " + version + ") from Google Secret Manager", result);
            String data = text(json(result, "'gcloud secrets versions access'").path("payload"), "data");
            if (data == null) throw fail("no payload data for " + item + " in the 'gcloud' output");
            results.put(item, decode(data, item));
        }
        return results;
    }

    private String decode(String data, String item) {
        try {
            return new String(Base64.getMimeDecoder().decode(data.replace('-', '+').replace('_', '/')), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw fail("the payload of " + item + " is not base64");
        }
    }
}
