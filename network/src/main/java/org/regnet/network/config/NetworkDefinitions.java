package org.regnet.network.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a {@link NetworkDefinition} from YAML, refusing unknown or missing fields. */
public final class NetworkDefinitions {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private NetworkDefinitions() {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

  /** Writes the definition as JSON (the running network's, with members added since). */
  public static void save(NetworkDefinition def, Path file) {
    try {
      JSON.writeValue(file.toFile(), def);
    } catch (IOException e) {
      throw new InvalidDefinitionException(file + ": cannot write: " + e.getMessage());
    }
  }

  /** Reads a definition from YAML, or from JSON when the file name ends in .json. */
  public static NetworkDefinition load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidDefinitionException("network definition not found: " + file);
    }
    try {
      return (file.toString().endsWith(".json") ? JSON : YAML)
          .readValue(file.toFile(), NetworkDefinition.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new InvalidDefinitionException(file + ": " + cause.getMessage());
    } catch (JacksonException e) {
      throw new InvalidDefinitionException(file + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidDefinitionException(file + ": cannot read: " + e.getMessage());
    }
  }
}
