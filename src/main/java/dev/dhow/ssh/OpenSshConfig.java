package dev.dhow.ssh;

import dev.dhow.core.DhowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * OpenSSH client config files (ssh_config(5)) applied as OpenSSH applies them: lines before the first Host or Match
 * apply to every host, a Host or Match line decides whether the lines after it apply, Include reads more files in
 * place, and for each option the first value obtained wins, except IdentityFile and the like, which accumulate.
 * MINA's own reader refuses Match and lets a later value replace an earlier one within a block, so dhow reads the
 * files itself and hands MINA the result.
 */
final class OpenSshConfig {
    static final int MAX_INCLUDE_DEPTH = 16;
    /** Options every matching line adds to instead of the first one winning. */
    private static final Set<String> ACCUMULATING = Set.of("identityfile", "certificatefile", "localforward",
            "remoteforward", "dynamicforward", "sendenv");
    /** Options dhow uses: a line without a value is a mistake worth stopping for. */
    private static final Set<String> NEED_VALUE = Set.of("hostname", "user", "port", "identityfile", "identitiesonly",
            "identityagent", "proxyjump", "proxycommand", "include", "host", "match");

    /** Where a line came from, for messages: {@code ~/.ssh/config line 12}. */
    record Source(String file, int line) {
        @Override
        public String toString() {
            return file + " line " + line;
        }
    }

    /** One option line: its keyword in lower case, its arguments, and the raw text after the keyword. */
    record Value(String keyword, List<String> args, String raw, Source at) {
        String first() {
            return args.isEmpty() ? "" : args.get(0);
        }
    }

    private sealed interface Item permits Option, Condition, Include {}

    private record Option(Value value) implements Item {}

    /** A Host or Match line. */
    private record Condition(boolean match, List<String> args, Source at) implements Item {}

    /** An Include line with the files it named, already read, in glob order. */
    private record Include(List<List<Item>> files) implements Item {}

    /** What a host is asked for: the name as given, values fixed beforehand (deploy.yml) and local facts. */
    record Query(String host, String presetUser, Integer presetPort, String localUser, Path home, Predicate<String> exec) {}

    /** The options that apply to one host: first values by lower-case keyword, and the accumulated ones. */
    record Resolved(Map<String, Value> first, Map<String, List<Value>> accumulated) {
        Value get(String keyword) {
            return first.get(keyword);
        }

        List<Value> all(String keyword) {
            return accumulated.getOrDefault(keyword, List.of());
        }
    }

    private final List<List<Item>> files;

    private OpenSshConfig(List<List<Item>> files) {
        this.files = files;
    }

