package dev.dhow.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A running sandbox: its hosts, the SSH key they accept, the registry every host and the local
 * engine reach under the same address, and the kamal-proxy stand-in image pushed there.
 *
 * @param name       prefix of every Docker object of this sandbox (e.g. dhow-sandbox-t3f9a1c)
 * @param hosts      the hosts, host 1 first
 * @param sshKey     private key for root@host
 * @param registry   registry address, host:port (a 127.x address; insecure by Docker's default)
 * @param proxyImage the stand-in's image reference in that registry, tag = kamal-proxy version
 * @param network    the Docker network the hosts and the registry share
 */
public record Sandbox(String name, List<SandboxHost> hosts, Path sshKey, String registry, String proxyImage,
        String network) {

    public Sandbox {
        hosts = List.copyOf(hosts);
    }

    /** Host {@code n}, counting from 1 as the addresses do. */
    public SandboxHost host(int n) {
        return hosts.get(n - 1);
    }

    /** {@code proxy/run} values for deploy.yml that make dhow boot the stand-in: registry. */
    public String proxyRegistry() {
        return proxyImage.substring(0, proxyImage.indexOf('/'));
    }

    /** {@code proxy/run} repository of the stand-in. */
    public String proxyRepository() {
        return proxyImage.substring(proxyImage.indexOf('/') + 1, proxyImage.lastIndexOf(':'));
    }

    /** {@code proxy/run} version of the stand-in (what Kamal's version check reads). */
    public String proxyVersion() {
        return proxyImage.substring(proxyImage.lastIndexOf(':') + 1);
    }

    /** Parses the lines {@code scripts/sandbox up} prints. */
    static Sandbox parse(String name, String output) {
        List<SandboxHost> hosts = new ArrayList<>();
        String key = null;
        String registry = null;
        String proxyImage = null;
        String network = null;
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (String line : lines) {
            String[] parts = line.split(" ", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("unexpected line from scripts/sandbox: " + line);
            }
            switch (parts[0]) {
                case "host" -> hosts.add(new SandboxHost(parts[1], null));
                case "ssh_key" -> key = parts[1];
                case "registry" -> registry = parts[1];
                case "proxy_image" -> proxyImage = parts[1];
                case "network" -> network = parts[1];
                default -> throw new IllegalArgumentException("unexpected line from scripts/sandbox: " + line);
            }
        }
        if (hosts.isEmpty() || key == null || registry == null || proxyImage == null) {
            throw new IllegalArgumentException("scripts/sandbox printed no complete sandbox:\n" + output);
        }
        Path keyPath = Path.of(key);
        return new Sandbox(name, hosts.stream().map(h -> new SandboxHost(h.address(), keyPath)).toList(), keyPath,
                registry, proxyImage, network);
    }
}
