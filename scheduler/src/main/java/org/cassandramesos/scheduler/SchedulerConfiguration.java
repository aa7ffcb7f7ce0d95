package org.cassandramesos.scheduler;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.constraints.NotNull;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.cassandramesos.scheduler.auth.DcosJwtPolicy;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.mesos.MesosSettings;

/**
 * The scheduler's YAML config ({@code scheduler.yml}); every value may come from an environment
 * variable ({@code ${NODES:-3}}), which is how Marathon and Universe configure it.
 */
public class SchedulerConfiguration extends Configuration {
    @NotNull
    private ServiceConfig service;

    /** Secret: held in memory only, never persisted, logged or returned. */
    private String authToken;

    @NotNull
    private String mesosMasterUrl = "http://leader.mesos:5050";

    @NotNull
    private URL dcosJwksUrl = url("https://leader.mesos/acs/api/v1/auth/jwks");

    private boolean dcosJwksAllowHttp;

    private String dcosJwksCaPath = "";

    private String dcosAllowedUids = "";

    private String dcosSuperuserUid = "";

    private String dcosJwtIssuer = "";

    /** Secret: the executors' node API token; held in memory only. */
    private String nodeApiToken;

    /**
     * Secret: the CQL superuser's password; held in memory only. Executors get it from the secret store
     * ({@code <service_name>/cql-password}); the scheduler holds it for handing it over itself.
     */
    private String cqlPassword;

    /** Secret: the framework principal's secret for HTTP Basic authentication to the master; held in memory only. */
    private String mesosSecret;

    /** Secret: a DC/OS service account's credential JSON (uid, private key, login endpoint); held in memory only. */
    private String dcosServiceAccountCredential;

    private org.cassandramesos.scheduler.frameworkauth.FrameworkAuthentication frameworkAuthentication;

    @NotNull
    private MesosSettings mesos = MesosSettings.defaults();

    private String backupLocation;

    /** Comma-separated locations callers may name besides {@link #backupLocation}. */
    private String backupAllowedLocations;

    /** Secrets: the configured backup location's keys; held in memory only. */
    private String backupAccessKeyId;

    private String backupSecretAccessKey;

    @NotNull
    private org.cassandramesos.scheduler.backup.BackupApiSettings backupApi =
            org.cassandramesos.scheduler.backup.BackupApiSettings.defaults();

    @NotNull
    private org.cassandramesos.scheduler.ops.OperationsSettings operations =
            org.cassandramesos.scheduler.ops.OperationsSettings.defaults();

    /** The largest request body of any API route but a backup file upload (KiB); more is a 413. */
    private long maxRequestBodyKb = 1024;

    /** {@code creator} (default) or {@code open}; see {@link org.cassandramesos.scheduler.state.ZooKeeperAccess}. */
    private String zookeeperAcl = org.cassandramesos.scheduler.state.ZooKeeperAccess.CREATOR;

    /** Secret: the ZooKeeper digest credential {@code user:password}; held in memory only. */
    private String zookeeperDigest;
    /** TLS settings (opt-in; secrets among them are held in memory only). */
    @NotNull
    private org.cassandramesos.scheduler.tls.TlsSettings tls = org.cassandramesos.scheduler.tls.TlsSettings.none();

    /** LOG_FORMAT: text, or json (one event per line) for the scheduler's log and its API request log. */
    @NotNull
    private org.cassandramesos.scheduler.config.LogFormat logFormat =
            org.cassandramesos.scheduler.config.LogFormat.TEXT;

    @NotNull
    private Duration zookeeperSessionTimeout = Duration.ofSeconds(10);

    @NotNull
    private Duration zookeeperConnectTimeout = Duration.ofSeconds(30);

    @JsonProperty("log_format")
    public org.cassandramesos.scheduler.config.LogFormat getLogFormat() {
        return logFormat;
    }

    @JsonProperty("log_format")
    public void setLogFormat(org.cassandramesos.scheduler.config.LogFormat value) {
        this.logFormat = value;
    }

    /** Dropwizard reads both after the config is bound: with LOG_FORMAT=json their appenders lay events out as JSON. */
    @Override
    @JsonProperty("logging")
    public synchronized io.dropwizard.logging.common.LoggingFactory getLoggingFactory() {
        io.dropwizard.logging.common.LoggingFactory logging = super.getLoggingFactory();
        if (logFormat == org.cassandramesos.scheduler.config.LogFormat.JSON) {
            org.cassandramesos.scheduler.logging.JsonLogs.apply(logging);
        }
        return logging;
    }

    @Override
    @JsonProperty("server")
    public io.dropwizard.core.server.ServerFactory getServerFactory() {
        io.dropwizard.core.server.ServerFactory server = super.getServerFactory();
        if (logFormat == org.cassandramesos.scheduler.config.LogFormat.JSON) {
            org.cassandramesos.scheduler.logging.JsonLogs.apply(server);
        }
        return server;
    }

