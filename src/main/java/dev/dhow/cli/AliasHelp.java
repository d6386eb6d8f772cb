package dev.dhow.cli;

import dev.dhow.core.DhowException;
import java.nio.file.Files;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The "Aliases" section of {@code dhow help}: the current app's {@code aliases:} from deploy.yml, so a
 * {@code dhow console} someone else set up can be found without reading the file.
 */
final class AliasHelp implements CommandLine.IHelpSectionRenderer {
    static final String KEY = "aliases";

    private AliasHelp() {}

    /** Adds the section to the root command's help, right after the command list. */
    static void install(CommandLine root) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = root.getHelpSectionMap();
        sections.put(KEY, new AliasHelp());
        java.util.List<String> keys = new java.util.ArrayList<>(root.getHelpSectionKeys());
        keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_COMMAND_LIST) + 1, KEY);
        root.setHelpSectionKeys(keys);
    }

    @Override
    public String render(Help help) {
        ConfigContext cc = ConfigContext.of(help.commandSpec());
        String file = cc.global().configFile();
        // No config file: not in an app directory, nothing to list.
        if (!Files.exists(cc.workingDir().resolve(file))) return "";
        Map<String, String> aliases;
        try {
            aliases = cc.load().aliases();
        } catch (DhowException e) {
            return "\nAliases: none listed, " + file + " does not load (run 'dhow config' to see why)\n";
        }
        if (aliases.isEmpty()) return "";
        int width = aliases.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder("\nAliases (from " + file + "):\n");
        aliases.forEach((name, command) -> sb.append("  ").append(name).append(" ".repeat(width - name.length() + 2))
                .append(command).append('\n'));
        return sb.toString();
    }
}
