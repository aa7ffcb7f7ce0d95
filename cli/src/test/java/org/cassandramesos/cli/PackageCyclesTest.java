package org.cassandramesos.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** No import cycle in the CLI (one package today: the rule guards the day it has more). */
@AnalyzeClasses(packages = "org.cassandramesos.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {
    /** Each package is a slice: no two packages may depend on each other, directly or through others. */
    @ArchTest
    static final ArchRule noPackageDependsOnAPackageThatDependsBackOnIt =
            slices().matching("org.cassandramesos.(**)").should().beFreeOfCycles();
}
