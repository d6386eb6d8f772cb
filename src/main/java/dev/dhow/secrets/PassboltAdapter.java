package dev.dhow.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Passbolt through the {@code passbolt} CLI. Secrets are resource names, optionally under
 * (nested) folders: {@code folder/sub/NAME}; results are keyed by resource name.
 */
final class PassboltAdapter extends CliAdapter {
    PassboltAdapter(ProcessRunner runner) {
        super(runner);
    }

    /** A Passbolt folder as {@code passbolt list folders --json} prints it. */
    private record Folder(String id, String parentId, String name) {}

    @Override
    public String name() {
        return "passbolt";
    }

    @Override
    public boolean requiresAccount() {
        return false;
    }

    @Override
    protected String program() {
        return "passbolt";
    }

    @Override
    protected String installHint() {
        return "install go-passbolt-cli: https://github.com/passbolt/go-passbolt-cli";
    }

    @Override
    protected String login(String account) {
        ProcessRunner.Result verify = run("passbolt", "verify");
        if (!verify.ok()) throw fail("login failed ('passbolt verify')", verify);
        return null;
    }

    @Override
    protected Map<String, String> fetchSecrets(List<String> secrets, String account, String from, String session) {
        List<String> paths = prefixed(secrets, from);
        if (paths.isEmpty()) throw fail("give the names of the secrets to fetch");
        List<Folder> folders = folders(paths);

        List<String> conditions = new ArrayList<>();
        for (String path : paths) {
            List<String> parts = List.of(path.split("/"));
            String name = parts.get(parts.size() - 1);
            if (parts.size() == 1) {
                conditions.add("Name == " + quote(name));
                continue;
            }
            // The deepest folder along the path that exists; Passbolt filters by direct parent.
            Folder current = null;
            List<String> walked = new ArrayList<>();
            for (String folderName : parts.subList(0, parts.size() - 1)) {
                walked.add(folderName);
                String wanted = String.join("/", walked);
                for (Folder f : folders) {
                    if (pathOf(f, folders).equals(wanted)) {
                        current = f;
                        break;
                    }
                }
            }
            if (current != null) {
                conditions.add("(Name == " + quote(name) + " && FolderParentID == " + quote(current.id()) + ")");
            }
        }
        List<String> argv = new ArrayList<>(List.of("passbolt", "list", "resources"));
        if (!conditions.isEmpty()) argv.addAll(List.of("--filter", String.join(" || ", conditions)));
        for (Folder f : folders) argv.addAll(List.of("--folder", f.id()));
        argv.addAll(List.of("--column", "name", "--column", "password", "--json"));
        ProcessRunner.Result result = run(argv);
        if (!result.ok()) throw fail("could not read " + String.join(", ", paths), result);

        Map<String, String> results = new LinkedHashMap<>();
        for (JsonNode item : json(result, "'passbolt list resources'")) results.put(text(item, "name"), text(item, "password"));
        List<String> missing = paths.stream().map(p -> p.substring(p.lastIndexOf('/') + 1))
                .filter(n -> !results.containsKey(n)).distinct().toList();
        if (!missing.isEmpty()) throw fail("could not find " + String.join(", ", missing));
        return results;
    }

    private List<Folder> folders(List<String> paths) {
        LinkedHashSet<List<String>> folderPaths = new LinkedHashSet<>();
        for (String p : paths) {
            List<String> parts = List.of(p.split("/"));
            if (parts.size() > 1) folderPaths.add(parts.subList(0, parts.size() - 1));
        }
        if (folderPaths.isEmpty()) return List.of();

        LinkedHashSet<String> topLevel = new LinkedHashSet<>();
        folderPaths.forEach(fp -> topLevel.add(fp.get(0)));
        String filter = String.join(" || ", topLevel.stream().map(n -> "Name == " + quote(n)).toList());
        ProcessRunner.Result result = run("passbolt", "list", "folders", "--filter", filter, "--json");
        if (!result.ok()) throw fail("could not read folders " + String.join(", ", topLevel), result);
        List<Folder> parents = parseFolders(json(result, "'passbolt list folders'"));
        List<Folder> all = new ArrayList<>(parents);

        for (List<String> fp : folderPaths) {
            if (fp.size() <= 1) continue;
            Folder current = parents.stream().filter(f -> f.name().equals(fp.get(0))).findFirst().orElse(null);
            if (current == null) continue;
            for (String name : fp.subList(1, fp.size())) {
                ProcessRunner.Result nested = run("passbolt", "list", "folders", "--filter",
                        "Name == " + quote(name) + " && FolderParentID == " + quote(current.id()), "--json");
                if (!nested.ok()) continue;
                List<Folder> found = parseFolders(json(nested, "'passbolt list folders'"));
                if (found.isEmpty()) break;
                all.addAll(found);
                current = found.get(0);
            }
        }
        List<String> foundPaths = all.stream().map(f -> pathOf(f, all)).toList();
        List<String> missing = folderPaths.stream().map(fp -> String.join("/", fp)).filter(p -> !foundPaths.contains(p)).toList();
        if (!missing.isEmpty()) throw fail("could not find the folders " + String.join(", ", missing));
        return all;
    }

    private static List<Folder> parseFolders(JsonNode array) {
        List<Folder> out = new ArrayList<>();
        for (JsonNode f : array) {
            out.add(new Folder(Objects.toString(text(f, "id"), ""), Objects.toString(text(f, "folder_parent_id"), ""), text(f, "name")));
        }
        return out;
    }

    private static String pathOf(Folder folder, List<Folder> all) {
        List<String> names = new ArrayList<>();
        Folder current = folder;
        while (current != null) {
            names.add(0, current.name());
            if (current.parentId().isEmpty()) break;
            String parentId = current.parentId();
            current = all.stream().filter(f -> f.id().equals(parentId)).findFirst().orElse(null);
        }
        return String.join("/", names);
    }

    /**
     * Kamal writes filter values as {@code value.shellescape.inspect}; the same bytes keep a Passbolt
     * filter identical to Kamal's (a folder id "a b" is compared as {@code "a\\ b"}).
     */
    static String quote(String value) {
        String escaped = dev.dhow.config.dotenv.Shellwords.escape(value);
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '#' -> {
                    char next = i + 1 < escaped.length() ? escaped.charAt(i + 1) : 0;
                    sb.append(next == '{' || next == '$' || next == '@' ? "\\#" : "#");
                }
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
