package dev.dhow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS Secrets Manager through the {@code aws} CLI ({@code --account} is the AWS profile). A secret
 * whose SecretString is a JSON object yields {@code <Name>/<key>} per key; any other yields {@code <Name>}.
 */
final class AwsSecretsManagerAdapter extends CliAdapter {
    AwsSecretsManagerAdapter(ProcessRunner runner) {
        super(runner);
    }

    @Override
    public String name() {
        return "aws_secrets_manager";
    }

    @Override
    public boolean requiresAccount() {
        return false;
    }

    @Override
    protected String program() {
        return "aws";
    }

    @Override
    protected String installHint() {
        return "install the AWS CLI: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html";
    }

    @Override
    protected String login(String account) {
        return null;
    }

    @Override
    protected Map<String, String> fetchSecrets(List<String> secrets, String account, String from, String session) {
        List<String> ids = prefixed(secrets, from);
        List<String> argv = new ArrayList<>(List.of("aws", "secretsmanager", "batch-get-secret-value", "--secret-id-list"));
        argv.addAll(ids);
        if (account != null) argv.addAll(List.of("--profile", account));
        argv.addAll(List.of("--output", "json"));
        ProcessRunner.Result result = run(argv);
        if (!result.ok()) throw fail("could not read " + String.join(", ", ids), result);
        JsonNode answer = json(result, "'aws secretsmanager batch-get-secret-value'");
        JsonNode errors = answer.path("Errors");
        if (errors.size() > 0) {
            List<String> messages = new ArrayList<>();
            errors.forEach(e -> messages.add(text(e, "SecretId") + ": " + text(e, "Message")));
            throw fail(String.join(" ", messages));
        }
        Map<String, String> results = new LinkedHashMap<>();
        for (JsonNode secret : answer.path("SecretValues")) {
            String name = text(secret, "Name");
            String string = text(secret, "SecretString");
            if (string == null) throw fail("secret " + name + " has no SecretString (binary secrets are not supported)");
            Optional<JsonNode> parsed = KamalJson.parse(string);
            if (parsed.isEmpty()) {
                results.put(name, string);
            } else if (parsed.get().isObject()) {
                parsed.get().fields().forEachRemaining(e -> results.put(name + "/" + e.getKey(), stringify(e.getValue())));
            } else {
                results.put(name, stringify(parsed.get()));
            }
        }
        return results;
    }

    // Kamal keeps strings as they are and writes every other JSON value back as JSON text.
    private static String stringify(JsonNode value) {
        return value.isTextual() ? value.textValue() : KamalJson.dump(value);
    }
}
