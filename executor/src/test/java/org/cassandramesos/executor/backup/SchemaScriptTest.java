package org.cassandramesos.executor.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaScriptTest {
    @Test
    void makesEveryCreateRepeatable() {
        String script = SchemaScript.render(
                List.of(
                        "CREATE KEYSPACE demo WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}  AND durable_writes = true;",
                        "CREATE TYPE demo.address (\n    street text\n);",
                        "CREATE TABLE demo.users (\n    id int PRIMARY KEY,\n    name text\n) WITH comment = 'a; b'",
                        "CREATE INDEX users_name ON demo.users (name);",
                        "CREATE CUSTOM INDEX users_sai ON demo.users (name) USING 'StorageAttachedIndex';",
                        "CREATE TABLE IF NOT EXISTS demo.done (id int PRIMARY KEY);",
                        "CREATE OR REPLACE FUNCTION demo.f (x int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x; $$;"));

        assertThat(SchemaScript.statements(script))
                .containsExactly(
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

        assertThat(SchemaScript.statements(script))
                .containsExactly(
                        "CREATE TABLE \"Odd;Name\".t (id int PRIMARY KEY) WITH comment = 'it''s; fine'",
                        "INSERT INTO ks.t (id) VALUES (1)");
    }

    @Test
    void restoresOnlyCreateIfNotExistsOfKeyspacesTablesAndTypesInRestoredKeyspaces() {
        List<String> statements = SchemaScript.statements("""
                CREATE KEYSPACE IF NOT EXISTS demo WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'};
                CREATE TYPE IF NOT EXISTS demo.address (street text);
                CREATE TABLE IF NOT EXISTS "Demo"."Odd""T" (id int PRIMARY KEY);
                create table if not exists DEMO . users (id int PRIMARY KEY);
                CREATE TABLE demo.plain (id int PRIMARY KEY);
                CREATE TABLE IF NOT EXISTS lonely (id int PRIMARY KEY);
                CREATE KEYSPACE IF NOT EXISTS other WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'};
                CREATE TABLE IF NOT EXISTS system_auth.roles2 (role text PRIMARY KEY);
                CREATE INDEX IF NOT EXISTS users_name ON demo.users (name);
                CREATE OR REPLACE FUNCTION demo.f (x int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x; $$;
                DROP KEYSPACE demo;
                ALTER ROLE cassandra WITH SUPERUSER = true;
                CREATE ROLE evil WITH SUPERUSER = true AND LOGIN = true AND PASSWORD = 'x';
                INSERT INTO demo.users (id) VALUES (1);
                """);

        SchemaScript.Selection selection = SchemaScript.restorable(
                statements, ks -> !ks.startsWith("system") && (ks.equals("demo") || ks.equals("Demo")));

        assertThat(selection.apply())
                .containsExactly(
                        "CREATE KEYSPACE IF NOT EXISTS demo WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}",
                        "CREATE TYPE IF NOT EXISTS demo.address (street text)",
                        "CREATE TABLE IF NOT EXISTS \"Demo\".\"Odd\"\"T\" (id int PRIMARY KEY)",
                        "create table if not exists DEMO . users (id int PRIMARY KEY)");
        assertThat(selection.skipped())
                .containsExactly(
                        "CREATE TABLE (only CREATE KEYSPACE/TABLE/TYPE ... IF NOT EXISTS is restored)",
                        "CREATE TABLE lonely (no keyspace named)",
                        "CREATE KEYSPACE in keyspace other (not restored here)",
                        "CREATE TABLE in keyspace system_auth (not restored here)",
                        "CREATE INDEX (only CREATE KEYSPACE/TABLE/TYPE ... IF NOT EXISTS is restored)",
                        "CREATE OR (only CREATE KEYSPACE/TABLE/TYPE ... IF NOT EXISTS is restored)",
                        "DROP KEYSPACE (only CREATE KEYSPACE/TABLE/TYPE ... IF NOT EXISTS is restored)",
                        "ALTER ROLE (only CREATE KEYSPACE/TABLE/TYPE ... IF NOT EXISTS is restored)",
                        "CREATE ROLE (only CREATE KEYSPACE/TABLE/TYPE ... IF NOT EXISTS is restored)",
                        "INSERT INTO (only CREATE KEYSPACE/TABLE/TYPE ... IF NOT EXISTS is restored)");
    }

    @Test
    void namesKeyspacesAsCassandraStoresThem() {
        assertThat(SchemaScript.internal("Demo")).isEqualTo("demo");
        assertThat(SchemaScript.internal("\"Demo\"")).isEqualTo("Demo");
        assertThat(SchemaScript.internal("\"a\"\"b\"")).isEqualTo("a\"b");
    }
}
