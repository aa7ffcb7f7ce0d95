package org.cassandramesos.scheduler.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cassandramesos.protocol.jobs.JobKind;
import org.cassandramesos.scheduler.backup.BackupDefaults;
import org.junit.jupiter.api.Test;

class OperationRequestsTest {
    static final List<String> NODES = List.of("node-0", "node-1", "node-2");
    static final BackupDefaults DEFAULTS =
            BackupDefaults.of("s3://configured/p", "AK", "SK", "http://127.0.0.1:9000/bucket, s3://other");

    @Test
    void starMeansEveryNodeAndNamedNodesRunInClusterOrder() {
        assertThat(OperationRequests.parse(JobKind.REPAIR, "{\"nodes\":[\"*\"]}", NODES, BackupDefaults.NONE)
                        .nodes())
                .isEqualTo(NODES);
        OperationRequest named = OperationRequests.parse(
                JobKind.CLEANUP,
                "{\"nodes\":[\"node-2\",\"node-0\"],\"key_spaces\":[\"ks\"],\"column_families\":[\"t\"]}",
                NODES,
                BackupDefaults.NONE);
        assertThat(named.nodes()).containsExactly("node-0", "node-2");
        assertThat(named.keyspaces()).containsExactly("ks");
        assertThat(named.tables()).containsExactly("t");
    }

    @Test
    void badNodeRequestsAreRefusedWithAMessage() {
        for (String body : List.of(
                "",
                "{\"nodes\":[]}",
                "{\"nodes\":[\"node-7\"]}",
                "{\"nodes\":[\"*\",\"node-0\"]}",
                "{\"nodes\":[\"*\"],\"key_spaces\":[\"bad name\"]}",
                "{\"nodes\":[\"*\"],\"extra\":1}",
                "[1]")) {
            assertThatThrownBy(() -> OperationRequests.parse(JobKind.REPAIR, body, NODES, BackupDefaults.NONE))
                    .as(body)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("null");
        }
        assertThatThrownBy(() -> OperationRequests.kind("compact")).hasMessageContaining("unknown operation");
    }

    @Test
    void aBackupTakesItsNameLocationAndKeysAndNeverPrintsTheKeys() {
        OperationRequest request = OperationRequests.parse(
                JobKind.BACKUP,
                "{\"backup_name\":\"b1\","
                        + "\"external_location\":\"http://127.0.0.1:9000/bucket/x\",\"s3_access_key\":\"A\",\"s3_secret_key\":\"S3CR3T\"}",
                NODES,
                DEFAULTS);
        assertThat(request.nodes()).isEqualTo(NODES);
        assertThat(request.backup().orElseThrow().secretKey()).isEqualTo("S3CR3T");
        assertThat(request.toString()).doesNotContain("S3CR3T");
        assertThat(request.toOperation(java.util.UUID.randomUUID(), 0).toString())
                .doesNotContain("S3CR3T");
    }

    @Test
    void withoutALocationTheConfiguredOneAndItsKeysAreUsedButNeverForAnotherLocation() {
        var configured = OperationRequests.parse(JobKind.RESTORE, "{\"backup_name\":\"b1\"}", NODES, DEFAULTS)
                .backup()
                .orElseThrow();
        assertThat(configured.location()).isEqualTo("s3://configured/p");
        assertThat(configured.secretKey()).isEqualTo("SK");
        var elsewhere = OperationRequests.parse(
                        JobKind.RESTORE,
                        "{\"backup_name\":\"b1\",\"external_location\":"
                                + "\"s3://other/p\",\"s3_access_key\":\"A\",\"s3_secret_key\":\"S\"}",
                        NODES,
                        DEFAULTS)
                .backup()
                .orElseThrow();
        assertThat(elsewhere.secretKey()).isEqualTo("S");
    }

    @Test
    void aCallersLocationMustBeAllowedAndBringItsOwnKeys() {
        String keys = ",\"s3_access_key\":\"A\",\"s3_secret_key\":\"S\"}";
        for (String location : List.of(
                "http://169.254.169.254/latest",
                "http://127.0.0.1:9100/tasks",
                "http://127.0.0.1:9000/bucket2",
                "http://127.0.0.1:9001/bucket",
                "s3://configured/other",
                "s3://others")) {
            assertThatThrownBy(() -> OperationRequests.parse(
                            JobKind.BACKUP,
                            "{\"backup_name\":\"b1\"," + "\"external_location\":\"" + location + "\"" + keys,
                            NODES,
                            DEFAULTS))
                    .as(location)
                    .hasMessageContaining("not allowed")
                    .hasMessageContaining("BACKUP_ALLOWED_LOCATIONS");
        }
        assertThatThrownBy(() -> OperationRequests.parse(
                        JobKind.BACKUP,
                        "{\"backup_name\":\"b1\",\"external_location\":\"s3://other/p\"}",
                        NODES,
                        DEFAULTS))
                .as("no default credential chain for a caller's location")
                .hasMessageContaining("s3_access_key");
        assertThat(OperationRequests.parse(
                                JobKind.BACKUP,
                                "{\"backup_name\":\"b1\",\"external_location\":"
                                        + "\"http://127.0.0.1:9000/bucket/nightly\"" + keys,
                                NODES,
                                DEFAULTS)
                        .backup()
                        .orElseThrow()
                        .location())
                .isEqualTo("http://127.0.0.1:9000/bucket/nightly");
    }

