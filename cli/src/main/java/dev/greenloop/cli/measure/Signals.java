package dev.greenloop.cli.measure;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.IntConsumer;

/**
 * Replaces the JVM's handling of SIGINT, SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 while a measured command runs, so
 * the JVM stays up to write the report instead of exiting at once (the JVM's default for SIGUSR1 is to exit).
 *
 * <p>SIGQUIT cannot be taken over: HotSpot reserves it for its thread dump ({@code Signal.handle} refuses it). The
 * launcher sends that dump to standard error ({@code -XX:+DisplayVMOutputToStderr}), so it never mixes with the
 * measured command's output or the report on standard output.
 *
 * <p>Uses {@code sun.misc.Signal} from the {@code jdk.unsupported} module, reached reflectively so
 * the build stays free of its compile-time warning. Where it is missing, the JVM's default handling
 * stays (the report is then lost on a signal, and a warning says so).
 */
public final class Signals {

    /** Linux signal numbers. */
    static final int SIGHUP = 1;
    static final int SIGINT = 2;
    static final int SIGUSR1 = 10;
    static final int SIGUSR2 = 12;
    static final int SIGTERM = 15;

    private Signals() {
    }

    /**
     * Handles INT, TERM, HUP, USR1 and USR2 with {@code handler}, which receives the signal's number on a JVM
     * signal thread.
     *
     * @return false if the handlers could not be installed
     */
    public static boolean handle(IntConsumer handler) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method getNumber = signalClass.getMethod("getNumber");
            InvocationHandler ih = (proxy, method, args) -> {
                if (method.getName().equals("handle") && args != null && args.length == 1) {
                    handler.accept((int) getNumber.invoke(args[0]));
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "greenloop signal handler";
                    default -> null;
                };
            };
            Object proxy = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, ih);
            for (String name : new String[] {"INT", "TERM", "HUP", "USR1", "USR2"}) {
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), proxy);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
