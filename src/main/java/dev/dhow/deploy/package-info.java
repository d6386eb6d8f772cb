/**
 * Flows across hosts and roles. Every flow receives a {@link dev.dhow.deploy.Crew}: the immutable
 * {@link dev.dhow.deploy.Run} (config, targets, invocation, flags, clock), the {@link dev.dhow.deploy.Hosts} facade
 * (where {@code run} throws naming host and command, {@code capture} returns a result, and every command has a time
 * limit), and the {@link dev.dhow.deploy.Lock}, {@link dev.dhow.deploy.Hooks} and {@link dev.dhow.deploy.Audit} built
 * for the run by the CLI. The version a flow deploys is a {@link dev.dhow.deploy.Release}, passed explicitly.
 * A signal sets the run's {@link dev.dhow.deploy.Cancellation}: no new step starts, and flows unwind through
 * {@link dev.dhow.deploy.Hosts#unwinding()}. Commands come from {@code dev.dhow.commands}; nothing here parses
 * options, and nothing here knows whether it runs dry.
 *
 * <p>Typical use from a picocli command:
 * <pre>{@code
 * return Crews.run(spec, crew -> crew.lock().withLock(() -> new RoleSteps(crew).run(crew.targets().appHosts(), false, (host, role) -> {
 *     crew.audit().record(host, "Did something", Optional.of(role.name()));
 *     crew.hosts().run(host, new AppCommands(crew.config(), role, host).live());
 * }).check()));
 * }</pre>
 */
package dev.dhow.deploy;