    @Test
    void onlyTheConfiguredLocationMayUseTheExecutorsDefaultCredentialChain() {
        BackupDefaults locationOnly = BackupDefaults.of("s3://configured/p", null, null, "s3://other");
        var configured = OperationRequests.parse(JobKind.RESTORE, "{\"backup_name\":\"b1\"}", NODES, locationOnly)
                .backup()
                .orElseThrow();
        var callers = OperationRequests.parse(
                        JobKind.RESTORE,
                        "{\"backup_name\":\"b1\",\"external_location\":"
                                + "\"s3://other/p\",\"s3_access_key\":\"A\",\"s3_secret_key\":\"S\"}",
                        NODES,
                        locationOnly)
                .backup()
                .orElseThrow();

        assertThat(configured.keys()).isEmpty();
        assertThat(configured.defaultCredentials()).isTrue();
        assertThat(callers.keys()).isPresent();
        assertThat(callers.defaultCredentials()).isFalse();
        assertThat(callers.withoutKeys().defaultCredentials()).isFalse();
    }

    @Test
    void badBackupRequestsAreRefused() {
        for (String body : List.of(
                "{\"backup_name\":\"a/b\",\"external_location\":\"s3://b/p\"}",
                "{\"backup_name\":\"b1\",\"external_location\":\"ftp://x\"}",
                "{\"backup_name\":\"b1\"}",
                "{\"backup_name\":\"b1\",\"external_location\":\"s3://b/p\",\"s3_access_key\":\"A\"}")) {
            assertThatThrownBy(() -> OperationRequests.parse(JobKind.BACKUP, body, NODES, BackupDefaults.NONE))
                    .as(body)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void backupNamesFollowTheExecutorsRuleAndValuesAreNeverCoerced() {
        for (String name : List.of("_status", "_blobs", ".hidden", "-x", "a".repeat(129))) {
            assertThatThrownBy(() -> OperationRequests.parse(
                            JobKind.BACKUP, "{\"backup_name\":\"" + name + "\"}", NODES, DEFAULTS))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("start with a letter or digit");
        }
        assertThatThrownBy(() -> OperationRequests.parse(JobKind.BACKUP, "{\"backup_name\":5}", NODES, DEFAULTS))
                .hasMessage("field 'backup_name' must be a string");
        assertThatThrownBy(() -> OperationRequests.parse(JobKind.RESTORE, "{\"backup_name\":true}", NODES, DEFAULTS))
                .hasMessage("field 'backup_name' must be a string");
        assertThatThrownBy(() -> OperationRequests.parse(JobKind.REPAIR, "{\"nodes\":[5]}", NODES, DEFAULTS))
                .hasMessage("field 'nodes[0]' must be a string");
        assertThatThrownBy(() -> OperationRequests.parse(JobKind.REPAIR, "{\"nodes\":\"*\"}", NODES, DEFAULTS))
                .hasMessage("field 'nodes' must be a list");
    }

    @Test
    void errorMessagesNameFieldsNeverJavaClasses() {
        for (String body : List.of(
                "{\"nodes\":{}}",
                "[1]",
                "5",
                "{\"nodes\":[\"*\"],\"extra\":1}",
                "{",
                "{\"nodes\":[\"*\"]}{}",
                "{\"nodes\":[[\"*\"]]}")) {
            assertThatThrownBy(() -> OperationRequests.parse(JobKind.REPAIR, body, NODES, DEFAULTS))
                    .as(body)
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .as(body)
                            .doesNotContainPattern("org\\.|com\\.|java\\.|\\$|Exception|NodeJobBody|BackupBody"));
        }
        assertThatThrownBy(() ->
                        OperationRequests.parse(JobKind.REPAIR, "{\"nodes\":[\"*\"],\"extra\":1}", NODES, DEFAULTS))
                .hasMessage("unknown field 'extra'; the fields are [column_families, key_spaces, nodes]");
    }

    @Test
    void nodeSettingsAcceptTagsAndUserKeysOnly() {
        assertThat(NodeSettings.validate(java.util.Map.of("tags", " a   b ", "user:owner", "x")))
                .containsEntry("tags", "a b")
                .containsEntry("user:owner", "x");
        assertThatThrownBy(() -> NodeSettings.validate(java.util.Map.of("cpu", "2")))
                .hasMessageContaining("unknown key 'cpu'");
        assertThatThrownBy(() -> NodeSettings.validate(java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNodesSettingsTogetherStayFarBelowAZnode() {
        java.util.Map<String, String> settings = new java.util.TreeMap<>();
        for (int i = 0; i < 31; i++) {
            settings.put("user:k" + i, "v".repeat(1000));
        }
        assertThat(NodeSettings.requireWithinTotal(settings)).isSameAs(settings); // 31238 bytes
        settings.put("user:one-more", "v".repeat(1024));
        settings.put("user:two-more", "v".repeat(1024)); // 33312
        assertThatThrownBy(() -> NodeSettings.requireWithinTotal(settings))
                .hasMessageContaining("more than the " + NodeSettings.MAX_TOTAL_BYTES + " allowed in total");
    }
}
