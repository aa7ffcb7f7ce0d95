package org.cassandramesos.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.text.StringSubstitutor;
import org.cassandramesos.scheduler.config.CandidateConfigs;
import org.cassandramesos.scheduler.config.ServiceConfig;

/**
 * Reads the configuration file the scheduler started with again, exactly as at start-up ({@link
 * SchedulerApplication#configurationSource()}'s {@code ${VAR:-default}} substitution, Dropwizard's {@code dw.}
 * overrides), with some variables over the process environment: the configuration a restart with them would bring.
 */
final class ConfigFileReader implements CandidateConfigs {
    private final ConfigurationSourceProvider files;
    private final String path;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final UnaryOperator<String> environment;

    ConfigFileReader(
            ConfigurationSourceProvider files,
            String path,
            ObjectMapper mapper,
            Validator validator,
            UnaryOperator<String> environment) {
        this.files = files;
        this.path = path;
        this.mapper = mapper;
        this.validator = validator;
        this.environment = environment;
    }

    @Override
    public ServiceConfig withVariables(Map<String, String> variables) {
        StringSubstitutor substitutor = new StringSubstitutor(
                name -> variables.containsKey(name) ? variables.get(name) : environment.apply(name));
        // as Dropwizard's EnvironmentVariableSubstitutor(false, true) at start-up
        substitutor.setEnableUndefinedVariableException(false);
        substitutor.setEnableSubstitutionInVariables(true);
        try {
            return new YamlConfigurationFactory<>(SchedulerConfiguration.class, validator, mapper, "dw")
                    .build(new SubstitutingSourceProvider(files, substitutor), path)
                    .getService();
        } catch (ConfigurationException e) {
            throw new IllegalArgumentException("the scheduler could not read its configuration with these settings: "
                    + String.join("; ", e.getErrors()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the scheduler's configuration file " + path, e);
        }
    }
}
