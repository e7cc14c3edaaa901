package dev.greenloop.cli.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.Fleet;
import dev.greenloop.app.Tokens;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import dev.greenloop.store.ApiToken;
import dev.greenloop.store.TokenRole;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop server token create|list|revoke}: the server's API tokens, in the store the settings name. A token is
 * printed once, when created; the store keeps only its SHA-256.
 */
@Command(name = "token", description = "Create, list and revoke the server's API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public final class TokenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", description = {"Create a token and print it, once: viewers read, agents only ingest, admins do all.",
            "The token goes to standard output alone (T=$(greenloop server token create --role agent)); the rest to standard error."})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--role", required = true, paramLabel = "viewer|agent|admin", description = "What it may do.")
        String role;

        @Option(names = "--name", paramLabel = "N", description = "A name for people, unique (default: one is made up).")
        String name;

        @Override
        public Integer call() {
            TokenRole r;
            try {
                r = TokenRole.fromLabel(role);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--role: " + e.getMessage());
            }
            try (Fleet fleet = Fleet.open(Main.settings(spec))) {
                Tokens.Created created;
                try {
                    created = fleet.tokens().create(r, Optional.ofNullable(name));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--name: " + e.getMessage());
                }
                spec.commandLine().getOut().println(created.secret());
                spec.commandLine().getErr().printf("greenloop: created %s token %d '%s' in %s. It is shown only once: keep it now (only its"
                        + " hash is stored); revoke it with 'greenloop server token revoke %d'.%n", r.label(), created.token().id(),
                        created.token().name(), fleet.location(), created.token().id());
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the tokens (never their secrets), revoked ones too.")
    static final class ListTokens implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print a JSON array of {id, name, role, createdAt, revokedAt}.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (Fleet fleet = Fleet.open(Main.settings(spec))) {
                List<ApiToken> tokens = fleet.tokens().list();
                if (json) {
                    try (JsonGenerator g = RunJson.generator(out)) {
                        g.writeStartArray();
                        for (ApiToken t : tokens) {
                            g.writeStartObject();
                            g.writeNumberField("id", t.id());
                            g.writeStringField("name", t.name());
                            g.writeStringField("role", t.role().label());
                            g.writeStringField("createdAt", Times.iso(t.createdAt()));
                            if (t.revokedAt().isPresent()) {
                                g.writeStringField("revokedAt", Times.iso(t.revokedAt().get()));
                            } else {
                                g.writeNullField("revokedAt");
                            }
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }
                    out.println();
                    return 0;
                }
                if (tokens.isEmpty()) {
                    out.println("no tokens in " + fleet.location() + "; create one with 'greenloop server token create --role viewer'");
                    return 0;
                }
                Table t = new Table(">id", "name", "role", "created (UTC)", "revoked (UTC)");
                for (ApiToken token : tokens) {
                    t.row(token.id(), token.name(), token.role().label(), Times.table(token.createdAt()),
                            token.revokedAt().map(Times::table).orElse(""));
                }
                t.print(out);
                return 0;
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a token: the server refuses it from its next request.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID|NAME", description = "The token's id or name, as 'token list' shows them.")
        String idOrName;

        @Override
        public Integer call() {
            try (Fleet fleet = Fleet.open(Main.settings(spec))) {
                ApiToken t = fleet.tokens().revoke(idOrName.strip()).orElseThrow(() -> new UsageException(
                        "token revoke: no token '%s' in %s; 'greenloop server token list' shows them".formatted(idOrName, fleet.location())));
                spec.commandLine().getOut().printf("revoked %s token %d '%s'%n", t.role().label(), t.id(), t.name());
            }
            return 0;
        }
    }
}
