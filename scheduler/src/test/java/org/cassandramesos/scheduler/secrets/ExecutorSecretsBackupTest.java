package org.cassandramesos.scheduler.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.cassandramesos.protocol.secrets.SecretBundle;
import org.cassandramesos.scheduler.backup.BackupDefaults;
import org.cassandramesos.scheduler.offer.AgentFacts;
import org.junit.jupiter.api.Test;

/** The configured backup location and its keys reach each executor with its secrets, so seed 000's restore can find backups. */
class ExecutorSecretsBackupTest {
    private static final AgentFacts AGENT = new AgentFacts("AG1", "h1", "10.0.0.1", Map.of());
    private static final ClusterSecrets CLUSTER =
            ClusterSecrets.fromEnvironment(Optional.of("node-api-token"), Optional.empty());

    @Test
    void theConfiguredLocationAndItsKeysAreInEveryExecutorsBundle() {
        BackupDefaults backups = BackupDefaults.of("http://127.0.0.1:9090/backups/prod", "AK", "SK");

        SecretBundle bundle = new ExecutorSecrets(CLUSTER, Optional.empty(), backups).forNode("node-0", AGENT);

        assertThat(bundle.get(SecretBundle.BACKUP_LOCATION)).contains("http://127.0.0.1:9090/backups/prod");
        assertThat(bundle.get(SecretBundle.BACKUP_ACCESS_KEY)).contains("AK");
        assertThat(bundle.get(SecretBundle.BACKUP_SECRET_KEY)).contains("SK");
        assertThat(bundle.clusterPart().asMap())
                .doesNotContainKeys(
                        SecretBundle.BACKUP_LOCATION,
                        SecretBundle.BACKUP_ACCESS_KEY,
                        SecretBundle.BACKUP_SECRET_KEY); // never kept on the volume
    }

    @Test
    void aLocationWithoutKeysTravelsAloneAndNoLocationMeansNothing() {
        SecretBundle keyless = new ExecutorSecrets(
                        CLUSTER, Optional.empty(), BackupDefaults.of("s3://bucket/prefix", null, null))
                .forNode("node-0", AGENT);
        SecretBundle none = new ExecutorSecrets(CLUSTER, Optional.empty()).forNode("node-0", AGENT);

        assertThat(keyless.get(SecretBundle.BACKUP_LOCATION)).contains("s3://bucket/prefix");
        assertThat(keyless.get(SecretBundle.BACKUP_ACCESS_KEY)).isEmpty();
        assertThat(none.asMap()).containsOnlyKeys(SecretBundle.NODE_API_TOKEN);
    }
}
