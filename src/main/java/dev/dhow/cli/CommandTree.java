package dev.dhow.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The top-level commands, registered by name so that a run loads and introspects only the command it invokes:
 * picocli reads every annotated class of the tree by reflection, which was most of dhow's start-up time.
 * Help, completion, the root's own usage and unknown commands (suggestions, {@code aliases:}) still get the whole tree.
 */
final class CommandTree {
    /** Every top-level command, in the order help lists them; {@link #commandClass} maps each name to its class. */
    static final List<String> NAMES = List.of("version", "completion", "help", "config", "docs", "init", "secrets",
            "server", "lock", "app", "build", "registry", "proxy", "prune", "setup", "deploy", "redeploy", "rollback",
            "remove", "accessory", "details", "audit", "plan", "rollout");

    /** Commands that describe the tree itself. */
    private static final List<String> NEED_WHOLE_TREE = List.of("help", "completion");

    private CommandTree() {}

    /** The class of a top-level command; a switch rather than a map so that naming one loads no other. */
    static Class<?> commandClass(String name) {
        return switch (name) {
            case "version" -> VersionCommand.class;
            case "completion" -> CompletionCommand.class;
            case "help" -> HelpCommand.class;
            case "config" -> ConfigCommand.class;
            case "docs" -> DocsCommand.class;
            case "init" -> InitCommand.class;
            case "secrets" -> SecretsCommand.class;
            case "server" -> ServerCommand.class;
            case "lock" -> LockCommand.class;
            case "app" -> AppCommand.class;
            case "build" -> BuildCommand.class;
            case "registry" -> RegistryCommand.class;
            case "proxy" -> ProxyCommand.class;
            case "prune" -> PruneCommand.class;
            case "setup" -> FlowCommands.Setup.class;
            case "deploy" -> FlowCommands.Deploy.class;
            case "redeploy" -> FlowCommands.Redeploy.class;
            case "rollback" -> FlowCommands.Rollback.class;
            case "remove" -> FlowCommands.Remove.class;
            case "accessory" -> AccessoryCommand.class;
            case "details" -> DetailsCommand.class;
            case "audit" -> AuditCommand.class;
            case "plan" -> PlanCommand.class;
            case "rollout" -> RolloutCommand.class;
            default -> throw new IllegalArgumentException("no top-level command named " + name);
        };
    }

    /** Adds every top-level command to the root. */
    static void addAll(CommandLine root) {
        for (String name : NAMES) add(root, name);
    }

    private static void add(CommandLine root, String name) {
        root.addSubcommand(name, commandClass(name));
        keepCommandWords(root.getSubcommands().get(name));
    }

    // Adding a command to the root copies the root's parser settings down the new branch, so a setting of one
    // subcommand's own (server exec's words, as in `dhow server exec id -un`) is made here, after the add.
    private static void keepCommandWords(CommandLine command) {
        if (command.getCommandSpec().userObject() instanceof ServerCommand.Exec) {
            command.getCommandSpec().parser().unmatchedOptionsArePositionalParams(true);
        }
        command.getSubcommands().values().forEach(CommandTree::keepCommandWords);
    }

    /**
     * Adds what running {@code args} needs: only the command its first word names, or the whole tree when that word
     * is help or completion, names no command (an alias, a typo) or is missing (the root's usage).
     */
    static void addFor(CommandLine root, String[] args) {
        int at = firstCommandIndex(root.getCommandSpec(), args);
        String name = at < 0 ? null : args[at];
        if (name == null || !NAMES.contains(name) || NEED_WHOLE_TREE.contains(name)) {
            addAll(root);
        } else {
            add(root, name);
        }
    }

    /**
     * Index of the first argument that is neither a root option nor an option's value, read as picocli reads them
     * ({@code -c FILE}, {@code -cFILE}, {@code --config-file=FILE}, clustered {@code -vpc FILE}); -1 when there is none.
     */
    static int firstCommandIndex(CommandSpec spec, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) return -1;
            if (!a.startsWith("-") || a.equals("-")) return i;
            if (a.contains("=")) continue;
            if (a.startsWith("--") || a.length() == 2) {
                if (takesValue(spec.findOption(a))) i++;
                continue;
            }
            for (int c = 1; c < a.length(); c++) {
                if (takesValue(spec.findOption("-" + a.charAt(c)))) {
                    if (c == a.length() - 1) i++; // else the rest of the cluster is the value
                    break;
                }
            }
        }
        return -1;
    }

    private static boolean takesValue(OptionSpec option) {
        return option != null && option.arity().max() > 0 && !option.typeInfo().isBoolean();
    }
}
