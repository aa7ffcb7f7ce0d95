package org.cassandramesos.local.agent;

/**
 * Which user an executor runs as, decided as a Mesos 1.11 agent with {@code --switch_user} (the default) does: the
 * executor's {@code CommandInfo.user}, else {@code FrameworkInfo.user} (src/slave/slave.cpp, {@code launchExecutor}),
 * entered with {@code os::su}, which only root may do for another user (src/slave/containerizer/mesos/launch.cpp).
 */
sealed interface UserSwitch {
    /** The agent's own user: nothing to switch. */
    record Stay() implements UserSwitch {}

    /** Root drops to this user. */
    record SwitchTo(String user) implements UserSwitch {}

    /** The launch fails with this message. */
    record Refused(String message) implements UserSwitch {}

    static UserSwitch decide(String agentUser, boolean agentIsRoot, String commandUser, String frameworkUser) {
        String user = commandUser.isEmpty() ? frameworkUser : commandUser;
        if (user.isEmpty() || user.equals(agentUser)) return new Stay();
        if (!agentIsRoot) {
            return new Refused("Failed to switch to user '" + user + "': the agent runs as '" + agentUser
                    + "', and only root can run tasks as another user");
        }
        return new SwitchTo(user);
    }
}
