package dev.dhow.cli;

import dev.dhow.config.Configuration;
import dev.dhow.config.SshConfig;
import dev.dhow.core.Sensitive;
import dev.dhow.core.Shell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dhow config}: prints the resolved configuration as YAML, with the keys {@code kamal config} prints
 * (Ruby symbol keys included, so scripts reading Kamal's output read ours). Inline private keys are redacted.
 */
@Command(name = "config", description = "Show the combined configuration, including secrets' names but not their values.")
public final class ConfigCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        ConfigContext context = ConfigContext.of(spec);
        Configuration config = context.load();
        String yaml = render(config, context.version());
        spec.commandLine().getOut().print(yaml);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The YAML text for {@code config} deployed as {@code version}. */
    static String render(Configuration config, String version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(":roles", config.roleNames());
        // Kamal lists hosts role by role in name order, then accessory hosts.
        java.util.LinkedHashSet<String> hosts = new java.util.LinkedHashSet<>();
        config.roles().forEach(r -> hosts.addAll(r.hosts()));
        config.accessories().forEach(a -> hosts.addAll(a.hosts()));
        out.put(":hosts", List.copyOf(hosts));
        config.primaryHost().ifPresent(h -> out.put(":primary_host", h));
        out.put(":version", version);
        out.put(":repository", config.repository());
        out.put(":absolute_image", config.absoluteImage(version));
        out.put(":service_with_version", config.serviceWithVersion(version));
        List<String> volumeArgs = new ArrayList<>();
        for (String v : config.volumes()) {
            volumeArgs.add("--volume");
            volumeArgs.add(v);
        }
        out.put(":volume_args", volumeArgs);
        out.put(":ssh_options", sshOptions(config.ssh()));
        out.put(":sshkit", config.raw().getOrDefault("sshkit", Map.of()));
        out.put(":builder", config.raw().getOrDefault("builder", Map.of()));
        if (config.raw().get("accessories") != null) out.put(":accessories", config.raw().get("accessories"));
        out.put(":logging", loggingArgs(config));
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setExplicitStart(true)
                .build();
        return new Dump(settings).dumpToString(out);
    }

    private static Map<String, Object> sshOptions(SshConfig ssh) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put(":user", ssh.user());
        o.put(":port", ssh.port());
        ssh.proxyJump().ifPresentOrElse(p -> o.put(":proxy", p), () -> ssh.proxyCommand().ifPresent(c -> o.put(":proxy_command", c)));
        o.put(":keepalive", true);
        o.put(":keepalive_interval", SshConfig.KEEPALIVE_INTERVAL);
        ssh.keysOnly().ifPresent(k -> o.put(":keys_only", k));
        if (!ssh.keys().isEmpty()) o.put(":keys", ssh.keys());
        if (!ssh.keyData().isEmpty()) {
            // key_data normally names secrets; the deprecated inline form is a private key and must not be shown.
            o.put(":key_data", ssh.keyData().stream().map(k -> k.contains("PRIVATE KEY") ? Sensitive.REDACTED : k).toList());
        }
        if (!ssh.config().enabled()) o.put(":config", false);
        else if (!ssh.config().paths().isEmpty()) o.put(":config", ssh.config().paths());
        ssh.forwardAgent().ifPresent(f -> o.put(":forward_agent", f));
        o.put(":log_level", ssh.logLevel().equals(SshConfig.DEFAULT_LOG_LEVEL) ? ":fatal" : ssh.logLevel());
        o.put(":verify_host_key", ssh.verifyHostKey().yaml());
        return o;
    }

    private static List<String> loggingArgs(Configuration config) {
        List<String> args = new ArrayList<>();
        config.logging().driver().ifPresent(d -> {
            args.add("--log-driver");
            args.add(Shell.doubleQuote(d));
        });
        config.logging().effectiveOptions().forEach((k, v) -> {
            args.add("--log-opt");
            args.add(v.isEmpty() ? k : k + "=" + Shell.doubleQuote(v));
        });
        return args;
    }
}