    @JsonProperty("service")
    public ServiceConfig getService() {
        return service;
    }

    @JsonProperty("service")
    public void setService(ServiceConfig service) {
        this.service = service;
    }

    @JsonProperty("mesos_master_url")
    public String getMesosMasterUrl() {
        return mesosMasterUrl;
    }

    @JsonProperty("mesos_master_url")
    public void setMesosMasterUrl(String mesosMasterUrl) {
        this.mesosMasterUrl = mesosMasterUrl;
    }

    @JsonProperty("dcos_jwks_url")
    public URL getDcosJwksUrl() {
        return dcosJwksUrl;
    }

    @JsonProperty("dcos_jwks_url")
    public void setDcosJwksUrl(URL value) {
        this.dcosJwksUrl = value;
    }

    @JsonProperty("dcos_allowed_uids")
    public String getDcosAllowedUids() {
        return dcosAllowedUids;
    }

    @JsonProperty("dcos_allowed_uids")
    public void setDcosAllowedUids(String value) {
        this.dcosAllowedUids = value == null ? "" : value;
    }

    @JsonProperty("dcos_jwks_allow_http")
    public boolean isDcosJwksAllowHttp() {
        return dcosJwksAllowHttp;
    }

    @JsonProperty("dcos_jwks_allow_http")
    public void setDcosJwksAllowHttp(boolean value) {
        this.dcosJwksAllowHttp = value;
    }

    @JsonProperty("dcos_jwks_ca_path")
    public String getDcosJwksCaPath() {
        return dcosJwksCaPath;
    }

    @JsonProperty("dcos_jwks_ca_path")
    public void setDcosJwksCaPath(String value) {
        this.dcosJwksCaPath = value == null ? "" : value.strip();
    }

    /** The PEM bundle an https JWKS must chain to; empty: the JVM's trust store. */
    public Optional<Path> dcosJwksCaBundle() {
        return dcosJwksCaPath.isEmpty() ? Optional.empty() : Optional.of(Path.of(dcosJwksCaPath));
    }

    @JsonProperty("dcos_superuser_uid")
    public String getDcosSuperuserUid() {
        return dcosSuperuserUid;
    }

    @JsonProperty("dcos_superuser_uid")
    public void setDcosSuperuserUid(String value) {
        this.dcosSuperuserUid = value == null ? "" : value;
    }

    @JsonProperty("dcos_jwt_issuer")
    public String getDcosJwtIssuer() {
        return dcosJwtIssuer;
    }

    @JsonProperty("dcos_jwt_issuer")
    public void setDcosJwtIssuer(String value) {
        this.dcosJwtIssuer = value == null ? "" : value;
    }

    /** Whom a DC/OS token lets in: the allowed uids and the superuser; nobody when neither is set. */
    public DcosJwtPolicy dcosJwtPolicy() {
        return DcosJwtPolicy.of(dcosAllowedUids, dcosSuperuserUid, dcosJwtIssuer);
    }

