package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import dev.dhow.deploy.Crew;
import dev.dhow.deploy.Planning;
import dev.dhow.deploy.RegistryProbe;
import dev.dhow.deploy.Release;
import dev.dhow.plan.Plan;
import dev.dhow.plan.PlanJson;
import dev.dhow.plan.PlanText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dhow plan}: what {@code dhow deploy} would change on each host, found read-only; exit 0, 2 or 1. */
@Command(name = "plan", description = {"Show what a deploy would change on each host, and change nothing.",
        "Exit code: 0 nothing would change, 2 something would, 1 a host could not be checked or an error."})
final class PlanCommand implements Callable<Integer> {
    /** Like terraform plan -detailed-exitcode: a plan that finds changes is not a failure, but a script can tell. */
    static final int CHANGES = 2;

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per line: the plan, then each host and each resource compared, then a summary.")
    boolean json;

    @Override
    public Integer call() {
        int[] code = {ExitCode.OK};
        Crews.withRelease(spec, (crew, release) -> code[0] = exitCode(crew, show(crew, registry(spec), release, json)));
        return code[0];
    }

    /** Plans {@code release}, prints the plan on stdout, and returns it. */
    static Plan show(Crew crew, RegistryProbe registry, Release release, boolean json) {
        Plan plan = new Planning(crew, registry).plan(release);
        if (json) {
            PlanJson.render(plan).forEach(crew.console()::result);
        } else {
            boolean colour = System.console() != null && !crew.run().environment().containsKey("NO_COLOR");
            new PlanText(colour).render(plan).forEach(crew.console()::result);
        }
        return plan;
    }

    static RegistryProbe registry(CommandSpec spec) {
        return ((Dhow) spec.root().userObject()).services().transport().registry();
    }

    private static int exitCode(Crew crew, Plan plan) {
        if (plan.incomplete()) {
            long unknown = plan.hosts().stream().filter(h -> h.unknown()).count();
            crew.console().error("The plan is incomplete: " + unknown + " host" + (unknown == 1 ? "" : "s") + " could not be checked");
            return ExitCode.FAILURE;
        }
        return plan.changes() ? CHANGES : ExitCode.OK;
    }
}
