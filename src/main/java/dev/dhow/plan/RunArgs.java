package dev.dhow.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The argv of a {@code docker run} a deploy would execute, read back into its options, image and command, so that
 * the plan compares what the real command builders produce rather than a second reading of deploy.yml.
 *
 * @param options every option in order, by its long name ({@code -e} becomes {@code env}); a bare flag has an
 *                empty value
 */
record RunArgs(List<Option> options, String image, List<String> command) {
    /** One {@code --name value} (or bare {@code --name}). */
    record Option(String name, Optional<String> value) {}

    // docker run's options that take no value; a bare option from deploy.yml's options: is added by the caller.
    private static final Set<String> BOOLEAN = Set.of("detach", "rm", "init", "privileged", "read-only", "interactive",
            "tty", "oom-kill-disable", "no-healthcheck", "publish-all", "sig-proxy", "disable-content-trust", "quiet", "help");
    private static final Map<String, String> SHORT = Map.ofEntries(Map.entry("d", "detach"), Map.entry("e", "env"),
            Map.entry("v", "volume"), Map.entry("p", "publish"), Map.entry("l", "label"), Map.entry("m", "memory"),
            Map.entry("u", "user"), Map.entry("w", "workdir"), Map.entry("h", "hostname"), Map.entry("c", "cpu-shares"),
            Map.entry("i", "interactive"), Map.entry("t", "tty"), Map.entry("P", "publish-all"), Map.entry("q", "quiet"));

    RunArgs {
        options = List.copyOf(options);
        command = List.copyOf(command);
    }

    /**
     * Reads {@code words}, which start with {@code docker run}.
     *
     * @param bareFlags options that were written without a value (deploy.yml's {@code name: true} options)
     */
    static RunArgs parse(List<String> words, Set<String> bareFlags) {
        if (words.size() < 2 || !words.get(0).equals("docker") || !words.get(1).equals("run")) {
            throw new IllegalArgumentException("not a docker run: " + String.join(" ", words));
        }
        List<Option> options = new ArrayList<>();
        int i = 2;
        while (i < words.size() && words.get(i).startsWith("-") && !words.get(i).equals("-")) {
            String w = words.get(i++);
            if (w.equals("--")) break;
            String name;
            Optional<String> value = Optional.empty();
            if (w.startsWith("--")) {
                int eq = w.indexOf('=');
                name = eq < 0 ? w.substring(2) : w.substring(2, eq);
                if (eq >= 0) value = Optional.of(w.substring(eq + 1));
            } else {
                // -e X, -eX, and combined booleans such as -it
                String letters = w.substring(1);
                if (letters.chars().allMatch(ch -> BOOLEAN.contains(SHORT.getOrDefault(String.valueOf((char) ch), "")))) {
                    for (char ch : letters.toCharArray()) options.add(new Option(SHORT.get(String.valueOf(ch)), Optional.empty()));
                    continue;
                }
                name = SHORT.getOrDefault(letters.substring(0, 1), letters.substring(0, 1));
                if (letters.length() > 1) value = Optional.of(letters.substring(1));
            }
            if (value.isEmpty() && !BOOLEAN.contains(name) && !bareFlags.contains(name)) {
                if (i >= words.size()) throw new IllegalArgumentException("option --" + name + " has no value");
                value = Optional.of(words.get(i++));
            }
            options.add(new Option(name, value));
        }
        if (i >= words.size()) throw new IllegalArgumentException("docker run without an image: " + String.join(" ", words));
        return new RunArgs(options, words.get(i), words.subList(i + 1, words.size()));
    }

    /** The values of every {@code --name}, in order. */
    List<String> values(String name) {
        return options.stream().filter(o -> o.name().equals(name)).map(o -> o.value().orElse("")).toList();
    }

    /** The last value of {@code --name} (docker keeps the last), if given. */
    Optional<String> value(String name) {
        List<String> v = values(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    boolean has(String name) {
        return options.stream().anyMatch(o -> o.name().equals(name));
    }

    /** The option names, once each, in order. */
    Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        options.forEach(o -> out.add(o.name()));
        return out;
    }
}
