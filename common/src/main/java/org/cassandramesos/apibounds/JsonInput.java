package org.cassandramesos.apibounds;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How the APIs read request bodies: strictly (no unknown fields, no number or boolean taken for a string, no
 * string for a number), and with error messages that name the field and what it should be, never a Java class.
 */
public final class JsonInput {
    private JsonInput() {}

    /** A mapper that refuses unknown fields and scalar coercions. */
    public static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (LogicalType type : LogicalType.values()) {
            for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
            }) {
                if (type != LogicalType.Integer && type != LogicalType.Float && type != LogicalType.Boolean) {
                    mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
                }
            }
            if (type != LogicalType.Textual && type != LogicalType.Enum) {
                mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            }
        }
        return mapper;
    }

    /** What is wrong with a body Jackson could not read, for an operator: which field, and what it should be. */
    public static String describe(JacksonException error) {
        if (error instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + field(unknown) + "'" + known(unknown.getKnownPropertyIds());
        }
        if (error instanceof JsonParseException || !(error instanceof JsonMappingException mapping)) {
            JsonLocation at = error.getLocation();
            return "the body is not JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        String field = field(mapping);
        String expected = expected(mapping);
        if (field.isEmpty()) {
            return "the body must be " + expected;
        }
        return "field '" + field + "' must be " + expected;
    }

    private static String field(JsonMappingException error) {
        return error.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        return "; the fields are "
                + new TreeSet<>(ids.stream().map(String::valueOf).toList());
    }

    private static String expected(JsonMappingException error) {
        Class<?> type = error instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                ? mismatch.getTargetType()
                : null;
        if (type == null) {
            return "of the documented type";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of the documented values";
        }
        if (Map.class.isAssignableFrom(type)
                || type.isRecord()
                || !type.getName().startsWith("java.")) {
            return "a JSON object";
        }
        return "of the documented type";
    }
}
