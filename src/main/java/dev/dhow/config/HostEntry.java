package dev.dhow.config;

import java.util.List;

/** One host of a role as written under servers: its address and its env tags ({@code - 1.2.3.4: [tag1, tag2]}). */
public record HostEntry(String host, List<String> tags) {
    public HostEntry {
        tags = List.copyOf(tags);
    }
}
