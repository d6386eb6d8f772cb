package dev.dhow.cli;

import dev.dhow.core.ExitCode;
import dev.dhow.deploy.Crew;
import dev.dhow.deploy.Planning;
import dev.dhow.deploy.RegistryProbe;
import dev.dhow.deploy.Release;
import dev.dhow.plan.Plan;
import dev.dhow.plan.PlanJson;
import dev.dhow.plan.PlanText;
import dev.dhow.output.TerminalRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dhow plan}: what {@code dhow deploy} would change on each host, found read-only; exit 0, 2 or 1. */
@Command(name = "plan", description = {"Show what a deploy would change on each host, and change nothing.",
        "With --json, the plan is written as JSON events on stdout (docs/json-events.md).",
        "Exit code: 0 nothing would change, 2 something would, 1 a host could not be checked or an error."})
final class PlanCommand implements Callable<Integer> {
    /** Like terraform plan -detailed-exitcode: a plan that finds changes is not a failure, but a script can tell. */
    static final int CHANGES = 2;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        // The exit code is the plan's, in the run_finished event too; a signal just stops it, as nothing is changed.
        return Crews.callWithRelease(spec, (crew, release) -> exitCode(crew, show(spec, crew, release)));
    }

    /** Plans {@code release}, shows the plan on stdout (as JSON events with the global --json), and returns it. */
    static Plan show(CommandSpec spec, Crew crew, Release release) {
        Dhow root = (Dhow) spec.root().userObject();
        Plan plan = new Planning(crew, root.services().transport().registry()).plan(release);
        // A dry run has shown the one command each host would run; the hosts were not asked, so there is no plan.
        if (root.global.dryRun()) return plan;
        if (root.global.json()) {
            PlanJson.render(plan).forEach(e -> crew.console().data(e.type(), e.fields()));
        } else {
            boolean colour = root.services().terminal() && !root.global.noColor() && TerminalRenderer.colourAllowed(crew.run().environment());
            new PlanText(colour).render(plan).forEach(crew.console()::result);
        }
        return plan;
    }

    private int exitCode(Crew crew, Plan plan) {
        if (((Dhow) spec.root().userObject()).global.dryRun()) return ExitCode.OK;
        if (plan.incomplete()) {
            long unknown = plan.hosts().stream().filter(h -> h.unknown()).count();
            crew.console().error("The plan is incomplete: " + unknown + " host" + (unknown == 1 ? "" : "s") + " could not be checked");
            return ExitCode.FAILURE;
        }
        return plan.changes() ? CHANGES : ExitCode.OK;
    }
}
