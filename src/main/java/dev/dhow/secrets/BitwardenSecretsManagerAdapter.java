package dev.dhow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bitwarden Secrets Manager through the {@code bws} CLI (access token in {@code BWS_ACCESS_TOKEN}).
 * Secrets are UUIDs, or {@code all}, or {@code <project>/all}; results are keyed by each secret's key.
 */
final class BitwardenSecretsManagerAdapter extends CliAdapter {
    BitwardenSecretsManagerAdapter(ProcessRunner runner) {
        super(runner);
    }

    @Override
    public String name() {
        return "bitwarden-sm";
    }

    @Override
    public boolean requiresAccount() {
        return false;
    }

    @Override
    protected String program() {
        return "bws";
    }

    @Override
    protected String installHint() {
        return "install the Bitwarden Secrets Manager CLI: https://bitwarden.com/help/secrets-manager-cli/";
    }

    @Override
    protected String login(String account) {
        ProcessRunner.Result result = run("bws", "project", "list");
        if (!result.ok()) {
            throw fail("could not authenticate to Bitwarden Secrets Manager; is BWS_ACCESS_TOKEN set to a valid access token?");
        }
        return null;
    }

    @Override
    protected Map<String, String> fetchSecrets(List<String> secrets, String account, String from, String session) {
        if (secrets.isEmpty()) throw fail("give secret UUIDs, 'all', or '<project>/all' to fetch");
        List<String> ids = prefixed(secrets, from);
        Map<String, String> results = new LinkedHashMap<>();
        String only = ids.size() == 1 ? ids.get(0) : null;
        if (only != null && (only.equals("all") || only.endsWith("/all"))) {
            String project = only.equals("all") ? null : only.substring(0, only.length() - "/all".length());
            ProcessRunner.Result result = project == null ? run("bws", "secret", "list") : run("bws", "secret", "list", project);
            if (!result.ok()) throw fail("could not list secrets" + (project == null ? "" : " of project " + project), result);
            for (JsonNode s : json(result, "'bws secret list'")) results.put(text(s, "key"), text(s, "value"));
            return results;
        }
        for (String id : ids) {
            ProcessRunner.Result result = run("bws", "secret", "get", id);
            if (!result.ok()) throw fail("could not read secret " + id, result);
            JsonNode s = json(result, "'bws secret get " + id + "'");
            results.put(text(s, "key"), text(s, "value"));
        }
        return results;
    }
}
