package org.regnet.chaincode.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.regnet.chaincode.ErrorCode;

/**
 * The one JSON mapper: strict on input (unknown or duplicate fields, coercions and trailing data
 * are refused) and deterministic on output (properties and map keys sorted, nulls omitted).
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private Json() {}

  /**
   * Parses client input of at most {@code maxBytes}; any problem is VALIDATION_FAILED naming the
   * field.
   */
  public static <T> T parse(
      final String what, final byte[] json, final int maxBytes, final Class<T> type) {
    if (json == null || json.length == 0) {
      throw ErrorCode.VALIDATION_FAILED.exception(what, "required");
    }
    if (json.length > maxBytes) {
      throw ErrorCode.VALIDATION_FAILED.exception(what, "larger than " + maxBytes + " bytes");
    }
    try {
      final T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw ErrorCode.VALIDATION_FAILED.exception(what, "must be a JSON object");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ErrorCode.VALIDATION_FAILED.exception(path(what, e), "unknown field");
    } catch (InvalidFormatException e) {
      throw ErrorCode.VALIDATION_FAILED.exception(path(what, e), "invalid value");
    } catch (JsonMappingException e) {
      throw ErrorCode.VALIDATION_FAILED.exception(path(what, e), "wrong type or malformed value");
    } catch (IOException e) {
      throw ErrorCode.VALIDATION_FAILED.exception(what, "malformed JSON");
    }
  }

  /** Parses a UTF-8 string argument. */
  public static <T> T parse(
      final String what, final String json, final int maxBytes, final Class<T> type) {
    if (json == null) {
      throw ErrorCode.VALIDATION_FAILED.exception(what, "required");
    }
    return parse(what, json.getBytes(StandardCharsets.UTF_8), maxBytes, type);
  }

  /** Reads our own stored JSON; a failure here is corruption, not bad input. */
  public static <T> T read(final byte[] json, final Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw ErrorCode.INTERNAL.exception(
          "state", "unreadable stored value of type " + type.getSimpleName());
    }
  }

  /** Deterministic serialisation. */
  public static byte[] bytes(final Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw ErrorCode.INTERNAL.exception(
          "json", "cannot serialise " + value.getClass().getSimpleName());
    }
  }

  /** Deterministic serialisation as a string. */
  public static String string(final Object value) {
    return new String(bytes(value), StandardCharsets.UTF_8);
  }

  private static String path(final String what, final JsonMappingException e) {
    final StringBuilder sb = new StringBuilder(what);
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append('.').append(sanitise(ref.getFieldName()));
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** Field names from the client end up in messages: keep them short and printable. */
  private static String sanitise(final String name) {
    final StringBuilder sb = new StringBuilder();
    name.codePoints().limit(64).forEach(c -> sb.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
    return sb.toString();
  }
}
