package dev.dhow.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * dhow(1) in roff (man macros), rendered from the same picocli tree the CLI parses with, so the page cannot drift
 * from the commands: the global options once, then every visible command with its own options and parameters.
 */
final class ManPage {
    private ManPage() {}

    static String render(CommandLine root, String version) {
        CommandSpec spec = root.getCommandSpec();
        StringBuilder out = new StringBuilder();
        out.append(".TH DHOW 1 \"\" \"dhow ").append(escape(version)).append("\" \"User Commands\"\n");
        out.append(".SH NAME\n");
        out.append("dhow \\- ").append(escape(lowerFirst(firstSentence(spec)))).append('\n');
        out.append(".SH SYNOPSIS\n");
        out.append(".B dhow\n");
        out.append("[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n");
        out.append(".SH DESCRIPTION\n");
        out.append(escape(String.join(" ", spec.usageMessage().description()))).append('\n');
        out.append(".PP\n");
        out.append("dhow reads \\fIconfig/deploy.yml\\fR and \\fI.kamal/secrets\\fR, as Kamal 2 does, and runs every command ")
                .append("on the servers over SSH. \\fBdhow help\\fR \\fICOMMAND\\fR shows the same text as this page for one command.\n");
        out.append(".SH GLOBAL OPTIONS\n");
        out.append("Every command accepts these, before or after its name.\n");
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) option(out, option);
        }
        out.append(".SH COMMANDS\n");
        for (CommandLine sub : visibleSubcommands(root)) command(out, sub);
        out.append(".SH EXIT STATUS\n");
        exit(out, "0", "Success.");
        exit(out, "1", "Failure: bad configuration, a failed deploy (hosts put back), an unreachable host, nothing to roll back to.");
        exit(out, "2", "Usage error: an unknown command or option, a bad argument.");
        exit(out, "3", "The deploy lock is held by someone else (or \\fB\\-\\-lock\\-wait\\fR timed out).");
        exit(out, "4", "A bug in dhow (\\fB\\-\\-verbose\\fR shows the stack trace).");
        exit(out, "130, 143", "Interrupted by SIGINT or SIGTERM, after putting the hosts back and releasing the lock.");
        out.append(".SH FILES\n");
        file(out, "config/deploy.yml", "The configuration; \\fBdhow docs\\fR describes each section. "
                + "With \\fB\\-d\\fR \\fIDEST\\fR, \\fIconfig/deploy.DEST.yml\\fR is merged on top.");
        file(out, ".kamal/secrets", "Secrets in dotenv form (\\fI.kamal/secrets.DEST\\fR with \\fB\\-d\\fR).");
        file(out, ".kamal/hooks/", "Hooks run before and after deploys, as Kamal runs them.");
        out.append(".SH SEE ALSO\n");
        out.append(".BR kamal (1),\n");
        out.append(".BR ssh (1),\n");
        out.append(".BR docker (1)\n");
        return out.toString();
    }

    private static void command(StringBuilder out, CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        out.append(".SS \"").append(escape(spec.qualifiedName())).append(synopsisArgs(spec)).append("\"\n");
        out.append(escape(String.join(" ", spec.usageMessage().description()))).append('\n');
        List<ArgSpec> own = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden() && !option.inherited()) own.add(option);
        }
        for (PositionalParamSpec param : spec.positionalParameters()) {
            if (!param.hidden()) own.add(param);
        }
        if (!own.isEmpty()) {
            out.append(".RS\n");
            for (ArgSpec arg : own) {
                if (arg instanceof OptionSpec option) option(out, option);
                else parameter(out, (PositionalParamSpec) arg);
            }
            out.append(".RE\n");
        }
        for (CommandLine sub : visibleSubcommands(cl)) command(out, sub);
    }

    private static String synopsisArgs(CommandSpec spec) {
        StringBuilder s = new StringBuilder();
        for (PositionalParamSpec param : spec.positionalParameters()) {
            if (param.hidden()) continue;
            String label = param.paramLabel() + (param.arity().max() > 1 ? "..." : "");
            s.append(' ').append(param.arity().min() == 0 ? "[" + label + "]" : label);
        }
        return escape(s.toString());
    }

    private static void option(StringBuilder out, OptionSpec option) {
        out.append(".TP\n");
        List<String> names = new ArrayList<>();
        for (String name : option.names()) names.add("\\fB" + escape(name) + "\\fR");
        out.append(String.join(", ", names));
        if (option.arity().max() > 0 && !option.typeInfo().isBoolean()) {
            out.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
        }
        out.append('\n').append(escape(String.join(" ", option.description()))).append('\n');
    }

    private static void parameter(StringBuilder out, PositionalParamSpec param) {
        out.append(".TP\n\\fI").append(escape(param.paramLabel())).append("\\fR\n");
        out.append(escape(String.join(" ", param.description()))).append('\n');
    }

    private static void exit(StringBuilder out, String code, String meaning) {
        out.append(".TP\n.B ").append(code).append('\n').append(meaning).append('\n');
    }

    private static void file(StringBuilder out, String path, String what) {
        out.append(".TP\n.I ").append(path).append('\n').append(what).append('\n');
    }

    private static List<CommandLine> visibleSubcommands(CommandLine cl) {
        List<CommandLine> visible = new ArrayList<>();
        for (var entry : cl.getSubcommands().entrySet()) {
            CommandLine sub = entry.getValue();
            // The map holds a command once per name and alias: list it under its own name only.
            if (!sub.getCommandSpec().usageMessage().hidden() && entry.getKey().equals(sub.getCommandName())) visible.add(sub);
        }
        return visible;
    }

    private static String firstSentence(CommandSpec spec) {
        String description = String.join(" ", spec.usageMessage().description());
        int end = description.indexOf(" (");
        return (end > 0 ? description.substring(0, end) : description).replaceAll("\\.$", "");
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Text as roff prints it: backslashes and hyphens escaped, and no line that starts like a request. */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (out.length() > 0) out.append('\n');
            if (line.startsWith(".") || line.startsWith("'")) out.append("\\&");
            out.append(line);
        }
        return out.toString();
    }
}
