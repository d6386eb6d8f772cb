package dev.dhow.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class {@link #value()} fresh sandbox hosts (sshd + dockerd each) and a registry,
 * torn down after the class. Test methods, constructors and {@code @BeforeAll} methods receive
 * them as a {@link Sandbox} parameter. Tagged {@code e2e}: the default build skips these tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("e2e")
@ExtendWith(SandboxExtension.class)
public @interface SandboxHosts {
    /** How many hosts (1..50). */
    int value() default 2;

    /**
     * A name under which test classes share one sandbox (same {@link #value()}), brought up by the first of them
     * and removed when the test run ends; empty: the class has its own.
     */
    String shared() default "";
}
