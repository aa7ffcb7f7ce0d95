/**
 * Uninstall ({@code SDK_UNINSTALL=true}, set by Cosmos on {@code dcos package uninstall}): instead of deploying, the
 * scheduler runs the uninstall plan, modelled on dcos-commons' — kill every task, destroy every persistent volume and
 * unreserve every reservation of its role as offers bring them back, then delete its ZooKeeper root and TEARDOWN the
 * framework. Decisions are pure ({@link org.cassandramesos.scheduler.uninstall.UninstallPlanFactory},
 * {@link org.cassandramesos.scheduler.uninstall.UninstallTransitions},
 * {@link org.cassandramesos.scheduler.uninstall.UninstallOffers}); the Mesos calls and ZooKeeper writes are made by
 * {@link org.cassandramesos.scheduler.uninstall.UninstallScheduler} and
 * {@link org.cassandramesos.scheduler.uninstall.UninstallService}.
 */
package org.cassandramesos.scheduler.uninstall;
