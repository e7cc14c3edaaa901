package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void all_everyDialect_hasIncreasingVersionsEndingAtLatest() {
        for (Dialect dialect : Dialect.values()) {
            List<Migration> migrations = Migration.all(dialect);
            assertEquals(1, migrations.getFirst().version(), dialect.toString());
            for (int i = 1; i < migrations.size(); i++) {
                assertTrue(migrations.get(i).version() > migrations.get(i - 1).version(), dialect + " " + migrations.get(i));
            }
            assertEquals(Migration.latestVersion(), migrations.getLast().version());
        }
    }

    @Test
    void all_dialects_createTheSameTablesInTheSameOrder() {
        List<String> sqlite = createdTables(Dialect.SQLITE);

        assertEquals(sqlite, createdTables(Dialect.POSTGRESQL));
        assertEquals(List.of("node", "run", "run_arg", "run_tag", "run_component", "sample", "intensity_point", "job", "job_arg", "job_event",
                "profile_result", "profile", "provider_answer", "run_kind", "fleet_sample", "fleet_total", "fleet_minute", "api_token",
                "anomaly", "recommendation", "recommendation_action", "automation_rule", "served_variant", "served_traffic"), sqlite);
    }

    @Test
    void split_commentsAndSemicolons_giveOneStatementEach() {
        String script = "-- header; not a statement\nCREATE TABLE a (x INTEGER);\n\n  -- note\nCREATE INDEX a_x\n  ON a (x);\n";

        assertEquals(List.of("CREATE TABLE a (x INTEGER)", "CREATE INDEX a_x\n  ON a (x)"), Migration.split(script));
    }

    @Test
    void sha256_differentText_differs() {
        assertEquals(Migration.sha256("a\n"), Migration.sha256("a\n"));
        assertNotEquals(Migration.sha256("a\n"), Migration.sha256("b\n"));
    }

    private static List<String> createdTables(Dialect dialect) {
        return Migration.all(dialect).stream()
                .flatMap(m -> m.statements().stream())
                .filter(s -> s.startsWith("CREATE TABLE"))
                .map(s -> s.split("\\s+")[2])
                .toList();
    }
}
