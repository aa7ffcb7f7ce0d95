package org.cassandramesos.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the scheduler's API is, which token to send it, and which certificates to trust; also where the package manager
 * serving {@code <cosmosUrl>/cosmos/service/update} is: the cluster's URL in DC/OS mode (Cosmos), with {@code --url}
 * CASSANDRA_MESOS_COSMOS_URL (local mode's stand-in for Cosmos and Marathon, printed in its banner), else none.
 */
public record SchedulerTarget(URI baseUrl, Optional<String> token, TlsTrust tls, Optional<URI> cosmosUrl) {

    /**
     * Local mode: {@code --url} with {@code --token} or CASSANDRA_MESOS_TOKEN. DC/OS mode: {@code <dcos_url>/service/<name>}
     * with the ACS token, from DCOS_URL/DCOS_ACS_TOKEN or else the DC/OS CLI config; {@code --token} overrides.
     */
    public static SchedulerTarget resolve(CliEnvironment environment, String serviceName, String url, String token) {
        return resolve(environment, serviceName, url, token, null);
    }

    /**
     * As above; {@code caCert} ({@code --ca-cert}, a PEM file) is the CA the scheduler's HTTPS certificate must chain
     * to, in either mode. With {@code --url} and no {@code --ca-cert}, CASSANDRA_MESOS_CA_CERT names it.
     */
    public static SchedulerTarget resolve(
            CliEnvironment environment, String serviceName, String url, String token, String caCert) {
        Optional<String> explicitToken = Optional.ofNullable(token).filter(t -> !t.isBlank());
        Optional<TlsTrust> explicitCa =
                Optional.ofNullable(caCert).filter(c -> !c.isBlank()).map(c -> new TlsTrust.CaFile(Path.of(c)));
        if (url != null && !url.isBlank()) {
            TlsTrust trust = explicitCa
                    .or(() -> environment
                            .get("CASSANDRA_MESOS_CA_CERT")
                            .filter(c -> !c.isBlank())
                            .map(c -> new TlsTrust.CaFile(Path.of(c))))
                    .orElseGet(() -> TlsTrust.resolve(environment, Optional.empty()));
            return new SchedulerTarget(
                    uri(url),
                    explicitToken.or(() -> environment.get("CASSANDRA_MESOS_TOKEN")),
                    trust,
                    environment
                            .get("CASSANDRA_MESOS_COSMOS_URL")
                            .filter(c -> !c.isBlank())
                            .map(SchedulerTarget::uri));
        }
        Optional<DcosCliConfig> config =
                environment.get("DCOS_URL").isPresent() ? Optional.empty() : DcosCliConfig.find(environment);
        String dcosUrl = environment
                .get("DCOS_URL")
                .or(() -> config.flatMap(DcosCliConfig::dcosUrl))
                .orElseThrow(
                        () -> new CliFailure(
                                ExitCode.NOT_CONFIGURED,
                                "no cluster configured: run `dcos cluster setup <url>`, set DCOS_URL, or pass --url=<scheduler URL>"));
        Optional<String> acsToken = explicitToken
                .or(() -> environment.get("DCOS_ACS_TOKEN"))
                .or(() -> config.flatMap(DcosCliConfig::acsToken));
        // a service in a group, /prod/cassandra, is proxied at /service/prod/cassandra
        String servicePath = serviceName.replaceAll("^/+|/+$", "");
        return new SchedulerTarget(
                uri(stripSlash(dcosUrl) + "/service/" + servicePath),
                acsToken,
                explicitCa.orElseGet(() -> TlsTrust.resolve(environment, config.flatMap(DcosCliConfig::sslVerify))),
                Optional.of(uri(dcosUrl)));
    }

    private static URI uri(String url) {
        try {
            URI uri = URI.create(stripSlash(url));
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "invalid URL '" + url + "': " + e.getMessage());
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
