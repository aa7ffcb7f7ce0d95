/**
 * The work the scheduler sends a node's executor, over the node API with the node API token:
 *
 * <ul>
 *   <li>{@code PUT /v1/jobs/{id}} with a {@link org.cassandramesos.protocol.jobs.JobRequest}: 202 and the
 *       {@link org.cassandramesos.protocol.jobs.JobStatus} when started; 200 and the current status when a job with
 *       that id is already known (idempotent, so a scheduler that restarted simply sends it again); 409 when another
 *       job is running on the node; 400 for a request that cannot run.</li>
 *   <li>{@code GET /v1/jobs/{id}}: 200 with the status, 404 when the executor does not know the id (it restarted:
 *       send the request again; every job is safe to repeat).</li>
 *   <li>{@code DELETE /v1/jobs/{id}}: asks a running job to stop; 200 with the status, 404 when unknown.</li>
 *   <li>{@code GET /v1/jobs}: the jobs this executor knows, newest first.</li>
 * </ul>
 *
 * And the node lifecycle (seed 003): {@code POST /v1/cassandra/start|stop|shutdown|reset} (204; 409 with
 * {@code {"message"}} when not applicable, e.g. start while running) and {@code GET /v1/cassandra/info}
 * ({@link org.cassandramesos.protocol.jobs.NodeProcessInfo}). {@code POST /v1/cassandra/decommission} (seed 003
 * destroy): the node leaves the ring (nodetool decommission: its data streams to the others), then its process
 * stops; 204 once done (the scheduler waits up to its decommission timeout), 409 when the node is not running.
 */
package org.cassandramesos.protocol.jobs;
