package org.cassandramesos.executor.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaScriptTest {
    @Test
    void makesEveryCreateRepeatable() {
        String script = SchemaScript.render(List.of(
                "CREATE KEYSPACE demo WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}  AND durable_writes = true;",
                "CREATE TYPE demo.address (\n    street text\n);",
                "CREATE TABLE demo.users (\n    id int PRIMARY KEY,\n    name text\n) WITH comment = 'a; b'",
                "CREATE INDEX users_name ON demo.users (name);",
                "CREATE CUSTOM INDEX users_sai ON demo.users (name) USING 'StorageAttachedIndex';",
                "CREATE TABLE IF NOT EXISTS demo.done (id int PRIMARY KEY);",
                "CREATE OR REPLACE FUNCTION demo.f (x int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x; $$;"));

        assertThat(SchemaScript.statements(script)).containsExactly(
                "CREATE KEYSPACE IF NOT EXISTS demo WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}  AND durable_writes = true",
                "CREATE TYPE IF NOT EXISTS demo.address (\n    street text\n)",
                "CREATE TABLE IF NOT EXISTS demo.users (\n    id int PRIMARY KEY,\n    name text\n) WITH comment = 'a; b'",
                "CREATE INDEX IF NOT EXISTS users_name ON demo.users (name)",
                "CREATE CUSTOM INDEX IF NOT EXISTS users_sai ON demo.users (name) USING 'StorageAttachedIndex'",
                "CREATE TABLE IF NOT EXISTS demo.done (id int PRIMARY KEY)",
                "CREATE OR REPLACE FUNCTION demo.f (x int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x; $$");
    }

    @Test
    void splitsOnlyAtSemicolonsThatEndStatements() {
        String script = """
                -- a comment; not a statement
                CREATE TABLE "Odd;Name".t (id int PRIMARY KEY) WITH comment = 'it''s; fine';
                /* block; comment */
                INSERT INTO ks.t (id) VALUES (1);   // trailing; comment
                """;

        assertThat(SchemaScript.statements(script)).containsExactly(
                "CREATE TABLE \"Odd;Name\".t (id int PRIMARY KEY) WITH comment = 'it''s; fine'",
                "INSERT INTO ks.t (id) VALUES (1)");
    }
}