    private static URL url(String value) {
        try {
            return URI.create(value).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Not a JSON getter on purpose: nothing may serialise the token. */
    public String authToken() {
        return authToken;
    }

    @JsonProperty("auth_token")
    public void setAuthToken(String authToken) {
        this.authToken = authToken;
    }

    /** Not a JSON getter on purpose: nothing may serialise the token. */
    public String nodeApiToken() {
        return nodeApiToken;
    }

    @JsonProperty("node_api_token")
    public void setNodeApiToken(String value) {
        this.nodeApiToken = value;
    }

    @JsonProperty("mesos_secret")
    public void setMesosSecret(String value) {
        this.mesosSecret = value;
    }

    @JsonProperty("dcos_service_account_credential")
    public void setDcosServiceAccountCredential(String value) {
        this.dcosServiceAccountCredential = value;
    }

    /**
     * How the scheduler authenticates to the master (MESOS_SECRET: Basic as the framework principal;
     * DCOS_SERVICE_ACCOUNT_CREDENTIAL: a DC/OS service-account login over https trusting DCOS_JWKS_CA_PATH; neither:
     * none). Built once; refuses contradictory settings. Not a JSON getter: it holds secrets.
     */
    public synchronized org.cassandramesos.scheduler.frameworkauth.FrameworkAuthentication frameworkAuthentication() {
        if (frameworkAuthentication == null) {
            frameworkAuthentication = org.cassandramesos.scheduler.frameworkauth.FrameworkAuthentication.fromSettings(
                    service.principal(), mesosSecret, dcosServiceAccountCredential, dcosJwksCaBundle());
        }
        return frameworkAuthentication;
    }

    /** Not a JSON getter on purpose: it holds secrets (the CA key, the keystore password). */
    public org.cassandramesos.scheduler.tls.TlsSettings tls() {
        return tls;
    }

    @JsonProperty("tls")
    public void setTls(org.cassandramesos.scheduler.tls.TlsSettings value) {
        this.tls = value == null ? org.cassandramesos.scheduler.tls.TlsSettings.none() : value;
    }

    public String cqlPassword() {
        return cqlPassword;
    }

    @JsonProperty("cql_password")
    public void setCqlPassword(String value) {
        this.cqlPassword = value;
    }

    @JsonProperty("operations")
    public org.cassandramesos.scheduler.ops.OperationsSettings getOperations() {
        return operations;
    }

    @JsonProperty("operations")
    public void setOperations(org.cassandramesos.scheduler.ops.OperationsSettings value) {
        this.operations = value;
    }

    /** The configured default backup location and its keys (never serialized: no getter property). */
    public org.cassandramesos.scheduler.backup.BackupDefaults backupDefaults() {
        return org.cassandramesos.scheduler.backup.BackupDefaults.of(
                backupLocation, backupAccessKeyId, backupSecretAccessKey, backupAllowedLocations);
    }

    @JsonProperty("backup_location")
    public void setBackupLocation(String value) {
        this.backupLocation = value;
    }

    @JsonProperty("backup_allowed_locations")
    public void setBackupAllowedLocations(String value) {
        this.backupAllowedLocations = value;
    }

    @JsonProperty("backup_s3_access_key_id")
    public void setBackupAccessKeyId(String value) {
        this.backupAccessKeyId = value;
    }

    @JsonProperty("backup_s3_secret_access_key")
    public void setBackupSecretAccessKey(String value) {
        this.backupSecretAccessKey = value;
    }

    @JsonProperty("backup_api")
    public org.cassandramesos.scheduler.backup.BackupApiSettings getBackupApi() {
        return backupApi;
    }

    @JsonProperty("backup_api")
    public void setBackupApi(org.cassandramesos.scheduler.backup.BackupApiSettings value) {
        this.backupApi = value == null ? org.cassandramesos.scheduler.backup.BackupApiSettings.defaults() : value;
    }

    @JsonProperty("max_request_body_kb")
    public long getMaxRequestBodyKb() {
        return maxRequestBodyKb;
    }

    @JsonProperty("max_request_body_kb")
    public void setMaxRequestBodyKb(long value) {
        if (value < 1) {
            throw new IllegalArgumentException("max_request_body_kb (MAX_REQUEST_BODY_KB) must be at least 1");
        }
        this.maxRequestBodyKb = value;
    }

    @JsonProperty("mesos")
    public MesosSettings getMesos() {
        return mesos;
    }

    @JsonProperty("mesos")
    public void setMesos(MesosSettings value) {
        this.mesos = value == null ? MesosSettings.defaults() : value;
    }

    /** How the scheduler authenticates to ZooKeeper and protects its state; refuses contradictory settings. */
    public org.cassandramesos.scheduler.state.ZooKeeperAccess zookeeperAccess() {
        return org.cassandramesos.scheduler.state.ZooKeeperAccess.fromSettings(zookeeperAcl, zookeeperDigest);
    }

    @JsonProperty("zookeeper_acl")
    public void setZookeeperAcl(String value) {
        this.zookeeperAcl = value;
    }

    @JsonProperty("zookeeper_digest")
    public void setZookeeperDigest(String value) {
        this.zookeeperDigest = value;
    }

    @JsonProperty("zookeeper_session_timeout")
    public Duration getZookeeperSessionTimeout() {
        return zookeeperSessionTimeout;
    }

    @JsonProperty("zookeeper_session_timeout")
    public void setZookeeperSessionTimeout(Duration value) {
        this.zookeeperSessionTimeout = value;
    }

    @JsonProperty("zookeeper_connect_timeout")
    public Duration getZookeeperConnectTimeout() {
        return zookeeperConnectTimeout;
    }

    @JsonProperty("zookeeper_connect_timeout")
    public void setZookeeperConnectTimeout(Duration value) {
        this.zookeeperConnectTimeout = value;
    }

    /** ZooKeeper root of the state ({@code ZOOKEEPER_ROOT}); empty: {@code /dcos-service-<service name>}. */
    private String zookeeperRoot = "";

    /** {@code SDK_UNINSTALL}: run the uninstall plan instead of deploying (Cosmos sets it on uninstall). */
    private boolean uninstall;

    @JsonProperty("zookeeper_root")
    public String getZookeeperRoot() {
        return zookeeperRoot;
    }

    @JsonProperty("zookeeper_root")
    public void setZookeeperRoot(String value) {
        this.zookeeperRoot = value == null ? "" : value;
    }

    @JsonProperty("uninstall")
    public boolean isUninstall() {
        return uninstall;
    }

    @JsonProperty("uninstall")
    public void setUninstall(boolean value) {
        this.uninstall = value;
    }
}
