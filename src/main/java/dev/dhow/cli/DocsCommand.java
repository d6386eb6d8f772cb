package dev.dhow.cli;

import dev.dhow.core.DhowException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dhow docs [SECTION]}: prints the commented sample YAML of one configuration section. */
@Command(name = "docs", description = "Show the configuration documentation, for one SECTION or the top level.")
public final class DocsCommand implements Callable<Integer> {
    /** Every documented section, in the order {@code dhow docs --help} lists them. */
    public static final List<String> SECTIONS = List.of("configuration", "accessory", "alias", "boot", "builder",
            "env", "logging", "output", "proxy", "registry", "role", "servers", "ssh", "sshkit");

    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SECTION",
            description = "One of: configuration, accessory, alias, boot, builder, env, logging, output, proxy, registry, role, servers, ssh, sshkit.")
    String section;

    @Override
    public Integer call() {
        String name = section == null ? "configuration" : section;
        spec.commandLine().getOut().print(text(name));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The documentation text of {@code section}. */
    static String text(String section) {
        if (!SECTIONS.contains(section)) throw new DhowException("No documentation found for " + section);
        try (InputStream in = DocsCommand.class.getResourceAsStream("/docs/" + section + ".yml")) {
            if (in == null) throw new DhowException("No documentation found for " + section);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DhowException("Cannot read the documentation for " + section + ": " + e.getMessage(), e);
        }
    }
}
