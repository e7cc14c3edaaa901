/**
 * Greenloop's command-line front end: the {@code greenloop} command (picocli), one sub-package per command group
 * ({@code measure}, {@code agent}, {@code runs}, {@code intensity}, {@code schedule}, {@code lab}, {@code server}) over the
 * application layer.
 * It exports nothing: the product runs on the class path ({@code java -jar}); this declaration holds the
 * boundaries at compile time. The command packages are open to picocli, which reads their annotated fields and
 * creates the commands reflectively.
 */
module dev.greenloop.cli {
    requires dev.greenloop.app;
    requires dev.greenloop.server;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires jdk.management;
    requires jdk.unsupported;

    opens dev.greenloop.cli to info.picocli;
    opens dev.greenloop.cli.measure to info.picocli;
    opens dev.greenloop.cli.agent to info.picocli;
    opens dev.greenloop.cli.runs to info.picocli;
    opens dev.greenloop.cli.compare to info.picocli;
    opens dev.greenloop.cli.intensity to info.picocli;
    opens dev.greenloop.cli.schedule to info.picocli;
    opens dev.greenloop.cli.lab to info.picocli;
    opens dev.greenloop.cli.server to info.picocli;
    opens dev.greenloop.cli.limits to info.picocli;
    opens dev.greenloop.cli.analyze to info.picocli;
    opens dev.greenloop.cli.recommend to info.picocli;
    opens dev.greenloop.cli.report to info.picocli;
}
