package org.regnet.node.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The API's JSON: strict on input (duplicate keys, trailing data refused), sorted on output. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a request body that must be a JSON object. */
  public static ObjectNode parseObject(byte[] body) {
    if (body.length == 0) {
      return object();
    }
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || !n.isObject()) {
        throw new ApiException("VALIDATION_FAILED", "body", "must be a JSON object");
      }
      return (ObjectNode) n;
    } catch (IOException e) {
      throw new ApiException("VALIDATION_FAILED", "body", "malformed JSON");
    }
  }

  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new ApiException("INTERNAL", "unreadable ledger answer");
    }
  }

  public static byte[] bytes(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String text(JsonNode n) {
    return new String(bytes(n), java.nio.charset.StandardCharsets.UTF_8);
  }
}
