package org.cassandramesos.local.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A test class whose tests are the steps of one scenario on one shared cluster (set up in {@code @BeforeAll}, torn
 * down in {@code @AfterAll} whatever happened): the steps run in {@code @Order}, and once a step fails the later ones
 * are skipped, naming the failed step, instead of failing on the state it left. One failure reads as one failure, not
 * a cascade; the class's place among other classes does not matter (each has its own cluster).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(Stepwise.SkipAfterFailure.class)
public @interface Stepwise {

    /** Skips a class's remaining steps once one of them has failed. */
    final class SkipAfterFailure implements ExecutionCondition, TestWatcher {
        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(SkipAfterFailure.class);
        private static final String FAILED_STEP = "failed step";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isEmpty()) {
                return ConditionEvaluationResult.enabled("the scenario's class");
            }
            String failed = scenario(context).get(FAILED_STEP, String.class);
            return failed == null
                    ? ConditionEvaluationResult.enabled("no earlier step failed")
                    : ConditionEvaluationResult.disabled("an earlier step of this scenario failed: " + failed);
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            ExtensionContext.Store scenario = scenario(context);
            if (scenario.get(FAILED_STEP) == null) {
                scenario.put(FAILED_STEP, context.getDisplayName()); // the first failure is the one to read
            }
        }

        private static ExtensionContext.Store scenario(ExtensionContext method) {
            return method.getParent().orElseThrow().getStore(NAMESPACE);
        }
    }
}
