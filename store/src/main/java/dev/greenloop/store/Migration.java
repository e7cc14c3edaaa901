package dev.greenloop.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One versioned schema change: a script {@code V<version>__<description>.sql} in the dialect's
 * migration folder. Immutable.
 *
 * <p>Scripts are plain SQL; each statement ends with {@code ;} at the end of a line, and lines
 * starting with {@code --} are comments. The checksum is the SHA-256 of the script with line ends
 * normalised to {@code \n}, so a checkout with CRLF line ends does not look changed.
 *
 * @param version from 1, increasing (a number may be left out: versions are reserved for parallel work)
 * @param description what it does, such as {@code init}
 * @param statements the script's statements, in order
 * @param checksum lower-case hex SHA-256 of the normalised script
 */
record Migration(int version, String description, List<String> statements, String checksum) {

    /**
     * Every migration this code knows, oldest first. Add a line here and a script for every
     * dialect; never edit a script that has been released.
     */
    private static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__intensity.sql", "V3__jobs.sql", "V4__profiles.sql",
            "V5__answers_and_run_kinds.sql", "V6__run_owner.sql", "V7__fleet.sql",
            "V8__anomalies.sql", "V9__recommendations.sql",
            "V11__served_traffic.sql");

    Migration {
        statements = List.copyOf(statements);
    }

    /**
     * @return the migrations of {@code dialect}, oldest first
     * @throws IllegalStateException if a listed script is missing from the class path (a packaging bug)
     */
    static List<Migration> all(Dialect dialect) {
        List<Migration> migrations = new ArrayList<>(SCRIPTS.size());
        for (String script : SCRIPTS) {
            migrations.add(load(dialect.migrationFolder() + script));
        }
        return List.copyOf(migrations);
    }

    /** @return the newest version this code knows */
    static int latestVersion() {
        return parseVersion(SCRIPTS.getLast());
    }

    private static Migration load(String resource) {
        String fileName = resource.substring(resource.lastIndexOf('/') + 1);
        String text;
        try (InputStream in = Migration.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script " + resource + " is missing from the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration script " + resource, e);
        }
        String description = fileName.substring(fileName.indexOf("__") + 2, fileName.length() - ".sql".length());
        return new Migration(parseVersion(fileName), description, split(text), sha256(text));
    }

    private static int parseVersion(String fileName) {
        return Integer.parseInt(fileName.substring(1, fileName.indexOf("__")));
    }

    /** Splits a script into statements: see the class comment for the rules. */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.stripTrailing().endsWith(";")) {
                addIfNotBlank(statements, current);
            }
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
