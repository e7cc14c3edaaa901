package dev.greenloop.cli;

/** Entry point of the {@code greenloop} command. */
public final class Main {
    private Main() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(0);
    }
}
