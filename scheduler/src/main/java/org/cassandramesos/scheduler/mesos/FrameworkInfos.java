package org.cassandramesos.scheduler.mesos;

import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo.Capability;
import org.cassandramesos.scheduler.config.ServiceConfig;

/** The FrameworkInfo we subscribe with (the client adds the persisted framework id). */
public final class FrameworkInfos {
    private FrameworkInfos() {}

    public static FrameworkInfo of(ServiceConfig config) {
        return FrameworkInfo.newBuilder()
                .setUser(config.user())
                .setName(config.serviceName())
                .addRoles(config.role())
                .setPrincipal(config.principal())
                .setFailoverTimeout(config.failoverTimeout().toMillis() / 1000.0)
                .setCheckpoint(true)
                .addCapabilities(capability(Capability.Type.MULTI_ROLE))
                .addCapabilities(capability(Capability.Type.RESERVATION_REFINEMENT))
                .addCapabilities(capability(Capability.Type.PARTITION_AWARE))
                .addCapabilities(capability(Capability.Type.TASK_KILLING_STATE))
                .build();
    }

    private static Capability capability(Capability.Type type) {
        return Capability.newBuilder().setType(type).build();
    }
}
