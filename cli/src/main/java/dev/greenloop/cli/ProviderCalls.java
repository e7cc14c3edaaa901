package dev.greenloop.cli;

import dev.greenloop.carbon.live.InvalidBaseUrlException;
import dev.greenloop.carbon.live.LiveProviderException;
import dev.greenloop.carbon.live.MissingCredentialsException;
import dev.greenloop.carbon.live.UnknownProviderException;
import java.util.Locale;
import java.util.function.Supplier;

/** Calls to live intensity providers as {@code intensity ... --provider} and {@code schedule run --provider} report them. */
public final class ProviderCalls {

    private ProviderCalls() {
    }

    /**
     * Runs a service call, turning its failures into what the CLI reports: an unknown provider or zone, a bad base
     * URL or a missing credential is a usage error (exit 2); a provider failure is exit 1 with the provider's
     * message (never a credential, never a stack trace), and where no answer came (the host unreachable or unknown,
     * a timeout, an answer too large) the hint to work offline with {@code --trace ZONE=FILE}.
     */
    public static <T> T call(String provider, Supplier<T> call) {
        String n = provider.strip().toLowerCase(Locale.ROOT);
        try {
            return call.get();
        } catch (UnknownProviderException e) {
            throw new UsageException("--provider: " + e.getMessage());
        } catch (InvalidBaseUrlException e) {
            throw new UsageException(e.getMessage());
        } catch (MissingCredentialsException e) {
            throw new UsageException("--provider " + n + ": " + e.getMessage());
        } catch (LiveProviderException e) {
            // No answer at all (unreachable, unknown host, timeout, too large): a trace file works without the network.
            boolean noAnswer = e.status() == 0 && e.getCause() instanceof java.io.IOException;
            throw new ProviderFailure(e.getMessage() + (noAnswer ? "; to work offline, give the intensities as --trace ZONE=FILE" : ""));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--provider " + n + ": " + e.getMessage());
        }
    }

    /** A live provider failed (exit 1); the message is the provider's, without credentials. */
    public static final class ProviderFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ProviderFailure(String message) {
            super(message);
        }
    }
}
