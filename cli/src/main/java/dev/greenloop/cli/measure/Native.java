package dev.greenloop.cli.measure;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The two libc calls the CLI needs, through the Foreign Function & Memory API. The launcher and
 * the jar's manifest enable native access, which these restricted calls require.
 */
@SuppressWarnings("restricted")
final class Native {

    private static final Linker LINKER = Linker.nativeLinker();

    private Native() {
    }

    /** @return true if file descriptor {@code fd} is a terminal; false when it cannot be told */
    static boolean isatty(int fd) {
        try {
            MethodHandle h = LINKER.downcallHandle(LINKER.defaultLookup().find("isatty").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return (int) h.invokeExact(fd) == 1;
        } catch (Throwable e) {
            return false; // no libc isatty (not Linux): behave as when output is redirected
        }
    }

    /**
     * Sends {@code signal} to process {@code pid}.
     *
     * @return true if it was sent
     */
    static boolean kill(long pid, int signal) {
        try {
            MethodHandle h = LINKER.downcallHandle(LINKER.defaultLookup().find("kill").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return (int) h.invokeExact((int) pid, signal) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
