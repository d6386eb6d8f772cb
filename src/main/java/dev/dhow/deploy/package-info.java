/**
 * Flows across hosts and roles: {@link dev.dhow.deploy.DeployContext} (what one command run shares: config,
 * targets, version, secrets, console, executors, lock state), {@link dev.dhow.deploy.Lock},
 * {@link dev.dhow.deploy.Hooks}, {@link dev.dhow.deploy.Audit}, {@link dev.dhow.deploy.RoleSteps}, and the deploy
 * lifecycle built on them. Commands come from {@code dev.dhow.commands}; nothing here parses options.
 *
 * <p>Typical use from a picocli command:
 * <pre>{@code
 * try (DeployContext ctx = DeployContexts.create(spec)) {
 *     ctx.lock().withLock(() -> new RoleSteps(ctx).run(ctx.targets().appHosts(), false, (host, role) -> {
 *         ctx.audit().record(host, "Did something", Optional.of(role.name()));
 *         ctx.remote().run(host, new AppCommands(ctx.config(), role, host).live()).check();
 *     }).check());
 * }
 * }</pre>
 */
package dev.dhow.deploy;