    /** Reads the files in order (missing ones are skipped); relative Include paths resolve as OpenSSH resolves them. */
    static OpenSshConfig read(List<Path> paths, Path home) {
        List<List<Item>> parsed = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isRegularFile(p)) continue;
            Path includeBase = p.toAbsolutePath().startsWith("/etc/ssh") ? Path.of("/etc/ssh") : home.resolve(".ssh");
            parsed.add(parse(p, home, includeBase, 0));
        }
        return new OpenSshConfig(List.copyOf(parsed));
    }

    boolean isEmpty() {
        return files.isEmpty();
    }

    /**
     * The options for {@code query.host()}. As in OpenSSH, {@code Match host} sees the HostName obtained so far,
     * {@code Match user} the User, and a second pass (where {@code Match final} and {@code canonical} hold) runs when
     * a {@code Match final} asked for it; values from the first pass keep winning.
     */
    Resolved resolve(Query query) {
        Evaluation ev = new Evaluation(query);
        for (List<Item> f : files) ev.walk(f, false);
        if (ev.wantFinal) {
            ev.finalPass = true;
            for (List<Item> f : files) ev.walk(f, false);
        }
        Map<String, List<Value>> acc = new HashMap<>();
        ev.accumulated.forEach((k, v) -> acc.put(k, List.copyOf(v)));
        return new Resolved(Map.copyOf(ev.first), Map.copyOf(acc));
    }

    private final class Evaluation {
        final Query query;
        final Map<String, Value> first = new HashMap<>();
        final Map<String, List<Value>> accumulated = new HashMap<>();
        boolean wantFinal;
        boolean finalPass;

        Evaluation(Query query) {
            this.query = query;
            // A value given on the command line (here deploy.yml) is obtained before any file is read.
            Source preset = new Source("deploy.yml", 0);
            if (query.presetUser() != null) first.put("user", new Value("user", List.of(query.presetUser()), query.presetUser(), preset));
            if (query.presetPort() != null) {
                String p = query.presetPort().toString();
                first.put("port", new Value("port", List.of(p), p, preset));
            }
        }

        void walk(List<Item> items, boolean neverMatch) {
            boolean active = !neverMatch;
            for (Item item : items) {
                if (item instanceof Condition c) {
                    boolean matches = c.match() ? matchLine(c, neverMatch) : hostLine(c);
                    active = matches && !neverMatch;
                } else if (item instanceof Include inc) {
                    for (List<Item> f : inc.files()) walk(f, neverMatch || !active);
                } else if (item instanceof Option o && active) {
                    apply(o.value());
                }
            }
        }

        private void apply(Value v) {
            String k = v.keyword();
            if (ACCUMULATING.contains(k)) {
                accumulated.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            } else if (k.equals("proxyjump") || k.equals("proxycommand")) {
                // Only the first of ProxyJump and ProxyCommand counts.
                if (!first.containsKey("proxyjump") && !first.containsKey("proxycommand")) first.put(k, v);
            } else {
                first.putIfAbsent(k, v);
            }
        }

        private boolean hostLine(Condition c) {
            String host = query.host().toLowerCase(Locale.ROOT);
            boolean any = false;
            for (String pattern : c.args()) {
                boolean negated = pattern.startsWith("!");
                if (Patterns.matches(host, (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT))) {
                    if (negated) return false;
                    any = true;
                }
            }
            return any;
        }

        private boolean matchLine(Condition c, boolean neverMatch) {
            List<String> args = c.args();
            boolean result = true;
            for (int i = 0; i < args.size(); i++) {
                String attr = args.get(i);
                boolean negate = attr.startsWith("!");
                String name = (negate ? attr.substring(1) : attr).toLowerCase(Locale.ROOT);
                boolean r;
                switch (name) {
                    case "all" -> {
                        if (args.stream().anyMatch(a -> !Set.of("all", "canonical", "final").contains(a.replaceFirst("^!", "").toLowerCase(Locale.ROOT)))) {
                            throw error(c.at(), "Match all cannot be combined with other Match attributes");
                        }
                        r = true;
                    }
                    case "canonical", "final" -> {
                        if (name.equals("final") && !negate) wantFinal = true;
                        // dhow does not canonicalize host names, so only the final pass counts as canonical.
                        r = finalPass;
                    }
                    case "host", "originalhost", "user", "localuser", "exec", "tagged" -> {
                        if (i + 1 >= args.size()) throw error(c.at(), "Match " + name + " needs an argument");
                        String arg = args.get(++i);
                        r = switch (name) {
                            case "host" -> Patterns.matchesList(matchHost().toLowerCase(Locale.ROOT), arg.toLowerCase(Locale.ROOT));
                            case "originalhost" -> Patterns.matchesList(query.host().toLowerCase(Locale.ROOT), arg.toLowerCase(Locale.ROOT));
                            case "user" -> Patterns.matchesList(remoteUser(), arg);
                            case "localuser" -> Patterns.matchesList(query.localUser(), arg);
                            case "tagged" -> Patterns.matchesList(first.containsKey("tag") ? first.get("tag").first() : "", arg);
                            default -> !neverMatch && result && runExec(arg, c.at());
                        };
                    }
                    default -> throw error(c.at(), "Match " + name + " is not supported by dhow"
                            + " (it understands all, canonical, final, exec, host, originalhost, user, localuser and tagged)");
                }
                result &= negate != r;
            }
            return result;
        }

        /** As OpenSSH: the HostName obtained so far (with %h filled in), else the name given. */
        private String matchHost() {
            Value hn = first.get("hostname");
            return hn == null ? query.host() : Tokens.hostName(hn.first(), query.host());
        }

        private String remoteUser() {
            Value u = first.get("user");
            return u == null ? "root" : u.first();
        }

        private boolean runExec(String command, Source at) {
            Value p = first.get("port");
            try {
                return query.exec().test(Tokens.expand(command, Tokens.values(matchHost(), query.host(),
                        p == null ? "22" : p.first(), remoteUser(), query.localUser(), query.home())));
            } catch (IllegalArgumentException e) {
                throw error(at, "Match exec: " + e.getMessage());
            }
        }
    }

    private static List<Item> parse(Path file, Path home, Path includeBase, int depth) {
        String label = Tokens.homeLabel(file, home);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DhowException("ssh config " + label + ": cannot be read: " + e.getMessage(), e);
        }
        List<Item> items = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            Source at = new Source(label, n + 1);
            Line line = Line.split(lines.get(n), at);
            if (line == null) continue;
            if (line.args().isEmpty() && NEED_VALUE.contains(line.keyword())) {
                throw error(at, line.keyword() + " needs a value");
            }
            switch (line.keyword()) {
                case "host" -> items.add(new Condition(false, line.args(), at));
                case "match" -> items.add(new Condition(true, line.args(), at));
                case "include" -> {
                    if (depth + 1 > MAX_INCLUDE_DEPTH) throw error(at, "Include nested more than " + MAX_INCLUDE_DEPTH + " deep");
                    List<List<Item>> included = new ArrayList<>();
                    for (String pattern : line.args()) {
                        for (Path p : glob(Tokens.tilde(pattern, home), includeBase)) {
                            if (Files.isRegularFile(p)) included.add(parse(p, home, includeBase, depth + 1));
                        }
                    }
                    items.add(new Include(List.copyOf(included)));
                }
                default -> {
                    Value v = new Value(line.keyword(), line.args(), line.rest(), at);
                    check(v);
                    items.add(new Option(v));
                }
            }
        }
        return List.copyOf(items);
    }

    /** Values dhow uses are checked where they are written, so the message can name the line. */
    private static void check(Value v) {
        switch (v.keyword()) {
            case "port" -> {
                try {
                    int p = Integer.parseInt(v.first());
                    if (p < 1 || p > 65535) throw error(v.at(), "Port " + v.first() + " is out of range (1-65535)");
                } catch (NumberFormatException e) {
                    throw error(v.at(), "Port " + v.first() + " is not a number");
                }
            }
            case "identitiesonly" -> {
                if (!Set.of("yes", "no", "true", "false").contains(v.first().toLowerCase(Locale.ROOT))) {
                    throw error(v.at(), "IdentitiesOnly " + v.first() + " should be yes or no");
                }
            }
            default -> {
                // other options are passed on as written
            }
        }
    }

    static DhowException error(Source at, String message) {
        return new DhowException("ssh config " + at + ": " + message);
    }

    /** Expands a glob in any path component; results sorted as glob(3) sorts them. */
    private static List<Path> glob(String pattern, Path base) {
        Path path = Path.of(pattern);
        if (!path.isAbsolute()) path = base.resolve(path);
        List<Path> current = List.of(path.getRoot());
        for (Path part : path) {
            String name = part.toString();
            List<Path> next = new ArrayList<>();
            boolean wild = name.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[');
            for (Path dir : current) {
                if (!wild) {
                    next.add(dir.resolve(name));
                    continue;
                }
                if (!Files.isDirectory(dir)) continue;
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name);
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    for (Path child : ds) {
                        String childName = child.getFileName().toString();
                        // As glob(3): a leading dot is matched only by a pattern that starts with one.
                        if (childName.startsWith(".") && !name.startsWith(".")) continue;
                        if (m.matches(child.getFileName())) next.add(child);
                    }
                } catch (IOException ignored) {
                    // an unreadable directory contributes nothing, as with glob(3)
                }
            }
            next.sort(null);
            current = next;
        }
        return current;
    }

    /** One config line split as OpenSSH splits it: keyword, then whitespace or one '=', then quoted arguments. */
    private record Line(String keyword, List<String> args, String rest) {
        static Line split(String text, Source at) {
            String s = text.strip();
            if (s.isEmpty() || s.startsWith("#")) return null;
            int i = 0;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '=') i++;
            String keyword = s.substring(0, i).toLowerCase(Locale.ROOT);
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            if (i < s.length() && s.charAt(i) == '=') i++;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            String rest = s.substring(i);
            return new Line(keyword, words(rest, at), rest);
        }

        /** argv_split(3) as OpenSSH uses it: quotes group words, a backslash escapes a quote, '#' starts a comment. */
        static List<String> words(String s, Source at) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
                if (i >= s.length() || s.charAt(i) == '#') break;
                StringBuilder word = new StringBuilder();
                char quote = 0;
                for (; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (quote == 0 && Character.isWhitespace(c)) break;
                    if (c == '\\' && i + 1 < s.length() && "'\"\\ ".indexOf(s.charAt(i + 1)) >= 0
                            && (quote == 0 || s.charAt(i + 1) != ' ')) {
                        word.append(s.charAt(++i));
                    } else if ((c == '"' || c == '\'') && (quote == 0 || quote == c)) {
                        quote = quote == 0 ? c : 0;
                    } else {
                        word.append(c);
                    }
                }
                if (quote != 0) throw error(at, "unterminated quote");
                out.add(word.toString());
            }
            return List.copyOf(out);
        }
    }
}
