package dev.dhow.sandbox;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link SandboxHosts}: brings up a sandbox under a name of its own the
 * first time a test of the class asks for a {@link Sandbox}, and removes it (containers, network,
 * key) when the class is done, or when the JVM exits first.
 */
public final class SandboxExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        SandboxHosts wanted = AnnotationSupport.findAnnotation(testClass, SandboxHosts.class)
                .orElseThrow(() -> new ExtensionConfigurationException(
                        testClass.getName() + " needs @SandboxHosts to receive a Sandbox"));
        int hosts = wanted.value();
        // A shared sandbox lives in the root store: JUnit closes it when the whole run ends.
        ExtensionContext owner = wanted.shared().isEmpty() ? classContext(context) : context.getRoot();
        String key = wanted.shared().isEmpty() ? "sandbox" : "sandbox-" + wanted.shared() + "-" + hosts;
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> RunningSandbox.start(hosts), RunningSandbox.class)
                .sandbox();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** A sandbox that goes down when JUnit closes the class's store. */
    private record RunningSandbox(SandboxScript script, Sandbox sandbox, Thread shutdownHook)
            implements ExtensionContext.Store.CloseableResource {

        static RunningSandbox start(int hosts) {
            SandboxScript script = SandboxScript.forTestRun(SandboxScript.findProjectRoot());
            Thread hook = new Thread(script::down, "sandbox-down-" + script.name());
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return new RunningSandbox(script, script.up(hosts), hook);
            } catch (RuntimeException e) {
                script.down();
                Runtime.getRuntime().removeShutdownHook(hook);
                throw e;
            }
        }

        @Override
        public void close() {
            script.down().orThrow();
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
    }
}
