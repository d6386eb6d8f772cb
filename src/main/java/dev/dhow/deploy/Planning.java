package dev.dhow.deploy;

import dev.dhow.commands.PlanCommands;
import dev.dhow.config.Accessory;
import dev.dhow.config.Configuration;
import dev.dhow.config.MountPath;
import dev.dhow.config.Targets;
import dev.dhow.core.DhowException;
import dev.dhow.plan.HostPlan;
import dev.dhow.plan.HostPlanner;
import dev.dhow.plan.Plan;
import dev.dhow.plan.Resource;
import dev.dhow.plan.Snapshot;
import dev.dhow.ssh.Fleet;
import dev.dhow.ssh.Result;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code dhow plan}: asks every selected host at once, with one read-only command each, what it runs, asks the
 * registry whether the version's image is there, and compares both with what {@code dhow deploy} would do. Takes no
 * lock, records no audit line and writes nothing anywhere; a host that does not answer is a finding, not a failure.
 */
public final class Planning {
    private final Crew crew;
    private final RegistryProbe registry;

    public Planning(Crew crew, RegistryProbe registry) {
        this.crew = crew;
        this.registry = registry;
    }

    public Plan plan(Release release) {
        Configuration config = crew.config();
        Targets targets = crew.targets();
        String version = release.version();
        List<String> hosts = targets.hosts();
        crew.console().info("Comparing " + hosts.size() + " host" + (hosts.size() == 1 ? "" : "s") + " with deploy.yml for " + version
                + " (read only: no lock, nothing written)...");

        CompletableFuture<RegistryProbe.Answer> inRegistry = CompletableFuture.supplyAsync(
                () -> registry.exists(config.registry(), config.image(), version, crew.secrets()));
        HostPlanner planner = new HostPlanner(config, version, crew.secrets(), accessoryFiles(targets));
        PlanCommands commands = new PlanCommands(config);
        Fleet.Results<HostPlan> results = crew.hosts().each(hosts, host -> {
            PlanCommands.Scope scope = new PlanCommands.Scope(targets.rolesOn(host), accessoriesOn(host), targets.proxyHosts().contains(host));
            Result r;
            try {
                r = crew.hosts().capture(host, commands.snapshot(host, scope, version));
            } catch (InterruptedRun e) {
                throw e;
            } catch (DhowException e) {
                return unknown(host, "unreachable: " + e.getMessage().replaceFirst("^host " + java.util.regex.Pattern.quote(host) + ": ", ""));
            }
            Snapshot snapshot;
            try {
                snapshot = Snapshot.parse(r.stdout());
            } catch (IllegalArgumentException e) {
                String detail = r.stderr().strip().lines().findFirst().orElse(e.getMessage());
                return unknown(host, "could not read what runs there (exit " + r.exitCode() + "): " + detail);
            }
            return planner.plan(host, scope, snapshot, r.stderr());
        });
        List<HostPlan> plans = new ArrayList<>();
        for (Fleet.Outcome<HostPlan> o : results.outcomes()) {
            if (o.ok()) plans.add(o.value());
            else if (o.error() instanceof RuntimeException e) throw e;
            else throw new DhowException(o.message(), o.error());
        }
        RegistryProbe.Answer answer = await(inRegistry);
        String registryText = answer.present().map(p -> p ? "in the registry" : "not in the registry yet (dhow deploy builds and pushes it)")
                .orElse(answer.detail());
        return new Plan(version, config.absoluteImage(version), answer.present(), registryText, plans);
    }

    private List<Accessory> accessoriesOn(String host) {
        if (!crew.targets().accessoryHosts().contains(host)) return List.of();
        return crew.config().accessories().stream().filter(a -> a.hosts().contains(host)).toList();
    }

    /** Per accessory on a selected host, the digest of each file a boot would upload, rendered as the boot renders it. */
    private Map<String, Map<String, String>> accessoryFiles(Targets targets) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        AccessoryFlows flows = new AccessoryFlows(crew);
        for (Accessory a : crew.config().accessories()) {
            if (a.files().isEmpty() || a.hosts().stream().noneMatch(targets.accessoryHosts()::contains)) continue;
            Map<String, String> digests = new LinkedHashMap<>();
            for (MountPath f : a.files()) digests.put(f.local(), sha256(flows.read(a, f.local())));
            out.put(a.name(), digests);
        }
        return out;
    }

    private static HostPlan unknown(String host, String why) {
        return new HostPlan(host, List.of(new Resource(Resource.Kind.HOST, "", Resource.Action.UNKNOWN, why, List.of(), List.of())));
    }

    private static RegistryProbe.Answer await(CompletableFuture<RegistryProbe.Answer> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RegistryProbe.Answer(java.util.Optional.empty(), "registry not checked: interrupted");
        } catch (ExecutionException e) {
            return new RegistryProbe.Answer(java.util.Optional.empty(), "registry not checked: " + e.getCause().getMessage());
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
