package dev.dhow.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dhow.core.DhowException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErbRendererTest {
    @TempDir Path dir;
    final List<Path> loaded = new ArrayList<>();

    String render(Map<String, String> env, String template) {
        return new ErbRenderer(new HashMap<>(env), this::fakeDotenv, dir).render("config/deploy.yml", template);
    }

    // A stand-in parser: one KEY=VALUE per line.
    Map<String, String> fakeDotenv(Path file) {
        loaded.add(file);
        Map<String, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException e) {
            throw new DhowException(e.getMessage());
        }
        return out;
    }

    @Test
    void envIndexWithEitherQuote() {
        assertEquals("host: db1\nport: 5432", render(Map.of("DB", "db1", "PORT", "5432"), "host: <%= ENV[\"DB\"] %>\nport: <%= ENV['PORT'] %>"));
    }

    @Test
    void missingEnvIndexRendersEmpty() {
        assertEquals("host: ", render(Map.of(), "host: <%= ENV[\"DB\"] %>"));
    }

    @Test
    void envFetchRequiresTheVariable() {
        assertEquals("v: x", render(Map.of("X", "x"), "v: <%= ENV.fetch(\"X\") %>"));
        DhowException e = assertThrows(DhowException.class, () -> render(Map.of(), "a: 1\nv: <%= ENV.fetch(\"X\") %>"));
        assertEquals("config/deploy.yml:2: environment variable X is not set (needed by <%= ENV.fetch(\"X\") %>)", e.getMessage());
    }

    @Test
    void envFetchWithDefault() {
        assertEquals("v: d", render(Map.of(), "v: <%= ENV.fetch(\"X\", \"d\") %>"));
        assertEquals("v: set", render(Map.of("X", "set"), "v: <%= ENV.fetch('X', 'd') %>"));
    }

    @Test
    void envOrDefault() {
        assertEquals("v: d", render(Map.of(), "v: <%= ENV[\"X\"] || \"d\" %>"));
        assertEquals("v: x", render(Map.of("X", "x"), "v: <%= ENV['X'] || 'd' %>"));
    }

    @Test
    void dotenvLoadFeedsLaterExpressions() throws IOException {
        Files.writeString(dir.resolve(".env"), "DB=from-dotenv\nKEEP=dotenv\n");
        String out = render(Map.of("KEEP", "process"), "<% require \"dotenv\"; Dotenv.load(\".env\") %>\ndb: <%= ENV[\"DB\"] %>\nkeep: <%= ENV[\"KEEP\"] %>");
        assertEquals("\ndb: from-dotenv\nkeep: process", out);
        assertEquals(List.of(dir.resolve(".env")), loaded);
    }

    @Test
    void dotenvLoadWithoutArgumentsReadsDotEnv() throws IOException {
        Files.writeString(dir.resolve(".env"), "A=1\n");
        assertEquals("a: 1", render(Map.of(), "<% Dotenv.load -%>\na: <%= ENV['A'] %>"));
    }

    @Test
    void dotenvLoadOfSeveralFilesAndMissingOnesAreSkipped() throws IOException {
        Files.writeString(dir.resolve(".env.local"), "A=local\n");
        assertEquals("a: local", render(Map.of(), "<%- Dotenv.load(\".env.local\", \".env.missing\") -%>\na: <%= ENV['A'] %>"));
        assertEquals(List.of(dir.resolve(".env.local")), loaded);
    }

    @Test
    void trimModeAndCommentsAndEscapes() {
        assertEquals("a: 1\n  b: <% x %>\n", render(Map.of(), "a: 1\n  <%# a comment -%>\nb: <%% x %>\n"));
        assertEquals("a: 1\nb: 2\n", render(Map.of(), "a: 1\n  <%- Dotenv.load(\"none\") -%>\nb: 2\n"));
    }

    @Test
    void anythingElseIsRefusedWithFileAndLine() {
        DhowException e = assertThrows(DhowException.class, () -> render(Map.of(), "a: 1\n\nv: <%= `git rev-parse HEAD` %>"));
        assertEquals("config/deploy.yml:3: unsupported ERB <%= `git rev-parse HEAD` %> (dhow understands ENV[\"X\"], ENV.fetch(\"X\"[, \"default\"]),"
                + " ENV[\"X\"] || \"default\" and Dotenv.load; put other values in the environment or in .kamal/secrets)", e.getMessage());
        assertThrows(DhowException.class, () -> render(Map.of(), "<% if true %>a: 1<% end %>"));
        assertThrows(DhowException.class, () -> render(Map.of(), "<% require \"json\" %>"));
    }

    @Test
    void unclosedTagsAreRefused() {
        DhowException e = assertThrows(DhowException.class, () -> render(Map.of(), "a: 1\nb: <%= ENV['X']\n"));
        assertEquals("config/deploy.yml:2: unclosed ERB tag (missing %>)", e.getMessage());
    }
}
