package dev.dhow.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dhow.commands.PlanCommands;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one host printed for {@link PlanCommands#snapshot}: its containers, images and network as {@code docker
 * inspect} describes them, kamal-proxy's state, the keys of the env files, accessory file digests and directory
 * modes, and the next prune's selection.
 *
 * @param home        the SSH user's working directory ({@code $PWD} in deploy commands)
 * @param docker      whether Docker is installed and answered
 * @param containers  inspected containers, by name
 * @param images      inspected images, by every id and tag they answer to
 * @param ps          every container on the host: id, state, name, image
 * @param envKeys     the keys in each readable env file, by path
 * @param fileDigests SHA-256 of accessory files, by path
 * @param directories {@code mode uid:gid user:group} of accessory directories, by path
 * @param proxyState  kamal-proxy's saved services, by name; empty when it has none saved (or no kamal-proxy)
 * @param proxyBoot   what the legacy {@code .kamal/proxy} files resolve to, when deploy.yml has no proxy/run
 */
public record Snapshot(String home, Docker docker, Map<String, JsonNode> containers, Map<String, JsonNode> images,
                       boolean network, List<PsLine> ps, Map<String, Set<String>> envKeys, Map<String, String> fileDigests,
                       Map<String, String> directories, Optional<Map<String, JsonNode>> proxyState, Optional<String> proxyBoot,
                       List<String> pruneContainers, List<String> pruneImages, List<String> pruneDangling) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the host's Docker could be asked. */
    public enum Docker { ANSWERED, MISSING, FAILED }

    /** One line of {@code docker ps}. */
    public record PsLine(String id, String state, String name, String image) {}

    /**
     * Reads a host's output.
     *
     * @throws IllegalArgumentException when the output is cut short or not what the command prints
     */
    public static Snapshot parse(String output) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : output.split("\n", -1)) {
            if (line.startsWith(PlanCommands.SECTION)) {
                current = new ArrayList<>();
                sections.put(line.substring(PlanCommands.SECTION.length()).strip(), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        String home = text(sections.get("home")).strip();
        if (!sections.containsKey("home")) throw new IllegalArgumentException("the host printed no snapshot");
        if (sections.containsKey("no-docker")) return empty(home, Docker.MISSING);
        if (sections.containsKey("docker-failed")) return empty(home, Docker.FAILED);
        if (!sections.containsKey("end")) throw new IllegalArgumentException("the snapshot ended early");

        Map<String, JsonNode> containers = new LinkedHashMap<>();
        Map<String, JsonNode> images = new HashMap<>();
        boolean network = false;
        String inspect = text(sections.get("inspect")).strip();
        if (!inspect.isEmpty()) {
            for (JsonNode node : read(inspect, "docker inspect")) {
                if (node.has("State") && node.has("HostConfig")) {
                    containers.put(node.path("Name").asText().replaceFirst("^/", ""), node);
                } else if (node.has("RepoTags")) {
                    images.put(node.path("Id").asText(), node);
                    node.path("RepoTags").forEach(t -> images.put(t.asText(), node));
                } else if (node.has("IPAM")) {
                    network = true;
                }
            }
        }
        List<PsLine> ps = new ArrayList<>();
        for (String line : lines(sections.get("ps"))) {
            String[] f = line.split(" ");
            if (f.length >= 4) ps.add(new PsLine(f[0], f[1], f[2], f[3]));
        }
        Map<String, Set<String>> envKeys = new LinkedHashMap<>();
        sections.forEach((name, body) -> {
            if (name.startsWith("envkeys ")) envKeys.put(name.substring("envkeys ".length()), new LinkedHashSet<>(lines(body)));
        });
        Map<String, String> digests = new LinkedHashMap<>();
        for (String line : lines(sections.get("sha256"))) {
            String[] f = line.split("\\s+", 2);
            if (f.length == 2) digests.put(f[1].startsWith("*") ? f[1].substring(1) : f[1], f[0]);
        }
        Map<String, String> dirs = new LinkedHashMap<>();
        for (String line : lines(sections.get("stat"))) {
            String[] f = line.split(" ", 4);
            if (f.length == 4) dirs.put(f[3], f[0] + " " + f[1] + " " + f[2]);
        }
        Optional<Map<String, JsonNode>> proxyState = Optional.empty();
        if (sections.containsKey("proxy-state")) {
            Map<String, JsonNode> services = new LinkedHashMap<>();
            String state = text(sections.get("proxy-state")).strip();
            if (!state.isEmpty()) {
                for (JsonNode s : read(state, "kamal-proxy's state file")) services.put(s.path("name").asText(), s);
            }
            proxyState = Optional.of(services);
        }
        Optional<String> proxyBoot = Optional.ofNullable(sections.get("proxy-boot")).map(b -> text(b).strip());
        return new Snapshot(home, Docker.ANSWERED, containers, images, network, ps, envKeys, digests, dirs, proxyState, proxyBoot,
                lines(sections.get("prune-containers")), lines(sections.get("prune-images")), lines(sections.get("prune-dangling")));
    }

    private static Snapshot empty(String home, Docker docker) {
        return new Snapshot(home, docker, Map.of(), Map.of(), false, List.of(), Map.of(), Map.of(), Map.of(),
                Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());
    }

    private static JsonNode read(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!node.isArray()) throw new IllegalArgumentException(what + " printed no list");
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " printed no JSON: " + e.getMessage());
        }
    }

    private static String text(List<String> lines) {
        return lines == null ? "" : String.join("\n", lines);
    }

    private static List<String> lines(List<String> body) {
        if (body == null) return List.of();
        return body.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The image a container runs (by its image id), if it was inspected. */
    public Optional<JsonNode> imageOf(JsonNode container) {
        return Optional.ofNullable(images.get(container.path("Image").asText()));
    }

    // Inspected containers carry their env, secrets included: never print them whole.
    @Override
    public String toString() {
        return "Snapshot[home=" + home + ", docker=" + docker + ", containers=" + containers.keySet() + "]";
    }

    /** The name of the container whose id starts with {@code id}, else the id. */
    public String containerName(String id) {
        return ps.stream().filter(p -> p.id().startsWith(id)).map(PsLine::name).findFirst().orElse(id);
    }
}
