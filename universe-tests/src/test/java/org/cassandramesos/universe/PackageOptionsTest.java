package org.cassandramesos.universe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PackageOptionsTest {
    private static JsonNode json(String text) throws Exception {
        return UniverseFiles.JSON.readTree(text);
    }

    @Test
    void defaultsFollowTheNestingOfTheSchema() throws Exception {
        ObjectNode defaults = PackageOptions.defaults(json("""
        {"properties": {"a": {"type": "object", "properties": {
            "x": {"type": "integer", "default": 1}, "y": {"type": "string"}}},
          "b": {"type": "string", "default": "two"}}}"""));

        assertThat(defaults).isEqualTo(json("{\"a\":{\"x\":1},\"b\":\"two\"}"));
    }

    @Test
    void userOptionsMergeIntoObjectsAndReplaceEverythingElse() throws Exception {
        ObjectNode base = (ObjectNode) json("{\"a\":{\"x\":1,\"y\":2},\"list\":[1,2],\"s\":\"d\"}");

        ObjectNode merged = PackageOptions.merge(base, json("{\"a\":{\"y\":5},\"list\":[3]}"));

        assertThat(merged).isEqualTo(json("{\"a\":{\"x\":1,\"y\":5},\"list\":[3],\"s\":\"d\"}"));
        assertThat(base).as("inputs untouched").isEqualTo(json("{\"a\":{\"x\":1,\"y\":2},\"list\":[1,2],\"s\":\"d\"}"));
    }
}
