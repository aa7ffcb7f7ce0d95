/**
 * How the scheduler authenticates itself to the Mesos master (framework authentication; the other direction,
 * callers of our API, is {@code org.cassandramesos.scheduler.auth}): nothing, HTTP Basic with the principal's secret
 * ({@code --authenticate_http_frameworks --http_framework_authenticators=basic}), or a DC/OS service account whose
 * login yields the {@code token=} the strict-mode master requires. docs/framework-auth.md.
 */
package org.cassandramesos.scheduler.frameworkauth;
