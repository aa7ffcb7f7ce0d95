package org.cassandramesos.backup;

import java.time.Duration;
import java.util.Optional;
import org.cassandramesos.protocol.jobs.BackupTarget.StaticKeys;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/**
 * The one way this project builds an S3 client for a {@link BackupLocation}: async, multipart, path-style for
 * S3-compatible endpoints, credentials from the request, else the default AWS chain (environment, profile, instance
 * role) where the target allows it (the operator's own location), else none: unsigned requests, so the process's own
 * credentials never go to a location a caller chose. The caller closes the client.
 */
public final class S3Clients {
    /** Region when {@code AWS_REGION} is not set; S3-compatible stores ignore it. */
    public static final Region DEFAULT_REGION = Region.US_EAST_1;

    /** Attempts of one request (an upload part, a HEAD, ...) before it fails: the first and four retries. */
    public static final int MAX_ATTEMPTS = 5;
    /** Objects from this size on go multipart (the SDK's default, stated here because uploads rely on it). */
    public static final long MULTIPART_THRESHOLD_BYTES = 8L * 1024 * 1024;
    /** Backoff before retry n: random up to min(base × 2^n, max), so retries ride out a blip of about 10 s. */
    static final Duration BACKOFF_BASE = Duration.ofMillis(500);

    static final Duration BACKOFF_MAX = Duration.ofSeconds(8);
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private S3Clients() {}

    /**
     * The SDK's standard strategy (retries connection failures, 5xx, throttling), with a fixed number of attempts
     * and exponential backoff with jitter, so a store that is gone makes a request fail within seconds (refused
     * connections) or {@code MAX_ATTEMPTS × CONNECTION_TIMEOUT} (a host that does not answer), never retry forever.
     */
    static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(BACKOFF_BASE, BACKOFF_MAX))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), BACKOFF_MAX))
                // a long outage would otherwise empty the client's retry token bucket and fail without retrying
                .circuitBreakerEnabled(false)
                .build();
    }

    /** A client for the operator's own location (configured, not a caller's): the default chain when no keys. */
    public static S3AsyncClient create(BackupLocation location, Optional<StaticKeys> keys, int maxConcurrency) {
        return create(location, keys, true, maxConcurrency);
    }

    /** @param defaultCredentials whether to sign with the default AWS chain when there are no keys (else unsigned) */
    public static S3AsyncClient create(
            BackupLocation location, Optional<StaticKeys> keys, boolean defaultCredentials, int maxConcurrency) {
        AwsCredentialsProvider credentials = keys.<AwsCredentialsProvider>map(
                        k -> StaticCredentialsProvider.create(AwsBasicCredentials.create(k.accessKey(), k.secretKey())))
                .orElseGet(() -> defaultCredentials
                        ? DefaultCredentialsProvider.builder().build()
                        : AnonymousCredentialsProvider.create());
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .credentialsProvider(credentials)
                .region(region())
                .multipartEnabled(true)
                .multipartConfiguration(c ->
                        c.thresholdInBytes(MULTIPART_THRESHOLD_BYTES).minimumPartSizeInBytes(MULTIPART_THRESHOLD_BYTES))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(maxConcurrency)
                        .connectionTimeout(CONNECTION_TIMEOUT)
                        .readTimeout(Duration.ofSeconds(60))
                        .writeTimeout(Duration.ofSeconds(60)));
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy())
                .apiCallAttemptTimeout(Duration.ofMinutes(5));
        location.endpoint().ifPresent(endpoint -> override.addExecutionInterceptor(new WithoutObjectSizeHint()));
        builder.overrideConfiguration(override.build());
        location.endpoint()
                .ifPresent(endpoint -> builder.endpointOverride(endpoint)
                        .forcePathStyle(true)
                        // S3-compatible stores do not all know the SDK's default flexible checksums
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    /**
     * The SDK's multipart client tells S3 the object size on CompleteMultipartUpload ({@code x-amz-mp-object-size}), a
     * hint S3-compatible stores such as S3Proxy refuse as unknown (501); without it S3 still checks every part.
     */
    static final class WithoutObjectSizeHint implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            return request.firstMatchingHeader("x-amz-mp-object-size").isPresent()
                    ? request.toBuilder().removeHeader("x-amz-mp-object-size").build()
                    : request;
        }
    }

    private static Region region() {
        String configured = System.getenv("AWS_REGION");
        return configured == null || configured.isBlank() ? DEFAULT_REGION : Region.of(configured);
    }
}
