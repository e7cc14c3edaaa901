package dev.greenloop.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version, from the build's {@code greenloop-version.properties}. */
final class Version implements IVersionProvider {

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/greenloop/cli/greenloop-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // A jar without the file still runs; it just cannot say its version.
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"greenloop " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
