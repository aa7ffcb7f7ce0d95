package org.cassandramesos.scheduler;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The scheduler's packages in layers, each using only those below it (docs/architecture.md): settings ({@code config},
 * {@code auth}, {@code frameworkauth}, {@code tls}, {@code logging}) → decisions ({@code plan}, {@code offer},
 * {@code validation}, {@code metrics}) → {@code state} → acting ({@code mesos}, {@code ops}, {@code backup},
 * {@code secrets}, {@code leader}, {@code uninstall}) → {@code api}; the root package wires them all together.
 */
@AnalyzeClasses(packages = "org.cassandramesos.scheduler", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageLayersTest {
    private static final String ROOT = "org.cassandramesos.scheduler";

    /** Each package is a slice: no two packages may depend on each other, directly or through others. */
    @ArchTest
    static final ArchRule noPackageDependsOnAPackageThatDependsBackOnIt =
            slices().matching("org.cassandramesos.scheduler.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule eachLayerUsesOnlyTheLayersBelowIt = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Wiring")
            .definedBy(ROOT)
            .layer("Api")
            .definedBy(ROOT + ".api..")
            .layer("Acting")
            .definedBy(
                    ROOT + ".mesos..",
                    ROOT + ".ops..",
                    ROOT + ".backup..",
                    ROOT + ".secrets..",
                    ROOT + ".leader..",
                    ROOT + ".uninstall..")
            .layer("State")
            .definedBy(ROOT + ".state..")
            .layer("Decisions")
            .definedBy(ROOT + ".plan..", ROOT + ".offer..", ROOT + ".validation..", ROOT + ".metrics..")
            .layer("Settings")
            .definedBy(
                    ROOT + ".config..",
                    ROOT + ".auth..",
                    ROOT + ".frameworkauth..",
                    ROOT + ".tls..",
                    ROOT + ".logging..")
            .whereLayer("Wiring")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Api")
            .mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("Acting")
            .mayOnlyBeAccessedByLayers("Wiring", "Api")
            .whereLayer("State")
            .mayOnlyBeAccessedByLayers("Wiring", "Api", "Acting")
            .whereLayer("Decisions")
            .mayOnlyBeAccessedByLayers("Wiring", "Api", "Acting", "State");
}
