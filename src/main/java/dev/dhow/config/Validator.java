package dev.dhow.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Structural validation of the raw YAML tree: collects every problem, each prefixed with its key path. */
final class Validator {
    private final List<String> problems = new ArrayList<>();

    List<String> validate(Map<String, Object> raw) {
        return problems;
    }
}
