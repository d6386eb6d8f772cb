package dev.dhow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** dhow's own version, read from the build-filtered version.properties. */
public final class DhowVersion {
    private DhowVersion() {}

    public static String get() {
        try (InputStream in = DhowVersion.class.getResourceAsStream("/dev/dhow/version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
