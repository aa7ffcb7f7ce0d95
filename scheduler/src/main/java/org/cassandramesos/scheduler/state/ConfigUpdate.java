package org.cassandramesos.scheduler.state;

import java.util.List;
import java.util.Optional;
import org.cassandramesos.scheduler.config.ConfigVersion;
import org.cassandramesos.scheduler.config.ServiceConfig;
import org.cassandramesos.scheduler.validation.ConfigValidator;

/**
 * What happens to the config a (re)started scheduler was deployed with: if valid, and different from
 * the target, it becomes the new target (rolled out by the deploy plan, see {@code ConfigRollout}; a config stored
 * before becomes the target again under its old id); if invalid, the old target
 * stays and the errors go into the deploy plan.
 *
 * @param target the config to deploy; empty only when the very first config is invalid
 * @param errors why the proposed config was refused
 */
public record ConfigUpdate(Optional<ConfigVersion> target, List<String> errors) {

    public ConfigUpdate {
        errors = List.copyOf(errors);
    }

    public static ConfigUpdate apply(ConfigStore store, ServiceConfig deployed) {
        Optional<ConfigVersion> current = store.target();
        // nodes added through the API stay while the scheduler is started with the count they were added over
        Optional<ConfigStore.AddedCount> added = store.addedCount();
        boolean keepsAdded = added.isPresent()
                && deployed.nodes() != null
                && deployed.nodes().count() == added.get().deployed();
        ServiceConfig proposed = keepsAdded
                ? deployed.withNodes(deployed.nodes().withCount(added.get().count()))
                : deployed;
        ConfigUpdate update = decide(store, current, proposed);
        if (added.isPresent() && !keepsAdded && update.errors().isEmpty()) {
            store.forgetAddedCount(); // another count was deployed: it is the count now
        }
        return update;
    }

    private static ConfigUpdate decide(ConfigStore store, Optional<ConfigVersion> current, ServiceConfig proposed) {
        List<String> errors = current.map(version -> ConfigValidator.validateUpdate(version.config(), proposed))
                .orElseGet(() -> ConfigValidator.validate(proposed));
        if (!errors.isEmpty()) {
            return new ConfigUpdate(current, errors);
        }
        if (current.isPresent() && current.get().config().equals(proposed)) {
            return new ConfigUpdate(current, List.of());
        }
        if (current.isPresent() && onlyCountDiffers(current.get().config(), proposed)) {
            // scale out or in: the target keeps its id, so the nodes that stay are not relaunched for it
            store.replace(current.get().id(), proposed);
            return new ConfigUpdate(Optional.of(new ConfigVersion(current.get().id(), proposed)), List.of());
        }
        // back to a config stored before (e.g. undoing a change a node could not start with): its version is the target
        // again, so the nodes still running it are not relaunched for nothing
        for (java.util.UUID id : store.ids()) {
            Optional<ConfigVersion> stored = store.get(id);
            if (stored.isPresent() && stored.get().config().equals(proposed)) {
                store.retarget(id);
                return new ConfigUpdate(stored, List.of());
            }
        }
        return new ConfigUpdate(Optional.of(store.storeAsTarget(proposed)), List.of());
    }

    /** The two configs differ in the node count and nothing else (no TaskInfo is built from the count). */
    static boolean onlyCountDiffers(ServiceConfig current, ServiceConfig proposed) {
        return current.nodes() != null
                && proposed.nodes() != null
                && current.nodes().count() != proposed.nodes().count()
                && current.withNodes(current.nodes().withCount(proposed.nodes().count()))
                        .equals(proposed);
    }
}
