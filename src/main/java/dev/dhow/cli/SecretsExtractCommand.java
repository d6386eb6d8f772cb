package dev.dhow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dhow.core.DhowException;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dhow secrets extract NAME JSON}: one value out of the JSON that {@code secrets fetch} printed. */
@Command(name = "extract", description = "Extract a single secret from the results of a fetch call.")
public final class SecretsExtractCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret: a key of the JSON, or the last part of one (KEY matches vault/item/KEY).")
    String name;

    @Parameters(index = "1", paramLabel = "SECRETS", description = "The JSON object printed by `dhow secrets fetch`.")
    String secrets;

    // Set when a .kamal/secrets command substitution runs this in-process: print the bare value, no newline.
    @Option(names = "--inline", hidden = true)
    boolean inline;

    @Override
    public Integer call() {
        String value = extract();
        PrintWriter out = spec.commandLine().getOut();
        if (inline) {
            out.print(value);
            out.flush();
        } else {
            SecretsCommand.puts(out, value);
        }
        return 0;
    }

    private String extract() {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(secrets);
        } catch (JsonProcessingException e) {
            // The JSON holds secrets: never echo it.
            throw new DhowException("Could not extract secret " + name + ": the secrets are not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new DhowException("Could not extract secret " + name + ": the secrets are not a JSON object");
        }
        JsonNode value = root.get(name);
        if (isAbsent(value)) {
            value = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().endsWith("/" + name)) {
                    value = field.getValue();
                    break;
                }
            }
        }
        if (isAbsent(value)) throw new DhowException("Could not find secret " + name);
        return value.isValueNode() ? value.asText() : value.toString();
    }

    // Ruby treats nil and false alike here: "parsed[name] || …".
    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || (node.isBoolean() && !node.booleanValue());
    }
}
