package dev.dhow.secrets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kamal's internal {@code test} adapter: each secret's value is its name reversed (LPAREN/RPAREN
 * become parentheses first), so secrets files can be exercised without a vault.
 */
final class TestAdapter implements SecretAdapter {
    @Override
    public String name() {
        return "test";
    }

    @Override
    public Map<String, String> fetch(List<String> secrets, String account, String from) {
        Map<String, String> results = new LinkedHashMap<>();
        for (String s : CliAdapter.prefixed(secrets, from)) {
            String value = s.replace("LPAREN", "(").replace("RPAREN", ")");
            results.put(s, new StringBuilder(value).reverse().toString());
        }
        return results;
    }
}
