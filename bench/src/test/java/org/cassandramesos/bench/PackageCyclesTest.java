package org.cassandramesos.bench;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** No import cycle between the benchmarks' packages: each bench (backup, failover, localmode, …) builds on launch. */
@AnalyzeClasses(packages = "org.cassandramesos.bench", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {
    /** Each package is a slice: no two packages may depend on each other, directly or through others. */
    @ArchTest
    static final ArchRule noPackageDependsOnAPackageThatDependsBackOnIt =
            slices().matching("org.cassandramesos.bench.(*)..").should().beFreeOfCycles();
}
