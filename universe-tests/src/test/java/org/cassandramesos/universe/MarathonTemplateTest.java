package org.cassandramesos.universe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarathonTemplateTest {
    private static final JsonNode RESOURCE =
            UniverseFiles.json(UniverseFiles.universe().resolve("resource.json"));

    private static JsonNode renderWith(String userOptionsJson) throws Exception {
        JsonNode options =
                PackageOptions.effective(UniverseFiles.configSchema(), UniverseFiles.JSON.readTree(userOptionsJson));
        return MarathonAppRenderer.renderJson(UniverseFiles.template(), options, RESOURCE);
    }

    private static Set<String> envNames(JsonNode app) {
        Set<String> names = new HashSet<>();
        app.path("env").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void defaultsRenderEveryContractVariableExceptThePortsMarathonAssignsAndTheSecrets() throws Exception {
        JsonNode app = renderWith("{}");

        Set<String> expected = new HashSet<>(UniverseFiles.contractVariables());
        assertThat(expected).contains("SERVICE_NAME", "NODE_HEAP_MB", "DCOS_ALLOWED_UIDS", "PORT0", "ADMIN_PORT");
        // Marathon sets PORT0/PORT1 from portDefinitions; API_PORT/ADMIN_PORT are their local-mode aliases.
        // TLS material comes from the secret store (tls.enabled); the keystore file and NODE_TLS_CA are for setups
        // outside the package (local mode, marathon.json edited by hand).
        expected.removeAll(Set.of(
                "PORT0",
                "API_PORT",
                "PORT1",
                "ADMIN_PORT",
                "AUTH_TOKEN",
                "NODE_API_TOKEN",
                "BACKUP_S3_ACCESS_KEY_ID",
                "BACKUP_S3_SECRET_ACCESS_KEY",
                "API_TLS_KEYSTORE",
                "API_TLS_KEYSTORE_PASSWORD",
                "API_TLS_CERT",
                "API_TLS_KEY",
                "TLS_CA_CERT",
                "TLS_CA_KEY",
                "NODE_TLS_CA",
                "MESOS_SECRET",
                "DCOS_SERVICE_ACCOUNT_CREDENTIAL",
                // by default the scheduler generates the cluster secrets and ZooKeeper is open: nothing from a secret
                // store
                "CQL_SUPERUSER_PASSWORD",
                "ZOOKEEPER_DIGEST",
                // Cosmos adds SDK_UNINSTALL itself when it uninstalls (DCOS_COMMONS_UNINSTALL label)
                "SDK_UNINSTALL"));
        assertThat(envNames(app)).isEqualTo(expected);
    }

    @Test
    void defaultsGiveTheDocumentedValues() throws Exception {
        JsonNode env = renderWith("{}").path("env");

        assertThat(env.path("SERVICE_NAME").asText()).isEqualTo("cassandra");
        assertThat(env.path("FRAMEWORK_USER").asText()).isEqualTo("nobody");
        assertThat(env.path("FRAMEWORK_ROLE").asText()).isEqualTo("cassandra-role");
        assertThat(env.path("FRAMEWORK_PRINCIPAL").asText()).isEqualTo("cassandra-principal");
        assertThat(env.path("FAILOVER_TIMEOUT_S").asText()).isEqualTo("1209600");
        assertThat(env.path("MESOS_MASTER_URL").asText()).isEqualTo("http://leader.mesos:5050");
        assertThat(env.path("ZOOKEEPER").asText()).isEqualTo("master.mesos:2181");
        assertThat(env.path("NODES").asText()).isEqualTo("3");
        assertThat(env.path("SEEDS").asText()).isEqualTo("2");
        assertThat(env.path("NODE_CPUS").asText()).isEqualTo("1.0");
        assertThat(env.path("NODE_MEM_MB").asText()).isEqualTo("4096");
        assertThat(env.path("NODE_DISK_MB").asText()).isEqualTo("10240");
        assertThat(env.path("NODE_HEAP_MB").asText()).isEqualTo("2048");
        assertThat(env.path("PLACEMENT_CONSTRAINT").asText()).isEqualTo("hostname:UNIQUE");
        assertThat(env.path("RACK_ATTRIBUTE").asText()).isEmpty();
        assertThat(env.path("DATACENTER").asText()).isEqualTo("datacenter1");
        assertThat(env.path("CLUSTER_NAME").asText()).isEqualTo("cassandra");
        assertThat(env.path("NUM_TOKENS").asText()).isEqualTo("16");
        assertThat(env.path("NATIVE_PORT").asText()).isEqualTo("9042");
        assertThat(env.path("STORAGE_PORT").asText()).isEqualTo("7000");
        assertThat(env.path("JMX_PORT").asText()).isEqualTo("7199");
        assertThat(env.path("NODE_API_PORT").asText()).isEqualTo("9001");
        assertThat(env.path("METRICS_PORT").asText()).isEqualTo("7070");
        assertThat(env.path("EXECUTOR_CPUS").asText()).isEqualTo("0.1");
        assertThat(env.path("EXECUTOR_MEM_MB").asText()).isEqualTo("256");
        assertThat(env.path("FAST_START").asText()).isEqualTo("false");
        assertThat(env.path("CQL_AUTHENTICATION").asText()).isEqualTo("true");
        assertThat(env.path("CQL_SUPERUSER").asText()).isEqualTo("cassandra_mesos_admin");
        assertThat(env.path("AGENT_GONE_GRACE_S").asText()).isEqualTo("600");
        assertThat(env.path("LAUNCH_TIMEOUT_S").asText()).isEqualTo("600");
        assertThat(env.path("RETRY_MAX_ATTEMPTS").asText()).isEqualTo("5");
        assertThat(env.path("AUTH_MODE").asText()).isEqualTo("dcos-jwt");
        assertThat(env.path("DCOS_JWKS_URL").asText()).isEqualTo("https://leader.mesos/acs/api/v1/auth/jwks");
        assertThat(env.path("DCOS_JWKS_ALLOW_HTTP").asText()).isEqualTo("false");
        assertThat(env.path("DCOS_JWKS_CA_PATH").asText()).isEmpty();
        assertThat(env.path("DCOS_ALLOWED_UIDS").asText()).isEmpty();
        assertThat(env.path("DCOS_SUPERUSER_UID").asText()).isEmpty();
        assertThat(env.path("DCOS_JWT_ISSUER").asText()).isEmpty();
        assertThat(env.path("ADMIN_BIND_HOST").asText()).isEqualTo("127.0.0.1");
        assertThat(env.path("BACKUP_LOCATION").asText()).isEmpty();
        assertThat(env.path("ZOOKEEPER_ACL").asText()).isEqualTo("open");
        assertThat(env.path("ZOOKEEPER_SESSION_TIMEOUT_S").asText()).isEqualTo("10");
        assertThat(env.path("CLUSTER_SECRETS").asText()).isEqualTo("generated");
        assertThat(env.path("SECRETS_DELIVERY").asText()).isEqualTo("message");
        assertThat(env.path("LOG_FORMAT").asText()).isEqualTo("text");
        assertThat(env.path("NODE_TLS_CERT_DAYS").asText()).isEqualTo("365");
        // every env value is a string, as Marathon requires, or a reference to one of the app's secrets
        env.fields()
                .forEachRemaining(e -> assertThat(e.getValue().isTextual()
                                || e.getValue().path("secret").isTextual())
                        .as(e.getKey())
                        .isTrue());
    }

    @Test
    void artifactsComeFromResourceJson() throws Exception {
        JsonNode app = renderWith("{}");
        JsonNode uris = RESOURCE.path("assets").path("uris");

        assertThat(app.path("env").path("EXECUTOR_URI").asText())
                .isEqualTo(uris.path("executor-tar-gz").asText());
        assertThat(app.path("env").path("CASSANDRA_URI").asText())
                .isEqualTo(uris.path("cassandra-dist-tar-gz").asText());
        assertThat(app.path("env").path("JAVA_RUNTIME_URI").asText())
                .isEqualTo(uris.path("java-runtime-tar-gz").asText());
        // the scheduler's launcher runs on the fetched runtime: an agent has no Java 17 to offer
        assertThat(app.path("fetch")).hasSize(2);
        assertThat(app.path("fetch").get(0).path("uri").asText())
                .isEqualTo(uris.path("scheduler-tar-gz").asText());
        assertThat(app.path("fetch").get(1).path("uri").asText())
                .isEqualTo(uris.path("java-runtime-tar-gz").asText());
        assertThat(app.path("fetch"))
                .allSatisfy(
                        fetch -> assertThat(fetch.path("extract").asBoolean()).isTrue());
        assertThat(app.path("cmd").asText()).startsWith("exec ./cassandra-scheduler/bin/cassandra-scheduler server");
    }

    @Test
    void theAppIsOneSchedulerWithApiAndAdminPortsAndItsChecks() throws Exception {
        JsonNode app = renderWith("{}");

        assertThat(app.path("id").asText()).isEqualTo("/cassandra");
        assertThat(app.path("instances").asInt()).isEqualTo(1);
        assertThat(app.path("cpus").asDouble()).isEqualTo(1.0);
        assertThat(app.path("mem").asInt()).isEqualTo(2048);
        assertThat(app.path("user").asText()).isEqualTo("nobody");
        List<String> portNames = new ArrayList<>();
        app.path("portDefinitions").forEach(p -> portNames.add(p.path("name").asText()));
        assertThat(portNames).containsExactly("api", "admin");

        JsonNode health = app.path("healthChecks").get(0);
        assertThat(health.path("path").asText()).isEqualTo("/healthcheck");
        assertThat(health.path("portIndex").asInt()).isEqualTo(1);
        assertThat(health.path("protocol").asText())
                .as("run by Mesos on the agent, against 127.0.0.1")
                .isEqualTo("MESOS_HTTP");
        // Marathon probes readiness from its own host: the admin port listens on loopback, so /ready is on the API port
        JsonNode readiness = app.path("readinessChecks").get(0);
        assertThat(readiness.path("path").asText()).isEqualTo("/ready");
        assertThat(readiness.path("portName").asText()).isEqualTo("api");
        assertThat(readiness.path("httpStatusCodesForReady").get(0).asInt()).isEqualTo(200);

        assertThat(app.path("upgradeStrategy").path("minimumHealthCapacity").asInt())
                .isZero();
        assertThat(app.path("upgradeStrategy").path("maximumOverCapacity").asInt())
                .isZero();
    }

    @Test
    void labelsLetAdminRouterProxyTheApiAtServiceName() throws Exception {
        JsonNode labels = renderWith("{\"service\":{\"name\":\"cass-prod\"}}").path("labels");

        assertThat(labels.path("DCOS_PACKAGE_FRAMEWORK_NAME").asText()).isEqualTo("cass-prod");
        assertThat(labels.path("DCOS_SERVICE_NAME").asText()).isEqualTo("cass-prod");
        assertThat(labels.path("DCOS_SERVICE_PORT_INDEX").asText()).isEqualTo("0");
        assertThat(labels.path("DCOS_SERVICE_SCHEME").asText()).isEqualTo("http");
        assertThat(labels.path("DCOS_MIGRATION_API_PATH").asText()).isEqualTo("/v1/plan");
        assertThat(labels.path("DCOS_MIGRATION_API_VERSION").asText()).isEqualTo("v1");
    }

    @Test
    void userOptionsOverrideDefaultsInTheApp() throws Exception {
        JsonNode app = renderWith("""
        {"service": {"name": "cass-prod", "cpus": 2, "dcos_allowed_uids": "ops,bootstrapuser"},
         "nodes": {"count": 5, "heap": 8192, "mem": 16384, "placement_constraint": "hostname:UNIQUE,zone:GROUP_BY:3"}}
        """);

        assertThat(app.path("id").asText()).isEqualTo("/cass-prod");
        assertThat(app.path("cpus").asDouble()).isEqualTo(2.0);
        assertThat(app.path("env").path("SERVICE_NAME").asText()).isEqualTo("cass-prod");
        assertThat(app.path("env").path("NODES").asText()).isEqualTo("5");
        assertThat(app.path("env").path("NODE_HEAP_MB").asText()).isEqualTo("8192");
        assertThat(app.path("env").path("PLACEMENT_CONSTRAINT").asText()).isEqualTo("hostname:UNIQUE,zone:GROUP_BY:3");
        assertThat(app.path("env").path("DCOS_ALLOWED_UIDS").asText()).isEqualTo("ops,bootstrapuser");
        assertThat(app.path("env").path("SEEDS").asText())
                .as("untouched default")
                .isEqualTo("2");
    }

    @Test
    void dcosJwtAndAdminHardeningOptionsReachTheScheduler() throws Exception {
        JsonNode env = renderWith("""
        {"service": {"dcos_superuser_uid": "bootstrapuser", "dcos_jwt_issuer": "dcos-iam",
                     "dcos_jwks_url": "http://leader.mesos/acs/api/v1/auth/jwks", "dcos_jwks_allow_http": true,
                     "dcos_jwks_ca_path": ".ssl/ca-bundle.crt", "admin_bind_host": "0.0.0.0"}}
        """).path("env");

        assertThat(env.path("DCOS_SUPERUSER_UID").asText()).isEqualTo("bootstrapuser");
        assertThat(env.path("DCOS_JWT_ISSUER").asText()).isEqualTo("dcos-iam");
        assertThat(env.path("DCOS_JWKS_URL").asText()).isEqualTo("http://leader.mesos/acs/api/v1/auth/jwks");
        assertThat(env.path("DCOS_JWKS_ALLOW_HTTP").asText()).isEqualTo("true");
        assertThat(env.path("DCOS_JWKS_CA_PATH").asText()).isEqualTo(".ssl/ca-bundle.crt");
        assertThat(env.path("ADMIN_BIND_HOST").asText()).isEqualTo("0.0.0.0");
    }

    @Test
    void aStaticTokenComesFromTheSecretStoreAndNeverFromTheOptions() throws Exception {
        JsonNode withoutSecret = renderWith("{}");
        assertThat(withoutSecret.path("secrets").has("auth_token")).isFalse();
        assertThat(withoutSecret.path("env").has("AUTH_TOKEN")).isFalse();

        JsonNode app =
                renderWith("{\"service\":{\"auth_mode\":\"token\",\"auth_token_secret\":\"cassandra/api-token\"}}");
        assertThat(app.path("secrets").path("auth_token").path("source").asText())
                .isEqualTo("cassandra/api-token");
        assertThat(app.path("env").path("AUTH_TOKEN").path("secret").asText()).isEqualTo("auth_token");
        assertThat(app.path("env").path("AUTH_MODE").asText()).isEqualTo("token");
    }

    /** Open DC/OS and stock Mesos have no secret store: the default app must not reference one. */
    @Test
    void theDefaultAppNeedsNoSecretStoreTheSchedulerGeneratesTheClusterSecretsAndZooKeeperIsOpen() throws Exception {
        JsonNode app = renderWith("{}");

        assertThat(app.has("secrets")).isFalse();
        List<String> references = new ArrayList<>();
        collectSecretReferences("", app, references);
        assertThat(references).as("{\"secret\": ...} values in the default app").isEmpty();
        JsonNode env = app.path("env");
        assertThat(env.path("CLUSTER_SECRETS").asText()).isEqualTo("generated");
        assertThat(env.path("ZOOKEEPER_ACL").asText()).isEqualTo("open");
        assertThat(env.has("NODE_API_TOKEN")).isFalse();
        assertThat(env.has("CQL_SUPERUSER_PASSWORD")).isFalse();
        assertThat(env.has("ZOOKEEPER_DIGEST")).isFalse();
        assertThat(env.path("CQL_AUTHENTICATION").asText())
                .as("CQL logins stay on: the password is generated")
                .isEqualTo("true");
    }

    private static void collectSecretReferences(String path, JsonNode node, List<String> found) {
        if (node.isObject()) {
            if (node.has("secret")) {
                found.add(path);
            }
            node.fields()
                    .forEachRemaining(
                            field -> collectSecretReferences(path + "/" + field.getKey(), field.getValue(), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectSecretReferences(path + "/" + i, node.get(i), found);
            }
        }
    }

    @Test
    void clusterSecretsInTheSecretStoreReferenceTheNodeApiTokenAndWithCqlLoginsTheCqlPassword() throws Exception {
        JsonNode app = renderWith("{\"service\":{\"name\":\"cass\",\"cluster_secrets_in_secret_store\":true}}");
        assertThat(app.path("secrets").path("node_api_token").path("source").asText())
                .isEqualTo("cass/node-api-token");
        assertThat(app.path("secrets").path("cql_password").path("source").asText())
                .isEqualTo("cass/cql-password");
        assertThat(app.path("env").path("NODE_API_TOKEN").path("secret").asText())
                .isEqualTo("node_api_token");
        assertThat(app.path("env").path("CQL_SUPERUSER_PASSWORD").path("secret").asText())
                .isEqualTo("cql_password");
        assertThat(app.path("env").path("CLUSTER_SECRETS").asText()).isEqualTo("environment");

        JsonNode noLogins = renderWith("{\"service\":{\"name\":\"cass\",\"cluster_secrets_in_secret_store\":true},"
                + "\"cassandra\":{\"cql_authentication\":false}}");
        assertThat(noLogins.path("secrets")
                        .path("node_api_token")
                        .path("source")
                        .asText())
                .isEqualTo("cass/node-api-token");
        assertThat(noLogins.path("secrets").has("cql_password")).isFalse();
        assertThat(noLogins.path("env").has("CQL_SUPERUSER_PASSWORD")).isFalse();
        assertThat(noLogins.path("env").path("CLUSTER_SECRETS").asText()).isEqualTo("environment");
    }

    /**
     * Options stored by an installation from before cluster_secrets_in_secret_store mean the same (they still validate:
     * options/valid/deprecated-node-api-token-option.json).
     */
    @Test
    void theDeprecatedNodeApiTokenOptionRendersTheSameAppAsClusterSecretsInTheSecretStore() throws Exception {
        for (String others : List.of(
                "", ",\"zookeeper_open_acl\":false", ",\"auth_mode\":\"token\",\"auth_token_secret\":\"c/t\"")) {
            JsonNode deprecated = renderWith("{\"service\":{\"node_api_token_in_secret_store\":true" + others + "}}");
            JsonNode current = renderWith("{\"service\":{\"cluster_secrets_in_secret_store\":true" + others + "}}");
            JsonNode bothOn = renderWith("{\"service\":{\"cluster_secrets_in_secret_store\":true,"
                    + "\"node_api_token_in_secret_store\":true" + others + "}}");

            assertThat(deprecated).as(others).isEqualTo(current);
            assertThat(bothOn).as(others).isEqualTo(current);
        }
    }

    @Test
    void theNodeApiTokenAndAStaticApiTokenCanBothComeFromTheSecretStore() throws Exception {
        JsonNode both = renderWith("{\"service\":{\"name\":\"cass\",\"cluster_secrets_in_secret_store\":true,"
                + "\"auth_mode\":\"token\",\"auth_token_secret\":\"cass/api-token\"}}");
        assertThat(both.path("secrets").path("node_api_token").path("source").asText())
                .isEqualTo("cass/node-api-token");
        assertThat(both.path("secrets").path("auth_token").path("source").asText())
                .isEqualTo("cass/api-token");
    }

    @Test
    void executorsGetTheirSecretsByMessageUnlessTheSecretStoreIsChosen() throws Exception {
        assertThat(renderWith("{}").path("env").path("SECRETS_DELIVERY").asText())
                .isEqualTo("message");
        JsonNode enterprise = renderWith(
                "{\"service\":{\"cluster_secrets_in_secret_store\":true," + "\"secrets_delivery\":\"secret-store\"}}");
        assertThat(enterprise.path("env").path("SECRETS_DELIVERY").asText()).isEqualTo("secret-store");
    }

    @Test
    void logsAreTextUnlessJsonIsChosen() throws Exception {
        assertThat(renderWith("{}").path("env").path("LOG_FORMAT").asText()).isEqualTo("text");
        assertThat(renderWith("{\"service\":{\"log_format\":\"json\"}}")
                        .path("env")
                        .path("LOG_FORMAT")
                        .asText())
                .isEqualTo("json");
    }

    @Test
    void theBackupLocationIsAnOptionAndItsKeysComeFromTheSecretStore() throws Exception {
        JsonNode plain = renderWith("{\"backups\":{\"location\":\"s3://bucket/cluster-a\"}}");
        assertThat(plain.path("env").path("BACKUP_LOCATION").asText()).isEqualTo("s3://bucket/cluster-a");
        assertThat(plain.path("secrets").has("backup_s3_access_key_id"))
                .as("default AWS credentials chain")
                .isFalse();
        assertThat(plain.path("env").has("BACKUP_S3_ACCESS_KEY_ID")).isFalse();

        for (String others : List.of(
                "",
                ",\"cluster_secrets_in_secret_store\":true",
                ",\"auth_mode\":\"token\",\"auth_token_secret\":\"cass/api-token\"",
                ",\"cluster_secrets_in_secret_store\":true,\"auth_mode\":\"token\",\"auth_token_secret\":\"cass/api-token\"")) {
            JsonNode app = renderWith("{\"service\":{\"name\":\"cass\"" + others + "},"
                    + "\"backups\":{\"location\":\"s3://bucket/p\",\"s3_keys_in_secret_store\":true}}");
            JsonNode secrets = app.path("secrets");
            assertThat(secrets.path("backup_s3_access_key_id").path("source").asText())
                    .as(others)
                    .isEqualTo("cass/backup-s3-access-key-id");
            assertThat(secrets.path("backup_s3_secret_access_key")
                            .path("source")
                            .asText())
                    .isEqualTo("cass/backup-s3-secret-access-key");
            assertThat(app.path("env")
                            .path("BACKUP_S3_ACCESS_KEY_ID")
                            .path("secret")
                            .asText())
                    .isEqualTo("backup_s3_access_key_id");
            assertThat(app.path("env")
                            .path("BACKUP_S3_SECRET_ACCESS_KEY")
                            .path("secret")
                            .asText())
                    .isEqualTo("backup_s3_secret_access_key");
            assertThat(secrets.has("node_api_token")).isEqualTo(others.contains("cluster_secrets"));
            assertThat(secrets.has("auth_token")).isEqualTo(others.contains("auth_token_secret"));
        }
    }

    @Test
    void theZooKeeperDigestComesFromTheSecretStoreWhenOpenAclsAreTurnedOff() throws Exception {
        JsonNode locked = renderWith("{\"service\":{\"name\":\"cass\",\"zookeeper_open_acl\":false}}");
        assertThat(locked.path("secrets")
                        .path("zookeeper_digest")
                        .path("source")
                        .asText())
                .isEqualTo("cass/zookeeper-digest");
        assertThat(locked.path("env").path("ZOOKEEPER_DIGEST").path("secret").asText())
                .isEqualTo("zookeeper_digest");
        assertThat(locked.path("env").path("ZOOKEEPER_ACL").asText()).isEqualTo("creator");

        JsonNode open = renderWith("{\"service\":{\"name\":\"cass\",\"zookeeper_open_acl\":true},"
                + "\"cassandra\":{\"cql_authentication\":false}}");
        assertThat(open.has("secrets")).isFalse();
        assertThat(open.path("env").has("ZOOKEEPER_DIGEST")).isFalse();
        assertThat(open.path("env").path("ZOOKEEPER_ACL").asText()).isEqualTo("open");
    }

    /** The secrets object is assembled by hand-written commas: every combination must be valid and complete. */
    @Test
    void everyCombinationOfSecretsRendersExactlyThoseSecrets() throws Exception {
        for (int combination = 0; combination < 512; combination++) {
            boolean open = (combination & 1) != 0;
            boolean token = (combination & 2) != 0;
            boolean nodeApi = (combination & 4) != 0;
            boolean s3 = (combination & 8) != 0;
            boolean tls = (combination & 16) != 0;
            boolean cql = (combination & 32) != 0;
            boolean account = (combination & 64) != 0;
            boolean basic = (combination & 128) != 0;
            boolean deprecatedNodeApi = (combination & 256) != 0;
            boolean clusterStore = nodeApi || deprecatedNodeApi;
            JsonNode app = renderWith("{\"service\":{\"name\":\"cass\",\"zookeeper_open_acl\":" + open
                    + (token ? ",\"auth_mode\":\"token\",\"auth_token_secret\":\"cass/api-token\"" : "")
                    + (account ? ",\"service_account\":\"cass-sa\",\"service_account_secret\":\"cass/sa\"" : "")
                    + (basic ? ",\"principal_secret\":\"cass/framework-secret\"" : "")
                    + ",\"cluster_secrets_in_secret_store\":" + nodeApi
                    + ",\"node_api_token_in_secret_store\":" + deprecatedNodeApi + "},"
                    + "\"backups\":{\"location\":\"s3://bucket/p\",\"s3_keys_in_secret_store\":" + s3 + "},"
                    + "\"tls\":{\"enabled\":" + tls + "},"
                    + "\"cassandra\":{\"cql_authentication\":" + cql + "}}");

            Set<String> expected = new HashSet<>();
            if (cql && clusterStore) expected.add("cql_password");
            if (!open) expected.add("zookeeper_digest");
            if (token) expected.add("auth_token");
            if (clusterStore) expected.add("node_api_token");
            if (s3) expected.addAll(List.of("backup_s3_access_key_id", "backup_s3_secret_access_key"));
            if (tls) expected.addAll(List.of("tls_ca_cert", "tls_ca_key", "api_tls_cert", "api_tls_key"));
            if (account) expected.add("service_account_credential");
            if (basic) expected.add("mesos_secret");
            Set<String> secrets = new HashSet<>();
            app.path("secrets").fieldNames().forEachRemaining(secrets::add);
            assertThat(secrets).as("combination %d", combination).isEqualTo(expected);
            assertThat(app.has("secrets")).as("combination %d", combination).isEqualTo(!expected.isEmpty());
            Set<String> referenced = new HashSet<>();
            app.path("env").forEach(value -> {
                if (value.has("secret")) referenced.add(value.path("secret").asText());
            });
            assertThat(referenced).as("combination %d", combination).isEqualTo(expected);
            assertThat(app.path("env").path("CLUSTER_SECRETS").asText())
                    .as("combination %d", combination)
                    .isEqualTo(clusterStore ? "environment" : "generated");
        }
    }

    @Test
    void frameworkCredentialsComeFromTheSecretStoreAndAServiceAccountIsThePrincipal() throws Exception {
        JsonNode none = renderWith("{}");
        assertThat(none.path("env").has("MESOS_SECRET")).isFalse();
        assertThat(none.path("env").has("DCOS_SERVICE_ACCOUNT_CREDENTIAL")).isFalse();

        JsonNode account = renderWith("{\"service\":{\"service_account\":\"cassandra-sa\","
                + "\"service_account_secret\":\"cassandra/sa-credential\"}}");
        assertThat(account.path("secrets")
                        .path("service_account_credential")
                        .path("source")
                        .asText())
                .isEqualTo("cassandra/sa-credential");
        assertThat(account.path("env")
                        .path("DCOS_SERVICE_ACCOUNT_CREDENTIAL")
                        .path("secret")
                        .asText())
                .isEqualTo("service_account_credential");
        assertThat(account.path("env").path("FRAMEWORK_PRINCIPAL").asText()).isEqualTo("cassandra-sa");

        JsonNode basic =
                renderWith("{\"service\":{\"principal\":\"cass-p\",\"principal_secret\":\"cass/framework-secret\"}}");
        assertThat(basic.path("secrets").path("mesos_secret").path("source").asText())
                .isEqualTo("cass/framework-secret");
        assertThat(basic.path("env").path("MESOS_SECRET").path("secret").asText())
                .isEqualTo("mesos_secret");
        assertThat(basic.path("env").path("FRAMEWORK_PRINCIPAL").asText()).isEqualTo("cass-p");
    }

    @Test
    void tlsTakesTheCaAndTheApiKeyFromTheSecretStoreAndTheApiIsProxiedAsHttps() throws Exception {
        JsonNode plain = renderWith("{}");
        assertThat(plain.path("env").has("TLS_CA_KEY")).isFalse();
        assertThat(plain.path("labels").path("DCOS_SERVICE_SCHEME").asText()).isEqualTo("http");

        for (String others :
                List.of("", "\"auth_token_secret\": \"cass/api-token\", \"cluster_secrets_in_secret_store\": true")) {
            String service = "\"service\": {\"name\": \"cass\"" + (others.isEmpty() ? "" : ", " + others) + "}";
            JsonNode app = renderWith("{" + service + ", \"tls\": {\"enabled\": true, \"node_cert_days\": 30}, "
                    + "\"backups\": {\"s3_keys_in_secret_store\": true}}");
            JsonNode secrets = app.path("secrets");
            JsonNode env = app.path("env");
            for (String[] pair : new String[][] {
                {"TLS_CA_CERT", "tls_ca_cert", "cass/tls-ca-cert"},
                {"TLS_CA_KEY", "tls_ca_key", "cass/tls-ca-key"},
                {"API_TLS_CERT", "api_tls_cert", "cass/api-tls-cert"},
                {"API_TLS_KEY", "api_tls_key", "cass/api-tls-key"}
            }) {
                assertThat(env.path(pair[0]).path("secret").asText()).as(others).isEqualTo(pair[1]);
                assertThat(secrets.path(pair[1]).path("source").asText()).isEqualTo(pair[2]);
            }
            assertThat(secrets.has("backup_s3_access_key_id")).isTrue();
            assertThat(secrets.has("auth_token")).isEqualTo(!others.isEmpty());
            assertThat(env.path("NODE_TLS_CERT_DAYS").asText()).isEqualTo("30");
            assertThat(app.path("labels").path("DCOS_SERVICE_SCHEME").asText()).isEqualTo("https");
        }
        JsonNode alone = renderWith("{\"tls\": {\"enabled\": true}}");
        assertThat(alone.path("secrets").path("tls_ca_key").path("source").asText())
                .isEqualTo("cassandra/tls-ca-key");
    }

    @Test
    void noOptionCarriesASecretDefault() {
        JsonNode defaults = PackageOptions.defaults(UniverseFiles.configSchema());
        List<String> secretish = new ArrayList<>();
        collectSecretLooking("", defaults, secretish);
        assertThat(secretish)
                .as("options whose names suggest a secret must default to empty")
                .isEmpty();
    }

    private static void collectSecretLooking(String path, JsonNode node, List<String> found) {
        node.fields().forEachRemaining(field -> {
            String name = path + field.getKey();
            if (field.getValue().isObject()) {
                collectSecretLooking(name + ".", field.getValue(), found);
            } else if (name.matches(".*(secret|password|key|token)$")
                    && !field.getValue().asText().isEmpty()) {
                found.add(name);
            }
        });
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "empty.json",
                "five-nodes-racks.json",
                "token-mode-dynamic-ports.json",
                "dcos-strict-service-account.json",
                "dcos-enterprise-secret-store.json"
            })
    void everyValidExampleRendersAnAppWhoseEnvCarriesItsOptions(String file) {
        JsonNode user = UniverseFiles.json(java.nio.file.Path.of("src/test/resources/options/valid", file));
        JsonNode options = PackageOptions.effective(UniverseFiles.configSchema(), user);

        JsonNode app = MarathonAppRenderer.renderJson(UniverseFiles.template(), options, RESOURCE);

        JsonNode env = app.path("env");
        assertThat(app.path("id").asText())
                .isEqualTo("/" + options.at("/service/name").asText());
        assertThat(env.path("NODES").asText())
                .isEqualTo(options.at("/nodes/count").asText());
        assertThat(env.path("NODE_HEAP_MB").asText())
                .isEqualTo(options.at("/nodes/heap").asText());
        assertThat(env.path("PLACEMENT_CONSTRAINT").asText())
                .isEqualTo(options.at("/nodes/placement_constraint").asText());
        assertThat(env.path("RACK_ATTRIBUTE").asText())
                .isEqualTo(options.at("/nodes/rack_attribute").asText());
        assertThat(env.path("NATIVE_PORT").asText())
                .isEqualTo(options.at("/cassandra/native_port").asText());
        assertThat(env.path("EXECUTOR_MEM_MB").asText())
                .isEqualTo(options.at("/executor/mem").asText());
        assertThat(env.path("AUTH_MODE").asText())
                .isEqualTo(options.at("/service/auth_mode").asText());
    }

    @Test
    void aMissingVariableFailsTheRenderInsteadOfRenderingEmpty() {
        ObjectNode options = PackageOptions.defaults(UniverseFiles.configSchema());
        ((ObjectNode) options.get("nodes")).remove("heap");

        assertThatThrownBy(() -> MarathonAppRenderer.render(UniverseFiles.template(), options, RESOURCE))
                .hasMessageContaining("nodes.heap");
    }

    @Test
    void optionValuesAreEscapedAsJsonLikeCosmosDoesSoQuotesBackslashesNewlinesAndHtmlCharactersArriveExactly()
            throws Exception {
        String nasty = "a \"quoted\" \\back\\slash\nnew line <tag> & done";
        ObjectNode user = UniverseFiles.JSON.createObjectNode();
        user.putObject("cassandra").put("cluster_name", nasty);
        user.putObject("nodes").put("rack_attribute", "<>&\"'\\");

        JsonNode app = renderWith(user.toString());

        assertThat(app.path("env").path("CLUSTER_NAME").asText()).isEqualTo(nasty);
        assertThat(app.path("env").path("RACK_ATTRIBUTE").asText()).isEqualTo("<>&\"'\\");
    }
}
